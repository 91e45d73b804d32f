/**
 * Read-only views of a Sizing for display: sums and breakdowns of figures the model computed.
 * Nothing here sizes anything; it only regroups @headroom/model's numbers for tables and charts.
 */
import type { Sizing, WorkloadSizing } from '@headroom/model';

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
