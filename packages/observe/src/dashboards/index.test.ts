import { describe, expect, it } from 'vitest';
import { workloadStems } from './index.ts';

describe('workloadStems', () => {
  it('keeps workload names, moving one called overview out of the overview\'s way', () => {
    expect(workloadStems(['api', 'overview', 'overview-workload'])).toEqual(['api', 'overview-workload', 'overview-workload-workload']);
  });
});
