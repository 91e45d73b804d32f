/**
 * Projected finish against the deadline or window, for the kinds whose runs do a known amount of
 * work (headroom_plan_work_per_run) with a progress counter that counts one run: training (tokens)
 * and batch inference (items). A small table keyed on the kind; the counter's name is read from the
 * kind's rate signal, so it is written down once, in the kind. Pipelines count bytes across runs,
 * so their check is the run-duration signal instead.
 */
import type { Signal } from '@headroom/model';
import type { WorkloadTarget } from '../promql/selectors.ts';
import { projectedRunSeconds, signalActual, windowPlanned, type PlanRef } from './queries.ts';
import type { PanelSpec } from './spec.ts';
import { panelUnit } from './units.ts';

interface Progress {
  /** The kind's signal whose query is the rate of the progress counter. */
  rateSignal: string;
  /** The unit label of headroom_plan_work_per_run. */
  workUnit: string;
  /** What the plan calls the time limit. */
  limit: 'deadline' | 'window';
}

export const progressByKind: Readonly<Record<string, Progress>> = {
  training: { rateSignal: 'tokens-per-second', workUnit: 'tokens', limit: 'deadline' },
  'batch-inference': { rateSignal: 'items-per-second', workUnit: 'items', limit: 'window' },
};

/** The counter a rate signal takes the rate of: sum {{by}} (rate(<counter>{{{selector}}}[...]) ...). */
export function progressCounter(signal: Signal): string | undefined {
  return /rate\(([a-zA-Z_:][a-zA-Z0-9_:]*)\{\{\{selector\}\}\}/.exec(signal.query)?.[1];
}

export function progressPanels(kind: string, signals: readonly Signal[], target: WorkloadTarget, ref: PlanRef): PanelSpec[] {
  const progress = progressByKind[kind];
  const signal = progress && signals.find((s) => s.id === progress.rateSignal);
  const counter = signal && progressCounter(signal);
  if (!progress || !signal || !counter) return [];
  return [{
    type: 'timeseries',
    title: `Projected finish vs ${progress.limit}`,
    description: `How long the run will have taken when it finishes at the current rate: time since its oldest pod started, plus the ${progress.workUnit} left `
      + `(headroom_plan_work_per_run{unit="${progress.workUnit}"} less ${counter}) divided by the current rate. `
      + `Good: below the ${progress.limit} line (headroom_plan_window_seconds from the plan exporter); above it the run will miss its ${progress.limit} unless it speeds up. `
      + 'Assumes the counter counts this run from its start and a restarted pod resumes it.',
    unit: panelUnit('s'),
    queries: [
      { expr: projectedRunSeconds(target, ref, { counter, workUnit: progress.workUnit, rate: signalActual(signal, target, ref) }), legend: 'projected run duration' },
      { expr: windowPlanned(ref), legend: progress.limit, reference: true },
    ],
  }];
}
