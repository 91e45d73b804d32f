import type { Candidate } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { sortCandidates } from './candidate-order.ts';

const candidate = (tensorParallel: number, gpus: number, costPerMonthUsd: number, feasible: boolean, limitedBy = 'kvCache'): Candidate =>
  ({ gpu: 'H200-SXM-141GB', tensorParallel, pipelineParallel: 1, replicas: gpus / tensorParallel, gpus, costPerMonthUsd, feasible, limitedBy });

describe('the order of the LLM search table', () => {
  const doesNotFit = candidate(1, 0, 0, false, 'LLM_MODEL_DOES_NOT_FIT');
  const cheapest = candidate(2, 8, 46_206, true);
  const slowButSized = candidate(4, 12, 40_000, false, 'LLM_ITL_SLO_INFEASIBLE');
  const dearest = candidate(8, 16, 92_412, true);
  const all = [doesNotFit, cheapest, slowButSized, dearest];

  it('sorts by cost either way, a configuration never sized ($0, no GPUs) last in both', () => {
    expect(sortCandidates(all, 'costPerMonthUsd', true)).toEqual([slowButSized, cheapest, dearest, doesNotFit]);
    expect(sortCandidates(all, 'costPerMonthUsd', false)).toEqual([dearest, cheapest, slowButSized, doesNotFit]);
    expect(sortCandidates(all, 'gpus', true).at(-1)).toBe(doesNotFit);
  });

  it('sorts text columns alphabetically and keeps the search order on ties', () => {
    expect(sortCandidates(all, 'limitedBy', true).map((c) => c.limitedBy)).toEqual(['kvCache', 'kvCache', 'LLM_ITL_SLO_INFEASIBLE', 'LLM_MODEL_DOES_NOT_FIT']);
    expect(sortCandidates(all, 'gpu', true)).toEqual([cheapest, slowButSized, dearest, doesNotFit]);
  });
});
