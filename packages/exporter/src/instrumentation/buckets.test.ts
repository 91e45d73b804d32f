import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LATENCY_BUCKETS, sloBuckets } from './buckets.ts';

describe('sloBuckets', () => {
  it('merges each SLO threshold into the default ladder, sorted and without duplicates', () => {
    expect(sloBuckets([0.15, 0.1, 2])).toEqual([0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2, 2.5, 5, 10, 30, 60]);
    expect(sloBuckets([])).toEqual([...DEFAULT_LATENCY_BUCKETS]);
    expect(sloBuckets([0.3, 0.3])).toEqual(sloBuckets([0.3]));
  });

  it('keeps thresholds verbatim and tidies floating noise from the ladder', () => {
    const buckets = sloBuckets([0.3], [0.1, 0.1 + 0.2, 0.7 * 3]);
    expect(buckets).toEqual([0.1, 0.3, 2.1]);
    expect(buckets.map(String)).toEqual(['0.1', '0.3', '2.1']);
    // A threshold is the plan's number as is: the rules print it with String() too.
    expect(sloBuckets([150 / 1000]).map(String)).toContain('0.15');
  });

  it('rejects thresholds and bounds that cannot be bucket bounds', () => {
    expect(() => sloBuckets([0])).toThrow(RangeError);
    expect(() => sloBuckets([-1])).toThrow(RangeError);
    expect(() => sloBuckets([Number.NaN])).toThrow(RangeError);
    expect(() => sloBuckets([1], [Infinity])).toThrow(RangeError);
    expect(() => sloBuckets([1], [-0.5])).toThrow(RangeError);
  });

  it('makes prom-client print le exactly as each SLO threshold', async () => {
    const registry = new Registry();
    const slos = [0.15, 0.075, 1.2, 2];
    const h = new Histogram({ name: 'x_duration_seconds', help: 'x', buckets: sloBuckets(slos), registers: [registry] });
    h.observe(0.1);
    const text = await registry.metrics();
    for (const s of ['0.15', '0.075', '1.2', '2']) expect(text).toContain(`x_duration_seconds_bucket{le="${s}"}`);
    expect(text).not.toMatch(/le="[0-9.]*0000000/);
  });
});
