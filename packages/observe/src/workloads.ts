/** Everything a generator needs about one workload, computed once: where its pods are, its signals. */
import { workloadObjectives, workloadSignals, type LatencyObjective, type Plan, type Signal, type Sizing, type WorkloadSizing } from '@headroom/model';
import { targetOf, type WorkloadTarget } from './promql/selectors.ts';

export interface WorkloadContext {
  target: WorkloadTarget;
  sizing: WorkloadSizing;
  signals: Signal[];
  objectives: LatencyObjective[];
}

export function workloadContexts(plan: Plan, sizing: Sizing): WorkloadContext[] {
  return plan.spec.workloads.map((workload, i) => {
    const workloadSizing = sizing.workloads[i]!;
    return {
      target: targetOf(plan, workload, workloadSizing),
      sizing: workloadSizing,
      signals: workloadSignals(workload, workloadSizing),
      objectives: workloadObjectives(workload, workloadSizing),
    };
  });
}
