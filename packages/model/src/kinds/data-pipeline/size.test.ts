import { describe, expect, it } from 'vitest';
import { only, sizeWorkloads } from '../../testing.ts';

describe('data-pipeline sizing', () => {
  it('sizes cores for the window and stored bytes over retention', () => {
    const w = only(sizeWorkloads(`    - name: features
      kind: data-pipeline
      input: { bytesPerRun: 500 GB, runsPerDay: 24 }
      window: 45 min
      throughputPerCore: 40 MB/s
      retention: 30 d
      compressionRatio: 4
      replication: 3
`));
    // 500e9 B / 2700 s = 185.2 MB/s; / 40 MB/s = 4.63 cores; / 0.7 → 7 cores.
    expect(w.details.coresNeeded).toBe(7);
    expect(w.replicas.peak).toBe(2);
    expect(w.details.runSeconds).toBeLessThanOrEqual(2700);
    // 500 GB × 24 runs × 30 days / 4 × 3 copies = 270 TB.
    expect(w.details.storedBytes).toBeCloseTo(270e12, -3);
  });
});
