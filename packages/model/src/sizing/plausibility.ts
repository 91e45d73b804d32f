/**
 * Plausibility bounds on derived figures. A plan whose every input is within its own bound can
 * still multiply out to billions of replicas (10 million requests/s held an hour each); such a
 * figure is a mistake in the plan, not a cluster to buy, so each is reported as a named plan
 * error on the workload or pool, the figure found and the bound with its source.
 */
import type { PlanIssue } from '../schema/parse.ts';
import type { Sizing } from './types.ts';

/** Kubernetes supports at most 150,000 pods per cluster (kubernetes.io, "Considerations for large clusters"). */
export const MAX_PLAUSIBLE_REPLICAS = 150_000;
/** About the largest GPU cluster announced (xAI Colossus, 100,000 H100 GPUs, 2024). */
export const MAX_PLAUSIBLE_GPUS = 100_000;
/** GKE's largest supported cluster, 65,000 nodes (Google Cloud, "Plan for large GKE clusters"). */
export const MAX_PLAUSIBLE_NODES = 65_000;

const count = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));

/** Issues for figures beyond the bounds above; empty when the sizing is plausible. */
export function implausibleFigures(sizing: Sizing): PlanIssue[] {
  const issues: PlanIssue[] = [];
  sizing.workloads.forEach((w, i) => {
    const path = `spec.workloads[${i}]`;
    const replicas = Math.max(w.replicas.peak, w.replicas.max);
    if (!(replicas <= MAX_PLAUSIBLE_REPLICAS)) {
      issues.push({ path, message: `"${w.name}" would need ${count(replicas)} replicas, beyond the plausible maximum of ${count(MAX_PLAUSIBLE_REPLICAS)} (Kubernetes supports at most 150,000 pods per cluster); check its traffic and per-request figures` });
    }
    if (!(w.total.gpus <= MAX_PLAUSIBLE_GPUS)) {
      issues.push({ path, message: `"${w.name}" would need ${count(w.total.gpus)} GPUs, beyond the plausible maximum of ${count(MAX_PLAUSIBLE_GPUS)} (about the largest GPU cluster announced); check its load and deadline` });
    }
  });
  sizing.cluster.nodePools.forEach((pool) => {
    if (!(pool.nodesNeeded <= MAX_PLAUSIBLE_NODES)) {
      issues.push({ path: 'spec.cluster.nodePools', message: `node pool "${pool.name}" would need ${count(pool.nodesNeeded)} nodes, beyond the plausible maximum of ${count(MAX_PLAUSIBLE_NODES)} (GKE's largest supported cluster); check the workloads placed on it` });
    }
  });
  return issues;
}
