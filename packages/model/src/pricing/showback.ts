/**
 * Showback: each workload's share of what the cluster costs. A pool's node cost is split among the
 * workloads packed onto it by weight = dominant share × hours, where the dominant share is the
 * largest of the pool's CPU, memory and GPUs the workload requests (its replicas' totals over the
 * pool's allocatable capacity) and hours are the hours a month its pods run. Idle capacity (the
 * packing's leftovers, zone spread, a commitment's unused hours) is shared in the same proportion,
 * so the workloads of a pool pay for all of it and the showback sums to the cluster's cost. An
 * unplaced workload carries its own estimate; one with no known price has none (null), like the
 * cluster cost it leaves a lower bound.
 */
import type { NodePoolSizing, Showback, UnplacedWorkload, WorkloadSizing } from '../sizing/types.ts';

export function showback(workloads: readonly WorkloadSizing[], nodePools: readonly NodePoolSizing[], unplaced: readonly UnplacedWorkload[], clusterCostPerMonthUsd: number): Map<string, Showback> {
  const cost = new Map<string, number | null>(workloads.map((w) => [w.name, 0]));
  const byName = new Map(workloads.map((w) => [w.name, w]));
  for (const pool of nodePools) {
    if (pool.costPerMonthUsd === 0 || pool.workloads.length === 0) continue;
    const capacity = {
      cpuCores: pool.nodes * pool.allocatable.cpuCores, memoryBytes: pool.nodes * pool.allocatable.memoryBytes, gpus: pool.nodes * pool.allocatable.gpus,
    };
    const members = pool.workloads.map((name) => byName.get(name)!);
    const weights = members.map((w) => {
      const share = Math.max(
        capacity.cpuCores > 0 ? w.total.cpuCores / capacity.cpuCores : 0,
        capacity.memoryBytes > 0 ? w.total.memoryBytes / capacity.memoryBytes : 0,
        capacity.gpus > 0 ? w.total.gpus / capacity.gpus : 0,
      );
      return share * w.activeHoursPerMonth;
    });
    const total = weights.reduce((sum, x) => sum + x, 0);
    members.forEach((w, i) => {
      const part = total > 0 ? (pool.costPerMonthUsd * weights[i]!) / total : pool.costPerMonthUsd / members.length;
      cost.set(w.name, (cost.get(w.name) ?? 0)! + part);
    });
  }
  for (const u of unplaced) {
    const previous = cost.get(u.workload);
    cost.set(u.workload, u.estimatedCostPerMonthUsd === null || previous === null ? null : (previous ?? 0) + u.estimatedCostPerMonthUsd);
  }
  return new Map(workloads.map((w) => {
    const usd = cost.get(w.name)!;
    return [w.name, { costPerMonthUsd: usd, share: usd !== null && clusterCostPerMonthUsd > 0 ? usd / clusterCostPerMonthUsd : 0 }];
  }));
}
