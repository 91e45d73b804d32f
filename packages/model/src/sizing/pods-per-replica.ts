import type { WorkloadSizing } from './types.ts';

/**
 * Pods (and nodes) one replica spans. A replica larger than a node (an LLM server pipeline-parallel
 * across nodes, llm-inference `details.nodesPerReplica`) runs as one pod per node, each holding an
 * equal share of the replica's CPU, memory and GPUs: a LeaderWorkerSet group, as vLLM multi-node
 * serving deploys it. The packing (cluster/size-cluster.ts), the kit's manifests and its rules all
 * read this one figure.
 */
export function podsPerReplica(w: Pick<WorkloadSizing, 'details'>): number {
  return Math.max(1, w.details.nodesPerReplica ?? 1);
}
