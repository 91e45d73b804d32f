/** The verify report: per workload, every check's figures and verdict, and the recommendations. */
import type { WorkloadChecks } from './checks.ts';
import { judgeWorkload, type CheckResult, type Verdict } from './judge.ts';
import { defaultRecommendationPolicy, recommend, type Recommendation, type RecommendationPolicy } from './recommend.ts';

export interface WorkloadResult {
  workload: string;
  kind: string;
  namespace: string;
  verdict: Verdict;
  checks: CheckResult[];
  recommendations: Recommendation[];
}

export interface VerifyReport {
  plan: string;
  /** Range queried, in Unix seconds, and the step between samples. */
  range: { start: number; end: number; stepSeconds: number; rateWindow: string };
  workloads: WorkloadResult[];
  /** Names of the under-provisioned workloads: non-empty means verify fails (exit 1). */
  underProvisioned: string[];
}

export function workloadResult(workload: WorkloadChecks, results: readonly CheckResult[], policy: RecommendationPolicy = defaultRecommendationPolicy): WorkloadResult {
  return { ...judgeWorkload(workload, results), recommendations: recommend(workload, results, policy) };
}

export function verifyReport(plan: string, range: VerifyReport['range'], workloads: WorkloadResult[]): VerifyReport {
  return { plan, range, workloads, underProvisioned: workloads.filter((w) => w.verdict === 'under-provisioned').map((w) => w.workload) };
}

/** Step for a range query: about 1,000 points per series (Prometheus refuses more than 11,000), at least 1 s. */
export function stepFor(rangeSeconds: number): number {
  return Math.max(1, Math.ceil(rangeSeconds / 1000));
}
