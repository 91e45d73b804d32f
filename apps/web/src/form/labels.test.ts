import { kinds } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { kindTitle, labelFor } from './labels.ts';

describe('labels', () => {
  it('titles every kind as the model defines it', () => {
    for (const kind of kinds) expect(kindTitle(kind.kind)).toBe(kind.title);
  });

  it('leaves an unknown kind as written, even one named like an object property', () => {
    expect(kindTitle('quantum-annealing')).toBe('quantum-annealing');
    expect(kindTitle('constructor')).toBe('constructor');
  });

  it('writes keys as words', () => {
    expect(labelFor('peakRequestsPerSecond')).toBe('Peak requests per second');
    expect(labelFor('gpuMemoryUtilization')).toBe('GPU memory utilization');
  });
});
