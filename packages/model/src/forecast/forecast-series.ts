/**
 * The forecast as plan series: this calendar month's expected load per workload, which the
 * exporter publishes beside the planned peak so a dashboard draws actual traffic against the
 * forecast line. Only for plans that date month 0 (spec.growth.start): without a date there is no
 * "this month".
 */
import { startMonth } from '../schema/growth.ts';
import type { Plan } from '../schema/plan.ts';
import { planMetricFamilies, type PlanSample } from '../signals/plan-metrics.ts';
import { growthRule, loadMultiplier } from './growth.ts';
import { scaleLoad } from './scale-load.ts';

/** Whole calendar months (UTC) from the start month to `now`'s; months before the start count as 0. */
export function forecastMonthAt(start: string, now: Date): number {
  const s = startMonth(start);
  return Math.max(0, (now.getUTCFullYear() * 12 + now.getUTCMonth()) - (s.year * 12 + s.month - 1));
}

const workUnit = { 'batch-inference': 'items', 'data-pipeline': 'bytes', training: 'tokens' } as const;

export function forecastSamples(plan: Plan, now: Date): PlanSample[] {
  const start = plan.spec.growth?.start;
  if (start === undefined) return [];
  const month = forecastMonthAt(start, now);
  const f = planMetricFamilies;
  return plan.spec.workloads.map((w, i) => {
    const labels = { plan: plan.metadata.name, namespace: w.match?.namespace ?? plan.metadata.namespace, workload: w.name, kind: w.kind };
    const { scaled } = scaleLoad(w, loadMultiplier(growthRule(plan, w, i), month));
    return w.kind === 'llm-inference' || w.kind === 'model-serving'
      ? { name: f.forecastPeakRequestsPerSecond.name, labels, value: scaled }
      : { name: f.forecastWorkPerRun.name, labels: { ...labels, unit: workUnit[w.kind] }, value: scaled };
  });
}
