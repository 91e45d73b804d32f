/**
 * A PlanEvaluator backed by the plan worker (plan.worker.ts): the page's main thread only posts the
 * text and receives the results. Latest edit wins: at most one text is being evaluated at a time;
 * texts typed meanwhile replace each other, and only the last is sent when the worker is free (its
 * results are the only ones delivered). The traffic curve follows in later messages and is abandoned
 * by the worker as soon as a newer text arrives. When the worker cannot start or fails, the
 * evaluator carries on in the page's thread (`fallback`), so the calculator still works.
 */
import { lazyInThreadEvaluator } from './lazy-evaluator.ts';
import type { EvaluationListener, PlanEvaluator } from './plan-evaluator.ts';
import type { PlanWorkerRequest, PlanWorkerResponse } from './plan-worker-protocol.ts';

/** The part of a Worker the evaluator uses (a MessagePort in tests). */
export interface PlanWorkerPort {
  postMessage: (request: PlanWorkerRequest) => void;
  addEventListener: ((type: 'message', listener: (event: MessageEvent<PlanWorkerResponse>) => void) => void) & ((type: 'error' | 'messageerror', listener: (event: Event) => void) => void);
}

interface Request {
  id: number;
  text: string;
  listener: EvaluationListener;
}

/** `start` returns the worker, or undefined when none can run here. */
export function workerPlanEvaluator(start: () => PlanWorkerPort | undefined, fallback: PlanEvaluator = lazyInThreadEvaluator): PlanEvaluator {
  let port: PlanWorkerPort | undefined;
  let failed = false;
  let nextId = 0;
  /** The last request sent; its answers are the only ones delivered. */
  let latest: Request | undefined;
  /** True until the worker has answered `latest` with its evaluation. */
  let busy = false;
  /** The newest text asked for while busy; sent when the worker answers. */
  let waiting: Omit<Request, 'id'> | undefined;

  const send = (text: string, listener: EvaluationListener) => {
    latest = { id: ++nextId, text, listener };
    busy = true;
    port!.postMessage({ id: latest.id, text });
  };

  const onMessage = (event: MessageEvent<PlanWorkerResponse>) => {
    const response = event.data;
    if (failed || !latest || response.id !== latest.id) return;
    const { listener } = latest;
    if (response.kind === 'progress') {
      if (!waiting) listener.progress?.(response.phase);
    } else if (response.kind === 'evaluated') {
      busy = false;
      if (waiting) {
        const next = waiting;
        waiting = undefined;
        send(next.text, next.listener);
      } else {
        listener.evaluated(response.evaluation);
      }
    } else if (response.kind === 'curve') {
      listener.curve?.(response.curve);
    } else {
      listener.forecast?.(response.forecast);
    }
  };

  /** The worker failed to load or run: what it was asked last is answered in this thread, and so is everything after. */
  const onFailure = () => {
    if (failed) return;
    failed = true;
    const unanswered = waiting ?? (busy ? latest : undefined);
    waiting = undefined;
    if (unanswered) fallback.evaluate(unanswered.text, unanswered.listener);
  };

  const started = (): boolean => {
    if (port || failed) return !failed;
    try {
      port = start();
    } catch {
      port = undefined;
    }
    if (!port) {
      failed = true;
      return false;
    }
    port.addEventListener('message', onMessage);
    port.addEventListener('error', onFailure);
    port.addEventListener('messageerror', onFailure);
    return true;
  };

  return {
    evaluate(text, listener) {
      if (!started()) return fallback.evaluate(text, listener);
      if (busy) waiting = { text, listener };
      else send(text, listener);
    },
  };
}
