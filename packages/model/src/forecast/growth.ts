/**
 * Which growth applies to a workload, and its load multiplier in a month:
 * multiplier(m) = (1 + monthly)^m × peak(m), where peak(m) is the workload's dated peak for month
 * m (1 when none). Training is not scaled by the plan's rate: a fine-tuning run's dataset does not
 * follow user traffic; a training workload that states its own `growth` is scaled by it.
 */
import type { Plan, Workload } from '../schema/plan.ts';

export interface WorkloadGrowthRule {
  workload: string;
  /** Compounding rate per month (0.15 is +15 %). */
  monthly: number;
  /** Where the rate comes from, as a plan field path (or why there is none). */
  source: string;
  /** Dated peaks: month → multiplier on top of the trend. */
  peaks: ReadonlyMap<number, number>;
}

export function growthRule(plan: Plan, workload: Workload, index: number): WorkloadGrowthRule {
  const own = workload.growth;
  const peaks = new Map((own?.peaks ?? []).map((p) => [p.month, p.multiplier]));
  const base = { workload: workload.name, peaks };
  if (own?.monthly !== undefined) return { ...base, monthly: own.monthly, source: `spec.workloads[${index}].growth.monthly` };
  if (workload.kind === 'training' && !own) return { ...base, monthly: 0, source: 'training is not scaled by spec.growth.monthly (give the workload its own growth to scale its dataset)' };
  if (plan.spec.growth) return { ...base, monthly: plan.spec.growth.monthly, source: 'spec.growth.monthly' };
  return { ...base, monthly: 0, source: 'no growth stated (spec.growth absent)' };
}

/** Load in `month` as a multiple of the plan's load (month 0). */
export function loadMultiplier(rule: WorkloadGrowthRule, month: number): number {
  return (1 + rule.monthly) ** month * (rule.peaks.get(month) ?? 1);
}

/** True when the plan states any growth: a plan rate, or a workload's own rate or peaks. */
export function planHasGrowth(plan: Plan): boolean {
  return plan.spec.growth !== undefined || plan.spec.workloads.some((w) => w.growth !== undefined);
}
