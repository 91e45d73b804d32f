import { describe, expect, it } from 'vitest';
import { erlangC, serversForSojournQuantile, serviceOnlyProbabilityBeyond, sojournProbabilityBeyond } from './erlang.ts';

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

  // Reference: the M/M/1 sojourn time is exponential with rate μ − λ (Kleinrock vol. 1, eq. 3.26;
  // Gross et al., Fundamentals of Queueing Theory, §2.2).
  it('reduces to the M/M/1 sojourn time, exponential with rate μ − λ', () => {
    for (const t of [0.01, 0.1, 0.5]) expect(sojournProbabilityBeyond(1, 7, 10, t)).toBeCloseTo(Math.exp(-3 * t), 12);
  });

  it('is continuous where cμ − λ = μ (the expm1 branch) and tends to the service tail with many servers', () => {
    // c = 3, μ = 10, λ = 10: θ = 20 ≠ μ; λ = 20 gives θ = μ exactly.
    const atTheta = sojournProbabilityBeyond(3, 20, 10, 0.2);
    expect(sojournProbabilityBeyond(3, 20 - 1e-7, 10, 0.2)).toBeCloseTo(atTheta, 6);
    expect(sojournProbabilityBeyond(3, 20 + 1e-7, 10, 0.2)).toBeCloseTo(atTheta, 6);
    expect(sojournProbabilityBeyond(200, 20, 10, 0.2)).toBeCloseTo(serviceOnlyProbabilityBeyond(10, 0.2), 12);
  });

  it('agrees with a simulated FCFS M/M/3 queue (at cμ − λ = μ, the limiting branch)', () => {
    // Seeded discrete-event simulation (mulberry32): 200,000 arrivals, λ = 20/s, μ = 10/s, 3 servers.
    // The estimate's standard error is about 0.003 here (autocorrelated sojourns), so 0.01 is ~3σ.
    let state = 1;
    const uniform = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 2 ** 32;
    };
    const exp = (rate: number) => -Math.log(uniform()) / rate;
    const free = [0, 0, 0];
    let clock = 0;
    let beyond = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      clock += exp(20);
      const k = free.indexOf(Math.min(...free));
      free[k] = Math.max(clock, free[k]!) + exp(10);
      if (free[k]! - clock > 0.2) beyond++;
    }
    expect(Math.abs(beyond / n - sojournProbabilityBeyond(3, 20, 10, 0.2))).toBeLessThan(0.01);
  });

  it('picks the smallest server count meeting the sojourn quantile, and none when the service time alone misses it', () => {
    const servers = serversForSojournQuantile(400, 40, 0.15, 0.95)!;
    expect(servers).toBeGreaterThan(10);
    expect(sojournProbabilityBeyond(servers, 400, 40, 0.15)).toBeLessThanOrEqual(0.05);
    expect(sojournProbabilityBeyond(servers - 1, 400, 40, 0.15)).toBeGreaterThan(0.05);
    // p95 of an exponential 25 ms service is ln 20 × 25 ms = 74.9 ms: a 70 ms SLO is out of reach.
    expect(serversForSojournQuantile(400, 40, 0.07, 0.95)).toBeUndefined();
    expect(serversForSojournQuantile(400, 40, 0.076, 0.95)).toBeGreaterThan(servers);
  });
});
