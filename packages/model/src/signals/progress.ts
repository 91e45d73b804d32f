/**
 * Projected finish of a run that counts its progress (training tokens, batch items): time since its
 * oldest pod started (kube-state-metrics kube_pod_start_time) plus the work left (the plan's work per
 * run, headroom_plan_work_per_run, less what the counter has counted) at the current rate. Compared
 * with the plan's deadline or window, it says early whether this run will be late, whatever
 * happened so far; a stalled run (rate 0) has no projection (the stall alerts cover it).
 */
import type { Signal, SignalAlert } from '../kinds/types.ts';

export function projectedFinish(options: { counter: string; unit: string; checks: string; limit: string; alert: SignalAlert }): Signal {
  const { counter, unit } = options;
  const work = `max {{by}} (headroom_plan_work_per_run{plan="{{plan}}", workload="{{workload}}", unit="${unit}"})`;
  return {
    id: 'projected-run-seconds', title: 'Projected run duration', unit: 's', source: 'headroom', checks: options.checks,
    description: `Time the run will have taken when it finishes at the current rate: since its oldest pod started, plus the ${unit} left (the plan's work per run less ${counter}) at the current rate. Good: within the ${options.limit}. Assumes the counter counts this run from its start.`,
    query: `(time() - min {{by}} (kube_pod_start_time{{{selector}}} {{pods}})) + (${work} - sum {{by}} (${counter}{{{selector}}} {{pods}})) / (sum {{by}} (rate(${counter}{{{selector}}}[{{window}}]) {{pods}}) > 0)`,
    planned: { metric: 'headroom_plan_window_seconds' },
    alerts: [options.alert],
    // The pod started at 0 and the counter runs at the rate that finishes the plan's work in `value` seconds.
    fixture: (value, _atSeconds, planned) => [
      { metric: 'kube_pod_start_time', labels: { uid: '0000' }, start: 0, perSecond: 0, level: 'pod' },
      { metric: counter, start: 0, perSecond: planned('headroom_plan_work_per_run', { unit }) / value },
    ],
  };
}
