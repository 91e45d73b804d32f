import { describe, expect, it } from 'vitest';
import { only, sizeWorkloads } from '../../testing.ts';

describe('batch-inference sizing', () => {
  it('sizes GPUs from the rate the window demands, at target utilisation', () => {
    const w = only(sizeWorkloads(`    - name: embed
      kind: batch-inference
      items: 5e7
      window: 6 h
      perItem: { gpuTime: 4 ms }
      accelerator: { gpu: L4-24GB }
      outputBytesPerItem: 3 KiB
`));
    // 5e7 / 21600 s = 2314.8 items/s; × 4 ms = 9.26 GPUs busy; / 0.7 → 14 GPUs.
    expect(w.details.requiredItemsPerSecond).toBeCloseTo(2314.81, 2);
    expect(w.details.gpusNeeded).toBe(14);
    expect(w.total.gpus).toBe(14);
    expect(w.details.wallClockSeconds).toBeLessThanOrEqual(6 * 3600);
    expect(w.storage.find((s) => s.name === 'output')!.bytes).toBe(5e7 * 3072);
  });

  it('sizes cores and worker pods for CPU jobs', () => {
    const w = only(sizeWorkloads(`    - name: score
      kind: batch-inference
      items: 4e7
      window: 3 h
      perItem: { cpuTime: 6 ms }
`));
    // 4e7 × 6 ms / 10800 s = 22.2 cores; / 0.7 → 32 cores → 8 pods of 4.
    expect(w.details.coresNeeded).toBe(32);
    expect(w.replicas.peak).toBe(8);
    expect(w.perReplica.gpus).toBe(0);
  });
});
