/**
 * Which histogram bucket measures a latency objective. Burn-rate rules count the requests at or
 * under a bucket bound (`le`), so they can only measure an objective at a bound the runtime
 * publishes. An objective between bounds is measured at the nearest bound below it: requests
 * between that bound and the objective count as misses, so the alert errs towards firing early,
 * never towards a rule that selects no bucket and cannot fire.
 */
import type { LatencyObjective, Plan, Sizing } from '@headroom/model';
import { workloadContexts } from '../workloads.ts';

/** Bounds closer than this are the same (1.0 printed as "1.0" versus 0.1 + 0.9 in floating point). */
const SAME_BOUND = 1e-9;

export interface MeasuredObjective {
  /** The `le` bound the rules read, in seconds. */
  bucketSeconds: number;
  /** True when that bound is not the objective itself. */
  approximated: boolean;
}

export function measuredAt(objective: LatencyObjective): MeasuredObjective {
  const threshold = objective.thresholdSeconds;
  if (!objective.buckets || objective.buckets.some((b) => Math.abs(b - threshold) <= SAME_BOUND * Math.max(1, threshold))) {
    return { bucketSeconds: threshold, approximated: false };
  }
  const below = objective.buckets.filter((b) => b < threshold);
  // Under the smallest bound no bucket lies below; the smallest is the closest there is.
  const bucketSeconds = below.length ? Math.max(...below) : Math.min(...objective.buckets);
  return { bucketSeconds, approximated: true };
}

/** What `generate` says about an objective measured off its threshold. */
export function bucketNotice(workload: string, objective: LatencyObjective): string | undefined {
  const measured = measuredAt(objective);
  if (!measured.approximated) return undefined;
  return `${workload}: the ${objective.slo} objective of ${objective.thresholdSeconds} s is not a bucket bound of ${objective.histogram}; `
    + `the burn-rate alerts measure it at the ${measured.bucketSeconds} s bucket, so requests between ${measured.bucketSeconds} s and ${objective.thresholdSeconds} s count as misses.`;
}

/** What `generate` says about the plan's latency objectives measured off their thresholds. */
export function sloBucketNotices(plan: Plan, sizing: Sizing): string[] {
  return workloadContexts(plan, sizing).flatMap((c) => c.objectives.flatMap((o) => bucketNotice(c.target.workload, o) ?? []));
}
