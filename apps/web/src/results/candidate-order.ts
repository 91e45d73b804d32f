/** The order of the LLM search's table: by any column, with configurations that were never sized last. */
import type { Candidate } from '@headroom/model';

export type SortKey = 'gpu' | 'tensorParallel' | 'pipelineParallel' | 'replicas' | 'gpus' | 'costPerMonthUsd' | 'feasible' | 'limitedBy';

/** A configuration the search ruled out before sizing it (it does not fit): its zero GPUs and cost are no offer. */
export const unsized = (c: Candidate) => !c.feasible && c.gpus === 0;

/**
 * Candidates in the order a column asks; ties keep the search's order (Array.prototype.sort is
 * stable). Unsized configurations go last whatever the direction: infeasible is never the cheapest.
 */
export function sortCandidates(candidates: readonly Candidate[], key: SortKey, ascending: boolean): Candidate[] {
  const sign = ascending ? 1 : -1;
  return [...candidates].sort((a, b) => {
    if (unsized(a) !== unsized(b)) return unsized(a) ? 1 : -1;
    const x = a[key];
    const y = b[key];
    const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : Number(x) - Number(y);
    return sign * order;
  });
}
