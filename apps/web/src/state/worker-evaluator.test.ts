/**
 * The page's side of the plan worker (worker-evaluator.ts) against the worker's own handler
 * (plan-worker-handler.ts), connected by a real MessageChannel, so every message is structured-
 * cloned as between a page and its worker: results arrive whole, the latest edit wins, a stale
 * traffic curve is abandoned, and a worker that fails leaves the calculator sizing in-thread.
 */
import { planPresets } from '@headroom/model';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluatePlan, type Evaluation } from './evaluate-plan.ts';
import type { EvaluationListener } from './plan-evaluator.ts';
import { planWorkerHandler } from './plan-worker-handler.ts';
import type { PlanWorkerRequest, PlanWorkerResponse } from './plan-worker-protocol.ts';
import { createPlanStore } from './store.ts';
import { TRAFFIC_MULTIPLIERS, trafficCurve, type TrafficCurve } from './traffic-curve.ts';
import { workerPlanEvaluator, type PlanWorkerPort } from './worker-evaluator.ts';

const yamlOf = (name: string) => planPresets.find((p) => p.name === name)!.yaml;
const ports: MessagePort[] = [];

/** The handler behind one end of a MessageChannel; the other end is the "worker" the evaluator talks to. Records what the worker was asked. */
function channelWorker(): { port: PlanWorkerPort; asked: string[] } {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const asked: string[] = [];
  const handle = planWorkerHandler((response) => port2.postMessage(response));
  port2.addEventListener('message', (event) => {
    const request = (event as MessageEvent<PlanWorkerRequest>).data;
    asked.push(request.text);
    handle(request);
  });
  port2.start();
  port1.start();
  return { port: port1 as unknown as PlanWorkerPort, asked };
}

/** A listener that records everything it hears. */
function recorder() {
  const heard: { evaluated: Evaluation[]; curves: TrafficCurve[]; phases: string[] } = { evaluated: [], curves: [], phases: [] };
  const listener: EvaluationListener = {
    progress: (phase) => heard.phases.push(phase),
    evaluated: (evaluation) => heard.evaluated.push(evaluation),
    curve: (curve) => heard.curves.push(curve),
  };
  return { heard, listener };
}

afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

describe('the plan worker and its evaluator', () => {
  it('answers with the same evaluation and traffic curve as the in-thread functions, after its progress', async () => {
    const { port } = channelWorker();
    const evaluator = workerPlanEvaluator(() => port);
    const { heard, listener } = recorder();
    const text = yamlOf('rag');
    evaluator.evaluate(text, listener);
    await expect.poll(() => heard.curves.length).toBe(1);
    const expected = evaluatePlan(text);
    expect(heard.evaluated).toEqual([expected]);
    expect(heard.phases).toEqual(['parsing', 'sizing']);
    expect(expected.ok && heard.curves[0]).toEqual(expected.ok && trafficCurve(expected.results.plan));
    expect(heard.curves[0]!.points.map((p) => p.multiplier)).toEqual([...TRAFFIC_MULTIPLIERS]);
  });

  it('answers a bad text with its problems and no curve', async () => {
    const { port } = channelWorker();
    const { heard, listener } = recorder();
    workerPlanEvaluator(() => port).evaluate('apiVersion: headroom/v1\nkind: [\n', listener);
    await expect.poll(() => heard.evaluated.length).toBe(1);
    expect(heard.evaluated[0]).toEqual(evaluatePlan('apiVersion: headroom/v1\nkind: [\n'));
    expect(heard.evaluated[0]!.ok).toBe(false);
    await new Promise((done) => setTimeout(done, 50));
    expect(heard.curves).toEqual([]);
  });

  it('lets the latest edit win: texts typed while the worker is busy replace each other, and only the last is sized and delivered', async () => {
    const { port, asked } = channelWorker();
    const evaluator = workerPlanEvaluator(() => port);
    const texts = ['llm-chat', 'rag', 'batch-scoring', 'fine-tuning'].map(yamlOf);
    const listeners = texts.map(() => recorder());
    texts.forEach((text, i) => evaluator.evaluate(text, listeners[i]!.listener));
    await expect.poll(() => listeners[3]!.heard.curves.length).toBe(1);
    // The first was sent at once; the two typed while it was being sized were never sent.
    expect(asked).toEqual([texts[0], texts[3]]);
    expect(listeners.slice(0, 3).map((l) => l.heard.evaluated.length + l.heard.curves.length)).toEqual([0, 0, 0]);
    expect(listeners[3]!.heard.evaluated).toEqual([evaluatePlan(texts[3]!)]);
  });

  it('abandons the traffic curve of a text as soon as a newer one arrives', () => {
    const posted: PlanWorkerResponse[] = [];
    const tasks: (() => void)[] = [];
    const handle = planWorkerHandler((response) => posted.push(response), (task) => tasks.push(task));
    handle({ id: 1, text: yamlOf('chat-assistant') });
    tasks.shift()!(); // one multiplier of the first text's curve
    handle({ id: 2, text: yamlOf('rag') });
    while (tasks.length > 0) tasks.shift()!();
    expect(posted.filter((r) => r.kind === 'evaluated').map((r) => r.id)).toEqual([1, 2]);
    expect(posted.filter((r) => r.kind === 'curve').map((r) => r.id)).toEqual([2]);
  });

  it('sizes in the page thread when no worker can start, and when the worker fails', async () => {
    const { heard, listener } = recorder();
    workerPlanEvaluator(() => undefined).evaluate(yamlOf('rag'), listener);
    // The in-thread functions load on first use (lazy-evaluator.ts), then answer.
    await expect.poll(() => heard.evaluated, { timeout: 10_000 }).toEqual([evaluatePlan(yamlOf('rag'))]);

    // A worker whose script never loads (a Content-Security-Policy, a 404): what it was asked is answered here.
    const failing = new EventTarget();
    const broken = { postMessage: () => undefined, addEventListener: failing.addEventListener.bind(failing) } as unknown as PlanWorkerPort;
    const evaluator = workerPlanEvaluator(() => broken);
    const first = recorder();
    const second = recorder();
    evaluator.evaluate(yamlOf('llm-chat'), first.listener);
    evaluator.evaluate(yamlOf('batch-scoring'), second.listener);
    failing.dispatchEvent(new Event('error'));
    expect(first.heard.evaluated).toEqual([]);
    expect(second.heard.evaluated).toEqual([evaluatePlan(yamlOf('batch-scoring'))]);
    const third = recorder();
    evaluator.evaluate(yamlOf('rag'), third.listener);
    expect(third.heard.evaluated).toHaveLength(1);
  });

  it('keeps the last good results in the store while a newer text is sized, and never applies a stale answer', async () => {
    const { port } = channelWorker();
    const store = createPlanStore(yamlOf('rag'), { evaluator: workerPlanEvaluator(() => port) });
    expect(store.getState().results).toBeUndefined();
    expect(store.getState().evaluating).toBe('parsing');
    await expect.poll(() => store.getState().trafficCurve).toBeDefined();
    const rag = store.getState().results;
    expect(rag?.sizing.plan.name).toBe('rag');

    store.getState().setText(yamlOf('llm-chat'));
    store.getState().setText(yamlOf('llm-chat').replace('peakRequestsPerSecond: 12,', 'peakRequestsPerSecond: lots,'));
    store.getState().setText(yamlOf('batch-scoring'));
    // Meanwhile the rag results stay on screen.
    expect(store.getState().results).toBe(rag);
    expect(store.getState().evaluating).toBeDefined();
    await expect.poll(() => store.getState().evaluating).toBeUndefined();
    expect(store.getState().results?.sizing.plan.name).toBe('batch-scoring');
    expect(store.getState().issues).toEqual([]);
    await expect.poll(() => store.getState().trafficCurve?.kinds).toEqual(['batch-inference']);
  });
});
