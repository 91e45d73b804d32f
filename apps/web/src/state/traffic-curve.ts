/**
 * Replicas needed across a traffic multiplier: the last good plan with every workload's traffic
 * scaled, re-sized by @headroom/model's sizePlan. Pure; nothing here sizes anything itself — it
 * only scales the plan's traffic inputs and sums the model's replica and GPU figures.
 */
import { sizePlan, type Plan, type Sizing } from '@headroom/model';

/** The multipliers the chart shows; 1 is the plan as written. */
export const TRAFFIC_MULTIPLIERS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4] as const;

export interface TrafficCurvePoint {
  multiplier: number;
  /** Total peak replicas of each workload kind in the plan. */
  replicasByKind: Record<string, number>;
  /** GPUs the workloads request in total at this traffic. */
  gpus: number;
}

export interface TrafficCurve {
  /** Workload kinds in the plan, in first-appearance order (one line each). */
  kinds: string[];
  points: TrafficCurvePoint[];
}

type Workload = Plan['spec']['workloads'][number];

/** Whether the curve says anything: some workload has a load input to scale (training has none). */
export function trafficCurveApplies(sizing: Pick<Sizing, 'workloads'>): boolean {
  return sizing.workloads.some((w) => w.kind !== 'training');
}

/** One workload with its traffic scaled; kinds without a traffic input (training) are unchanged. */
export function scaleWorkloadTraffic(workload: Workload, multiplier: number): Workload {
  switch (workload.kind) {
    case 'llm-inference':
      return { ...workload, traffic: { ...workload.traffic, peakRequestsPerSecond: workload.traffic.peakRequestsPerSecond * multiplier } };
    case 'model-serving':
      return { ...workload, traffic: { ...workload.traffic, peakRequestsPerSecond: workload.traffic.peakRequestsPerSecond * multiplier } };
    case 'batch-inference':
      return { ...workload, items: workload.items * multiplier };
    case 'data-pipeline':
      return { ...workload, input: { ...workload.input, bytesPerRun: workload.input.bytesPerRun * multiplier } };
    default:
      return workload;
  }
}

/** The plan with every workload's traffic multiplied by `multiplier`. */
export function scalePlanTraffic(plan: Plan, multiplier: number): Plan {
  return { ...plan, spec: { ...plan.spec, workloads: plan.spec.workloads.map((w) => scaleWorkloadTraffic(w, multiplier)) } };
}

/** Workload kinds in the plan, in first-appearance order (one line each on the chart). */
export function curveKinds(plan: Plan): string[] {
  return [...new Set(plan.spec.workloads.map((w) => w.kind))];
}

/**
 * The plan sized at one multiplier; undefined when the model cannot size it (a scaled input out of
 * its range), so that point is left out rather than failing the whole chart.
 */
export function trafficCurvePoint(plan: Plan, multiplier: number): TrafficCurvePoint | undefined {
  let sizing: Sizing;
  try {
    sizing = sizePlan(scalePlanTraffic(plan, multiplier));
  } catch {
    return undefined;
  }
  const replicasByKind: Record<string, number> = {};
  for (const w of sizing.workloads) replicasByKind[w.kind] = (replicasByKind[w.kind] ?? 0) + w.replicas.peak;
  return { multiplier, replicasByKind, gpus: sizing.cluster.totals.gpus };
}

/** Sizes the plan at each multiplier (the plan worker does the same one multiplier per task). */
export function trafficCurve(plan: Plan, multipliers: readonly number[] = TRAFFIC_MULTIPLIERS): TrafficCurve {
  const points = multipliers.flatMap((multiplier) => trafficCurvePoint(plan, multiplier) ?? []);
  return { kinds: curveKinds(plan), points };
}
