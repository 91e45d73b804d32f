/** What the per-workload snippets need: the plan's workload, its sizing, its node pool and where its pods are. */
import type { NodePoolSizing, PerReplica, Plan, RunsAs, Sizing, Workload, WorkloadSizing } from '@headroom/model';
import { targetOf, type WorkloadTarget } from '../promql/selectors.ts';
import { standardLabels, type Labels } from './labels.ts';

export interface WorkloadInput {
  plan: string;
  workload: Workload;
  sizing: WorkloadSizing;
  /**
   * What one pod requests: the replica's figures, or for a replica spanning several nodes
   * (target.podsPerReplica > 1, a LeaderWorkerSet group) its equal share per pod, as the sizing
   * packed it. Ephemeral storage stays whole: every node of the group keeps its own copy of the
   * model files it loads.
   */
  perPod: PerReplica;
  /** The node pool the sizing packed the replicas onto, when it names one. */
  pool: NodePoolSizing | undefined;
  /** Namespace and container name (match.namespace / match.container or their defaults). */
  target: WorkloadTarget;
  targetUtilization: number;
  shape: RunsAs;
  labels: Labels;
}

export function workloadInputs(plan: Plan, sizing: Sizing): WorkloadInput[] {
  const sized = new Map(sizing.workloads.map((w) => [w.name, w]));
  const pools = new Map(sizing.cluster.nodePools.map((p) => [p.name, p]));
  return plan.spec.workloads.map((workload) => {
    const workloadSizing = sized.get(workload.name);
    if (!workloadSizing) throw new Error(`internal: the sizing has no workload "${workload.name}"; size the same plan`);
    const target = targetOf(plan, workload, workloadSizing);
    const pods = target.podsPerReplica;
    const r = workloadSizing.perReplica;
    return {
      plan: plan.metadata.name,
      workload,
      sizing: workloadSizing,
      perPod: pods > 1 ? { ...r, cpuCores: r.cpuCores / pods, memoryBytes: r.memoryBytes / pods, gpus: Math.ceil(r.gpus / pods) } : r,
      pool: pools.get(workloadSizing.nodePool),
      target,
      targetUtilization: workload.targetUtilization ?? plan.spec.defaults.targetUtilization,
      shape: workloadSizing.runsAs,
      labels: standardLabels(plan.metadata.name, workload.name),
    };
  });
}
