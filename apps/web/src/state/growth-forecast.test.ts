import { findPlanPreset } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { planWorkerHandler } from './plan-worker-handler.ts';
import type { PlanWorkerResponse } from './plan-worker-protocol.ts';

/** Runs the worker's handler with tasks queued by hand, so a test can interleave a newer request. */
function worker() {
  const posted: PlanWorkerResponse[] = [];
  const tasks: (() => void)[] = [];
  const handle = planWorkerHandler((r) => posted.push(r), (step) => tasks.push(step));
  const drain = () => { while (tasks.length) tasks.shift()!(); };
  return { posted, tasks, handle, drain };
}

describe('the plan worker\'s growth forecast', () => {
  it('follows the curve for a plan with growth, one month per task, with the CLI\'s exhaustion months', () => {
    const w = worker();
    w.handle({ id: 1, text: findPlanPreset('llm-chat')!.yaml });
    w.drain();
    expect(w.posted.map((r) => r.kind)).toEqual(['progress', 'progress', 'evaluated', 'curve', 'forecast']);
    const last = w.posted.at(-1)!;
    if (last.kind !== 'forecast' || !last.forecast) throw new Error('no forecast posted');
    expect(last.forecast.months).toHaveLength(13);
    expect(last.forecast.exhaustion.map((e) => [e.kind, e.pool, e.month])).toEqual([['maxNodes', 'h100', 6], ['quota', 'h100', 8]]);
  });

  it('posts null for a plan without growth, so the section goes away', () => {
    const w = worker();
    w.handle({ id: 1, text: findPlanPreset('chat-assistant')!.yaml });
    w.drain();
    expect(w.posted.at(-1)).toEqual({ id: 1, kind: 'forecast', forecast: null });
  });

  it('abandons the forecast between months when a newer plan arrives', () => {
    const w = worker();
    w.handle({ id: 1, text: findPlanPreset('llm-chat')!.yaml });
    // Run until the first forecast month is queued, then send a newer text.
    while (w.tasks.length && !w.posted.some((r) => r.kind === 'curve')) w.tasks.shift()!();
    w.tasks.shift()!();
    w.handle({ id: 2, text: findPlanPreset('chat-assistant')!.yaml });
    w.drain();
    expect(w.posted.filter((r) => r.id === 1 && r.kind === 'forecast')).toEqual([]);
    expect(w.posted.at(-1)).toEqual({ id: 2, kind: 'forecast', forecast: null });
  });
});
