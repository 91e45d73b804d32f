import { describe, expect, it } from 'vitest';
import { disruptionBudget } from './disruption-budget.ts';
import type { WorkloadInput } from './workload-input.ts';

const input = (min: number, podsPerReplica = 1) => ({
  workload: { name: 'api' },
  sizing: { replicas: { min, peak: min + 1, max: min + 2 } },
  target: { namespace: 'ns', podsPerReplica },
  labels: { 'app.kubernetes.io/name': 'api' },
}) as unknown as WorkloadInput;

const specOf = (min: number, podsPerReplica = 1) => (disruptionBudget(input(min, podsPerReplica)).object as { spec: Record<string, unknown> }).spec;

describe('disruptionBudget', () => {
  it('keeps all but one of the minimum replicas from two up', () => {
    expect(specOf(2)).toEqual({ minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } });
    expect(specOf(5)).toMatchObject({ minAvailable: 4 });
  });
  it('lets one pod go below two, so node drains are never blocked', () => {
    expect(specOf(1)).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } });
    expect(specOf(0)).toMatchObject({ maxUnavailable: 1 });
  });
  it('counts pods, a group of pods per replica where a replica spans several nodes (LeaderWorkerSet)', () => {
    expect(specOf(3, 2)).toMatchObject({ minAvailable: 4 });
    expect(specOf(1, 2)).toMatchObject({ maxUnavailable: 2 });
  });
});
