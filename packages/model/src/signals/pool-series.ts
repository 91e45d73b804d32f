/**
 * The plan's node pools as Prometheus series: what the exporter publishes beside the workload
 * series (plan-metrics.ts) and what the node-pool rules and dashboard row compare
 * kube-state-metrics' nodes with, by instance type. One definition, so the exporter, the generated
 * rules and their promtool tests cannot disagree about names, labels or values. Base units.
 *
 * Per pool: its planned nodes (packing of peak replicas, Sizing `cluster.nodePools[].nodes`) and the
 * kubelet allocatable of one node and of the whole pool (`allocatable` × nodes), labelled with the
 * pool, its instance type as the provider names it (the value of the node label
 * node.kubernetes.io/instance-type) and `always_on`: "true" when the pool runs a service, whose
 * nodes the plan expects at all times; "false" when it runs only jobs (its nodes come and go with
 * the runs, Sizing prices them for their hours) or nothing.
 */
import { instanceTypes } from '../catalog/instance-types.ts';
import type { Plan } from '../schema/plan.ts';
import type { Sizing } from '../sizing/types.ts';
import type { PlanSample } from './plan-metrics.ts';

export interface PoolMetricFamily {
  name: string;
  help: string;
  /** Every label name of the family's series, in order. */
  labels: readonly string[];
}

const POOL_LABELS = ['plan', 'pool', 'instance_type', 'always_on'] as const;

export const poolMetricFamilies = {
  nodes: { name: 'headroom_plan_pool_nodes', help: 'Planned nodes of a node pool (peak replicas packed onto allocatable less daemonsets), by pool and instance type.', labels: POOL_LABELS },
  cpuCores: { name: 'headroom_plan_pool_allocatable_cpu_cores', help: 'Planned allocatable CPU of a node pool in cores: of one node (scope="node") or of all its planned nodes (scope="total").', labels: [...POOL_LABELS, 'scope'] },
  memoryBytes: { name: 'headroom_plan_pool_allocatable_memory_bytes', help: 'Planned allocatable memory of a node pool in bytes: of one node (scope="node") or of all its planned nodes (scope="total").', labels: [...POOL_LABELS, 'scope'] },
  gpus: { name: 'headroom_plan_pool_allocatable_gpus', help: 'Planned allocatable GPUs of a node pool: of one node (scope="node") or of all its planned nodes (scope="total"), by GPU model ("none" without GPUs).', labels: [...POOL_LABELS, 'scope', 'gpu_model'] },
  pods: { name: 'headroom_plan_pool_allocatable_pods', help: 'Planned allocatable pods of a node pool: of one node (scope="node") or of all its planned nodes (scope="total").', labels: [...POOL_LABELS, 'scope'] },
} as const satisfies Record<string, PoolMetricFamily>;

export function poolSamples(plan: Plan, sizing: Sizing): PlanSample[] {
  const f = poolMetricFamilies;
  const runsAs = new Map(sizing.workloads.map((w) => [w.name, w.runsAs]));
  const samples: PlanSample[] = [];
  for (const pool of sizing.cluster.nodePools) {
    const alwaysOn = pool.workloads.some((name) => runsAs.get(name) === 'service');
    const base = { plan: plan.metadata.name, pool: pool.name, instance_type: pool.instanceType, always_on: String(alwaysOn) };
    const add = (name: string, value: number, extra: Record<string, string> = {}) => samples.push({ name, labels: { ...base, ...extra }, value });
    add(f.nodes.name, pool.nodes);
    const a = pool.allocatable;
    const gpuModel = a.gpus > 0 ? instanceTypes.find((i) => i.provider === sizing.cluster.provider && i.id === pool.instanceType)?.gpuModel ?? 'unknown' : 'none';
    for (const [scope, times] of [['node', 1], ['total', pool.nodes]] as const) {
      add(f.cpuCores.name, a.cpuCores * times, { scope });
      add(f.memoryBytes.name, a.memoryBytes * times, { scope });
      add(f.gpus.name, a.gpus * times, { scope, gpu_model: gpuModel });
      add(f.pods.name, a.pods * times, { scope });
    }
  }
  return samples;
}

