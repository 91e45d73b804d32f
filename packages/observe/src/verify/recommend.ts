/**
 * Recommendations in the way Kubernetes' autoscalers make them: CPU from a high percentile of usage
 * (KRR's "simple" strategy: p95 of CPU), memory from the peak (VPA's recommender and KRR size memory
 * from the maximum working set, since memory cannot be throttled, only OOM-killed), each with a
 * margin (VPA adds 15% safety margin). Traffic above the planned peak becomes a new peak with the
 * same margin. Figures are workload totals (the signals sum over pods, as the plan's totals do);
 * per replica is the total over the planned replicas at peak.
 */
import type { WorkloadChecks } from './checks.ts';
import type { CheckResult } from './judge.ts';

export interface RecommendationPolicy {
  /** Quantile of CPU usage to size requests from (0.95: p95). */
  cpuQuantile: 'p50' | 'p95' | 'max';
  cpuMargin: number;
  memoryMargin: number;
  trafficMargin: number;
}

export const defaultRecommendationPolicy: RecommendationPolicy = { cpuQuantile: 'p95', cpuMargin: 0.15, memoryMargin: 0.15, trafficMargin: 0.15 };

export interface Recommendation {
  resource: 'cpu' | 'memory' | 'traffic';
  /** The check it comes from (signal id). */
  check: string;
  /** How it was computed, e.g. "p95 + 15%". */
  basis: string;
  unit: string;
  observed: number;
  plannedTotal: number;
  recommendedTotal: number;
  /** Per replica at the planned peak replica count (cpu and memory). */
  plannedPerReplica?: number;
  recommendedPerReplica?: number;
  /** True when verify found the plan broken for this resource (under- or over-provisioned): --write-plan applies only these. */
  actionable: boolean;
}

const percent = (margin: number) => `${Math.round(margin * 100)}%`;

export function recommend(workload: WorkloadChecks, results: readonly CheckResult[], policy: RecommendationPolicy = defaultRecommendationPolicy): Recommendation[] {
  const out: Recommendation[] = [];
  const byId = new Map(results.map((r) => [r.id, r]));
  const perReplica = (total: number) => total / Math.max(1, workload.replicasPeak);
  const replicas = Math.max(1, workload.replicasPeak);
  /** `scope`: whether the check measures all replicas together (CPU) or the busiest pod (memory). */
  /** `judgedBy`: other checks whose verdict on the same resource makes the recommendation actionable (CPU's day-long peak for over-provisioning). */
  const resource = (id: string, kind: 'cpu' | 'memory', stat: 'p50' | 'p95' | 'max', margin: number, scope: 'total' | 'replica', judgedBy: readonly string[] = []) => {
    const r = byId.get(id);
    if (!r?.summary || r.planned === undefined) return;
    const observed = r.summary[stat];
    const recommended = observed * (1 + margin);
    const [plannedTotal, recommendedTotal] = scope === 'total' ? [r.planned, recommended] : [r.planned * replicas, recommended * replicas];
    out.push({
      resource: kind, check: id, basis: `${stat} + ${percent(margin)}`, unit: r.unit, observed,
      plannedTotal, recommendedTotal,
      plannedPerReplica: perReplica(plannedTotal), recommendedPerReplica: perReplica(recommendedTotal),
      actionable: [r, ...judgedBy.map((other) => byId.get(other))].some((c) => c?.verdict === 'under-provisioned' || c?.verdict === 'over-provisioned'),
    });
  };
  resource('cpu-usage', 'cpu', policy.cpuQuantile, policy.cpuMargin, 'total', ['cpu-peak-day']);
  resource('memory-usage', 'memory', 'max', policy.memoryMargin, 'replica');
  const traffic = byId.get('request-rate');
  if (traffic?.summary && traffic.planned !== undefined && traffic.verdict === 'under-provisioned') {
    out.push({
      resource: 'traffic', check: 'request-rate', basis: `max + ${percent(policy.trafficMargin)}`, unit: traffic.unit, observed: traffic.summary.max,
      plannedTotal: traffic.planned, recommendedTotal: traffic.summary.max * (1 + policy.trafficMargin), actionable: true,
    });
  }
  return out;
}
