import { describe, expect, it } from 'vitest';
import { Trail } from './explain.ts';
import { serviceReplicas } from './replicas.ts';

const replicas = (loadInReplicas: number, redundancy: 'none' | 'n+1' | 'zone', extra: { zones?: number; minReplicas?: number; maxReplicas?: number } = {}) =>
  serviceReplicas(new Trail(), { loadInReplicas, targetUtilization: 0.7, redundancy, zones: extra.zones ?? 3, burstFactor: 1.5, ...extra });

describe('service replicas', () => {
  it('does not round 2.1 replicas of load at exactly the target up to 4 (floating-point noise)', () => {
    expect(replicas(2.1, 'none').peak).toBe(3);
    expect(replicas(0.7 * 3, 'none').peak).toBe(3);
  });

  it('applies redundancy', () => {
    expect(replicas(7, 'none')).toEqual({ min: 1, peak: 10, max: 15 });
    expect(replicas(7, 'n+1')).toEqual({ min: 2, peak: 11, max: 17 });
    expect(replicas(7, 'zone', { zones: 3 })).toEqual({ min: 3, peak: 15, max: 23 });
  });

  it('honours minReplicas and raises a maxReplicas below peak with a warning', () => {
    expect(replicas(0.1, 'n+1', { minReplicas: 5 }).peak).toBe(5);
    const trail = new Trail();
    const r = serviceReplicas(trail, { loadInReplicas: 7, targetUtilization: 0.7, redundancy: 'none', zones: 1, burstFactor: 1.5, maxReplicas: 4 });
    expect(r.max).toBe(10);
    expect(trail.warnings[0]!.code).toBe('MAX_REPLICAS_BELOW_PEAK');
  });
});
