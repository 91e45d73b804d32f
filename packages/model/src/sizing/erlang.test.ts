import { describe, expect, it } from 'vitest';
import { erlangC, serversForWaitQuantile } from './erlang.ts';

describe('Erlang C', () => {
  // Reference: the classic call-centre example (Koole, "Call Center Optimization", 2013, ch. 3, and
  // the Erlang C tables): 2 Erlangs on 3 agents wait with probability 4/9 ≈ 0.444.
  it('matches the closed form for small systems', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 10);
    // M/M/1: P(wait) = ρ.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
  });

  // Reference: the Erlang C tables — 10 Erlangs on 11 agents wait with probability 0.6821.
  it('matches the published table value for 10 Erlangs on 11 servers', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 3);
  });

  it('is 1 for an overloaded system and stays within [0, 1] for large ones', () => {
    expect(erlangC(5, 5)).toBe(1);
    const p = erlangC(5000, 4900);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  });

  it('picks the smallest server count meeting the wait quantile', () => {
    const servers = serversForWaitQuantile(400, 40, 0.125, 0.95)!;
    expect(servers).toBeGreaterThan(10);
    const below = serversForWaitQuantile(400, 40, 0.125, 0.95, servers - 1);
    expect(below).toBeUndefined();
  });
});
