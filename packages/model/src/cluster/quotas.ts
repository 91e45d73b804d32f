/**
 * GPU quotas (spec.cluster.quotas) against the GPUs a sized cluster needs. A cloud quota counts the
 * GPUs of the machines running, so the count is GPUs per node × nodes needed (not the GPUs pods
 * request), plus what workloads no instance type fits request (they need GPUs somewhere).
 */
import type { Quotas } from '../schema/quotas.ts';
import type { GpuQuotaCheck, NodePoolSizing, WorkloadSizing } from '../sizing/types.ts';

export function checkGpuQuotas(
  quotas: Quotas | undefined,
  nodePools: readonly NodePoolSizing[],
  workloads: readonly WorkloadSizing[],
): GpuQuotaCheck[] {
  if (!quotas) return [];
  const byModel = new Map<string, number>();
  const add = (model: string | undefined, gpus: number) => {
    if (!model || gpus <= 0) return;
    byModel.set(model, (byModel.get(model) ?? 0) + gpus);
  };
  for (const pool of nodePools) add(pool.gpuModel, pool.nodesNeeded * pool.gpusPerNode);
  // Workloads assigned to no pool (no instance type fits them) still need their GPUs somewhere;
  // those past a pool's maxNodes are already in its nodesNeeded.
  for (const w of workloads) if (w.nodePool === '') add(w.perReplica.gpuModel, w.total.gpus);
  const checks: GpuQuotaCheck[] = Object.entries(quotas.gpus ?? {}).map(([gpuModel, limitGpus]) => {
    const neededGpus = byModel.get(gpuModel) ?? 0;
    return { gpuModel, limitGpus, neededGpus, exceeded: neededGpus > limitGpus };
  });
  if (quotas.totalGpus !== undefined) {
    const neededGpus = [...byModel.values()].reduce((a, b) => a + b, 0);
    checks.push({ gpuModel: 'total', limitGpus: quotas.totalGpus, neededGpus, exceeded: neededGpus > quotas.totalGpus });
  }
  return checks;
}

export function quotaWarning(check: GpuQuotaCheck): { code: string; message: string } {
  const what = check.gpuModel === 'total' ? 'GPUs in all' : `${check.gpuModel} GPUs`;
  return { code: 'GPU_QUOTA_EXCEEDED', message: `The plan needs ${check.neededGpus} ${what}; the quota (spec.cluster.quotas) allows ${check.limitGpus}.` };
}
