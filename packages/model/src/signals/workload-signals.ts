/** All signals and latency objectives of one workload: the resource ones every workload has, then its kind's. */
import type { LatencyObjective, Signal } from '../kinds/types.ts';
import type { Workload } from '../schema/plan.ts';
import { kindOf } from '../sizing/size-plan.ts';
import type { WorkloadSizing } from '../sizing/types.ts';
import { resourceSignals } from './resources.ts';

export function workloadSignals(workload: Workload, sizing: WorkloadSizing): Signal[] {
  return [...resourceSignals(sizing), ...kindOf(workload).signals(workload, sizing)];
}

export function workloadObjectives(workload: Workload, sizing: WorkloadSizing): LatencyObjective[] {
  return kindOf(workload).objectives(workload, sizing);
}
