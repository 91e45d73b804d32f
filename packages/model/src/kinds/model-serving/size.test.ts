import { describe, expect, it } from 'vitest';
import { sojournProbabilityBeyond } from '../../sizing/erlang.ts';
import { codes, only, sizeWorkloads, step } from '../../testing.ts';
import { GiB } from '../../units.ts';

const serving = (fields: string) => `    - name: ranker
      kind: model-serving
${fields}`;

describe('model-serving sizing', () => {
  it('picks the smallest worker count whose p95 sojourn (wait + service) meets the SLO (M/M/c)', () => {
    const w = only(sizeWorkloads(serving(`      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 25 ms
      workersPerReplica: 4
      model: { sizeBytes: 1.5 GiB }
      slo: { latencyP95: 150 ms }
`)));
    const workers = w.details.workersForSlo!;
    expect(sojournProbabilityBeyond(workers, 400, 40, 0.15)).toBeLessThanOrEqual(0.05);
    expect(sojournProbabilityBeyond(workers - 1, 400, 40, 0.15)).toBeGreaterThan(0.05);
    expect(w.feasible).toBe(true);
    // 10 Erlangs over 4-worker replicas at 70%: ceil(3.57) = 4, the SLO needs ceil(11/4) = 3; n+1 adds one.
    expect(w.replicas.peak).toBe(5);
    expect(w.replicas.min).toBe(2);
    expect(w.replicas.max).toBe(8);
  });

  it('a tighter SLO needs more workers', () => {
    const at = (slo: string) => only(sizeWorkloads(serving(`      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 25 ms
      model: { sizeBytes: 100 MiB }
      slo: { latencyP95: ${slo} }
      targetUtilization: 1
`))).details.workersForSlo!;
    expect(at('30 ms')).toBeGreaterThan(at('150 ms'));
  });

  it('reports an SLO below the p95 of the service time alone as infeasible, and never sizes it below a feasible SLO\'s floor', () => {
    const at = (slo: string) => only(sizeWorkloads(serving(`      traffic: { peakRequestsPerSecond: 100 }
      serviceTime: 50 ms
      model: { sizeBytes: 100 MiB }
      slo: { latencyP95: ${slo} }
`)));
    // Exponential service: the p95 of the service time alone is ln 20 × 50 ms = 149.8 ms.
    const infeasible = at('140 ms');
    expect(codes(infeasible)).toContain('SERVING_SLO_INFEASIBLE');
    expect(infeasible.feasible).toBe(false);
    expect(infeasible.infeasible!.map((x) => x.code)).toEqual(['SERVING_SLO_INFEASIBLE']);
    const loose = at('1 s');
    expect(loose.feasible).toBe(true);
    expect(infeasible.replicas.peak).toBeGreaterThanOrEqual(loose.replicas.peak);
    expect(at('160 ms').feasible).toBe(true);
  });

  it('loads the model once per worker or once per replica', () => {
    const memory = (mode: string) => only(sizeWorkloads(serving(`      traffic: { peakRequestsPerSecond: 10 }
      serviceTime: 20 ms
      workersPerReplica: 4
      modelMemory: ${mode}
      model: { sizeBytes: 1 GiB }
`))).perReplica.memoryBytes;
    // servingBaseMemory 512 MiB + 1 GiB × 1.2 overhead × copies.
    expect(memory('per-worker')).toBeCloseTo(0.5 * GiB + 4 * 1.2 * GiB, 0);
    expect(memory('shared')).toBeCloseTo(0.5 * GiB + 1.2 * GiB, 0);
  });

  it('on a GPU, checks the model copies fit GPU memory', () => {
    const w = only(sizeWorkloads(serving(`      device: gpu
      accelerator: { gpu: T4-16GB }
      traffic: { peakRequestsPerSecond: 10 }
      serviceTime: 20 ms
      workersPerReplica: 4
      model: { sizeBytes: 4 GiB }
`)));
    expect(w.perReplica.gpus).toBe(1);
    expect(codes(w)).toContain('SERVING_MODEL_DOES_NOT_FIT_GPU');
  });

  it('zone redundancy survives the loss of one zone', () => {
    const w = only(sizeWorkloads(serving(`      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 25 ms
      workersPerReplica: 4
      redundancy: zone
      model: { sizeBytes: 100 MiB }
`)));
    // ceil(10 / 4 / 0.7) = 4 for the load; with 3 zones, ceil(4 × 3 / 2) = 6 so two zones still hold 4.
    expect(step(w, 'replicasForLoad')).toBe(4);
    expect(w.replicas.peak).toBe(6);
    expect(w.replicas.min).toBe(3);
  });
});
