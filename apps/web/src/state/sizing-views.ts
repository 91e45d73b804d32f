/**
 * Read-only views of a Sizing for display: sums and breakdowns of figures the model computed.
 * Nothing here sizes anything; it only regroups @headroom/model's numbers for tables and charts.
 */
import type { ExplainStep, Sizing, WorkloadSizing } from '@headroom/model';

export function clusterNodeCount(sizing: Sizing): number {
  return sizing.cluster.nodePools.reduce((sum, pool) => sum + pool.nodes, 0);
}

export interface GpuMemoryBreakdown {
  workload: string;
  gpuModel: string | undefined;
  weightsBytes: number;
  kvCacheBytes: number;
  runtimeOverheadBytes: number;
  /** GPU memory of the replica not taken by the three above (the reserve the runtime leaves). */
  freeBytes: number;
  totalBytes: number;
}

/** GPU memory per replica of each LLM workload, from its named details. */
export function gpuMemoryBreakdowns(sizing: Sizing): GpuMemoryBreakdown[] {
  return sizing.workloads.flatMap((workload) => {
    const breakdown = gpuMemoryBreakdown(workload);
    return breakdown ? [breakdown] : [];
  });
}

function gpuMemoryBreakdown(workload: WorkloadSizing): GpuMemoryBreakdown | undefined {
  const { weightsBytes, kvCacheBytesPerReplica, runtimeOverheadBytesPerReplica, gpuMemoryBytesPerReplica } = workload.details;
  if (weightsBytes === undefined || kvCacheBytesPerReplica === undefined || runtimeOverheadBytesPerReplica === undefined || gpuMemoryBytesPerReplica === undefined) {
    return undefined;
  }
  return {
    workload: workload.name,
    gpuModel: workload.perReplica.gpuModel,
    weightsBytes,
    kvCacheBytes: kvCacheBytesPerReplica,
    runtimeOverheadBytes: runtimeOverheadBytesPerReplica,
    freeBytes: Math.max(0, gpuMemoryBytesPerReplica - weightsBytes - kvCacheBytesPerReplica - runtimeOverheadBytesPerReplica),
    totalBytes: gpuMemoryBytesPerReplica,
  };
}

export interface PoolCost {
  pool: string;
  instanceType: string;
  nodes: number;
  costPerMonthUsd: number;
}

export function costByNodePool(sizing: Sizing): PoolCost[] {
  return sizing.cluster.nodePools.map((pool) => ({ pool: pool.name, instanceType: pool.instanceType, nodes: pool.nodes, costPerMonthUsd: pool.costPerMonthUsd }));
}

export interface WorkloadResources {
  workload: string;
  kind: string;
  cpuCores: number;
  memoryGiB: number;
  gpus: number;
}

const GIB = 1024 ** 3;

/** Total CPU cores, memory (GiB) and GPUs of each workload, as the model sized them. */
export function resourcesByWorkload(sizing: Sizing): WorkloadResources[] {
  return sizing.workloads.map((w) => ({ workload: w.name, kind: w.kind, cpuCores: w.total.cpuCores, memoryGiB: w.total.memoryBytes / GIB, gpus: w.total.gpus }));
}

/** Something the explain view can explain: its steps, under a label, in a group of the picker. */
export interface ExplainSubject {
  id: string;
  group: 'Cluster' | 'Workloads' | 'Node pools';
  label: string;
  steps: ExplainStep[];
}

/**
 * Everything with an explanation: the totals, each workload, each node pool, the monitoring
 * Prometheus and compliance. The model explains all but the totals; the totals are plain sums of
 * the model's figures, spelled out here with every addend as an input.
 */
export function explainSubjects(sizing: Sizing): ExplainSubject[] {
  const subjects: ExplainSubject[] = [
    { id: 'totals', group: 'Cluster', label: 'Totals', steps: totalsExplanation(sizing) },
    ...sizing.workloads.map((w): ExplainSubject => ({ id: `workload:${w.name}`, group: 'Workloads', label: `${w.name} (${w.kind})`, steps: w.explain })),
    ...sizing.cluster.nodePools.map((p): ExplainSubject => ({ id: `pool:${p.name}`, group: 'Node pools', label: `${p.name} (${p.instanceType})`, steps: p.explain })),
    { id: 'monitoring', group: 'Cluster', label: 'Monitoring (Prometheus)', steps: sizing.monitoring.explain },
    { id: 'compliance', group: 'Cluster', label: 'Compliance', steps: sizing.compliance.explain },
  ];
  return subjects.filter((subject) => subject.steps.length > 0);
}

function totalsExplanation(sizing: Sizing): ExplainStep[] {
  const { workloads, cluster, monitoring, compliance } = sizing;
  const byWorkload = (pick: (w: WorkloadSizing) => number) => Object.fromEntries(workloads.map((w) => [w.name, pick(w)]));
  const byPool = (pick: (p: Sizing['cluster']['nodePools'][number]) => number) => Object.fromEntries(cluster.nodePools.map((p) => [p.name, pick(p)]));
  const workloadSum = 'sum over workloads of (replicas at peak × per replica)';
  return [
    { id: 'total-gpus', label: 'GPUs', formula: workloadSum, value: cluster.totals.gpus, unit: 'GPUs', inputs: byWorkload((w) => w.total.gpus) },
    { id: 'total-cpu', label: 'CPU cores', formula: workloadSum, value: cluster.totals.cpuCores, unit: 'cores', inputs: byWorkload((w) => w.total.cpuCores) },
    { id: 'total-memory', label: 'Memory', formula: workloadSum, value: cluster.totals.memoryBytes, unit: 'bytes', inputs: byWorkload((w) => w.total.memoryBytes) },
    {
      id: 'total-storage',
      label: 'Storage',
      formula: 'sum over workloads of their storage + audit log retention + Prometheus storage',
      value: cluster.totals.storageBytes,
      unit: 'bytes',
      inputs: { ...byWorkload((w) => w.total.storageBytes), auditLogBytes: compliance.auditLogBytes, prometheusStorageBytes: monitoring.prometheusStorageBytes },
    },
    { id: 'total-nodes', label: 'Nodes', formula: 'sum over node pools of nodes', value: clusterNodeCount(sizing), unit: 'nodes', inputs: byPool((p) => p.nodes) },
    {
      id: 'total-cost',
      label: 'Cost per month',
      formula: 'sum over node pools of (nodes × hourly price × hours billed per month)',
      value: cluster.costPerMonthUsd,
      unit: 'USD',
      inputs: byPool((p) => p.costPerMonthUsd),
    },
  ];
}
