import { describe, expect, it } from 'vitest';
import { parsePlan } from '../schema/parse.ts';
import { codes, only, sizeWorkloads, step } from '../testing.ts';
import { GiB } from '../units.ts';

const gkeMigPool = `  cluster: { provider: gke, nodePools: [ { name: mig, instanceType: a2-ultragpu-1g } ] }
`;

const serving = (sharing: string, extra = '') => `    - name: ranker
      kind: model-serving
      device: gpu
      accelerator: { gpu: A100-SXM-80GB }
      ${sharing}
      traffic: { peakRequestsPerSecond: 100 }
      serviceTime: 10 ms
      workersPerReplica: 1
      model: { sizeBytes: ${extra || '2 GiB'} }
`;

const llm = (gpu: string, sharing: string) => `    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 1, inputTokens: 500, outputTokens: 100, maxContextTokens: 4096 }
      accelerator: { gpu: ${gpu} }
      ${sharing}
`;

function planErrors(workloadsYaml: string): string {
  const parsed = parsePlan(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: test }
spec:
  workloads:
${workloadsYaml}`, 'plan.yaml');
  if (parsed.ok) throw new Error('expected the plan to be refused');
  return parsed.error.message;
}

describe('GPU sharing: schema', () => {
  it('refuses MIG on a GPU without it, naming the field and the GPU', () => {
    const message = planErrors(serving('gpuSharing: { mig: 1g.10gb }').replace('A100-SXM-80GB', 'L4-24GB'));
    expect(message).toContain('gpuSharing.mig');
    expect(message).toContain('L4-24GB has no MIG');
  });

  it('refuses a profile the GPU does not have, listing the ones it has', () => {
    const message = planErrors(serving('gpuSharing: { mig: 1g.5gb }'));
    expect(message).toContain('A100-SXM-80GB has no MIG profile "1g.5gb"');
    expect(message).toContain('1g.10gb, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb');
  });

  it('refuses sharing for an LLM on gpu: auto or on more than one GPU', () => {
    expect(planErrors(llm('auto', 'gpuSharing: { mig: 3g.40gb }'))).toContain('accelerator.gpu');
    expect(planErrors(llm('H100-SXM-80GB', 'gpuSharing: { mig: 3g.40gb }').replace('{ gpu: H100-SXM-80GB }', '{ gpu: H100-SXM-80GB, tensorParallel: 2 }'))).toContain('accelerator.tensorParallel');
  });

  it('refuses sharing on a CPU workload', () => {
    const cpu = serving('gpuSharing: { timeSlicing: { replicasPerGpu: 2 } }').replace('device: gpu', 'device: cpu').replace('      accelerator: { gpu: A100-SXM-80GB }\n', '');
    expect(planErrors(cpu)).toContain('gpuSharing');
  });
});

describe('GPU sharing: model serving', () => {
  it('sizes on the MIG slice: its memory, a seventh of the compute, one nvidia.com/mig-1g.10gb each', () => {
    const w = only(sizeWorkloads(serving('gpuSharing: { mig: 1g.10gb }'), gkeMigPool));
    expect(w.feasible).toBe(true);
    expect(w.perReplica.gpus).toBe(1);
    expect(w.perReplica.gpuShare).toMatchObject({ mode: 'mig', profile: '1g.10gb', resourceName: 'nvidia.com/mig-1g.10gb', instancesPerGpu: 7 });
    expect(w.perReplica.gpuMemoryBytes).toBe(10 * GiB);
    expect(step(w, 'serviceTimeOnShare')).toBeCloseTo(0.07, 12);
    expect(step(w, 'gpuShareComputeFraction')).toBeCloseTo(1 / 7, 12);
    // Offered load 100 req/s × 70 ms = 7 Erlangs, so more replicas than on a whole GPU.
    const whole = only(sizeWorkloads(serving(''), gkeMigPool));
    expect(w.replicas.peak).toBeGreaterThan(whole.replicas.peak);
  });

  it('a model that does not fit the slice is infeasible with a named code, and fits a bigger profile', () => {
    const small = only(sizeWorkloads(serving('gpuSharing: { mig: 1g.10gb }', '12 GiB'), gkeMigPool));
    expect(small.feasible).toBe(false);
    expect(small.infeasible!.map((x) => x.code)).toEqual(['SERVING_MODEL_DOES_NOT_FIT_GPU_SHARE']);
    expect(only(sizeWorkloads(serving('gpuSharing: { mig: 3g.40gb }', '12 GiB'), gkeMigPool)).feasible).toBe(true);
  });

  it('packs 7 slices per A100 a GPU at a time onto the pool\'s nodes, and counts the GPUs the slices fill', () => {
    const sizing = sizeWorkloads(serving('gpuSharing: { mig: 1g.10gb }'), gkeMigPool);
    const w = only(sizing);
    const pool = sizing.cluster.nodePools.find((p) => p.name === 'mig')!;
    const gpusStep = pool.explain.find((s) => s.id === 'gpuShareGpus')!;
    expect(gpusStep.inputs).toMatchObject({ instancesPerGpu: 7, podsPerGpu: 7, gpusPerNode: 1 });
    // a2-ultragpu-1g carries one A100: a node per 7 replicas, no more, no fewer.
    expect(pool.nodes).toBe(Math.ceil(w.replicas.peak / 7));
    expect(w.total.gpus).toBe(Math.ceil(w.replicas.peak / 7));
    expect(sizing.cluster.costPerMonthUsd).toBeCloseTo(pool.nodes * 5.0688 * 730, 6);
  });

  it('slices of several profiles and whole GPUs share a node, each GPU holding one profile', () => {
    const p4de = `  cluster: { provider: eks, nodePools: [ { name: a100, instanceType: p4de.24xlarge } ] }
`;
    const two = (name: string, sharing: string, rps: number) => serving(sharing).replace('name: ranker', `name: ${name}`).replace('peakRequestsPerSecond: 100', `peakRequestsPerSecond: ${rps}`);
    const sizing = sizeWorkloads(two('small', 'gpuSharing: { mig: 1g.10gb }', 100) + two('medium', 'gpuSharing: { mig: 3g.40gb }', 100) + two('whole', '', 100), p4de);
    const gpus = sizing.workloads.reduce((n, w) => n + w.total.gpus, 0);
    expect(gpus).toBeLessThanOrEqual(8);
    // Every GPU they fill fits one 8-GPU node: one node, not one per profile.
    expect(sizing.cluster.nodePools[0]!.nodes).toBe(1);
  });

  it('puts fewer pods on a GPU than its slices when the node\'s CPU holds fewer, and says so', () => {
    // 7 replicas × 4 workers × 1 core = 28 cores per GPU: more than a 12-vCPU a2-ultragpu-1g schedules.
    const sizing = sizeWorkloads(serving('gpuSharing: { mig: 1g.10gb }').replace('workersPerReplica: 1', 'workersPerReplica: 4'), gkeMigPool);
    const w = only(sizing);
    const pool = sizing.cluster.nodePools[0]!;
    const gpusStep = pool.explain.find((s) => s.id === 'gpuShareGpus')!;
    expect(gpusStep.inputs.podsPerGpu).toBeLessThan(7);
    expect(pool.nodes).toBe(Math.ceil(w.replicas.peak / gpusStep.inputs.podsPerGpu!));
    expect(sizing.cluster.unplaced).toEqual([]);
  });

  it('keeps time-sliced GPUs on nodes of their own (one device-plugin config per node)', () => {
    const p4de = `  cluster: { provider: eks, nodePools: [ { name: a100, instanceType: p4de.24xlarge } ] }
`;
    const sliced = serving('gpuSharing: { timeSlicing: { replicasPerGpu: 2 } }').replace('name: ranker', 'name: sliced');
    const sizing = sizeWorkloads(sliced + serving(''), p4de);
    expect(sizing.cluster.nodePools[0]!.nodes).toBe(2);
  });

  it('time-slicing shares memory with no isolation and gives no compute gain', () => {
    const n = 4;
    const w = only(sizeWorkloads(serving(`gpuSharing: { timeSlicing: { replicasPerGpu: ${n} } }`), gkeMigPool));
    expect(codes(w)).toContain('GPU_TIME_SLICING_NO_ISOLATION');
    expect(w.perReplica.gpuShare).toMatchObject({ mode: 'time-slicing', resourceName: 'nvidia.com/gpu', instancesPerGpu: n });
    expect(w.perReplica.gpuMemoryBytes! * n).toBeCloseTo(80 * GiB, 0);
    // N replicas on one GPU serve what one replica on the whole GPU serves, never more.
    const whole = only(sizeWorkloads(serving(''), gkeMigPool));
    expect(w.details.requestsPerSecondPerReplica! * n).toBeCloseTo(whole.details.requestsPerSecondPerReplica!, 9);
  });

  it('a bigger model never fits where a smaller one does not, and a model never fits a slice with less memory than one it does not fit (property)', () => {
    // Profiles of an A100 80GB by memory: 1g.10gb, then 1g.20gb and 2g.20gb, then 3g.40gb and 4g.40gb, then 7g.80gb.
    const profiles = ['1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'];
    const memoryGiB: Record<string, number> = { '1g.10gb': 10, '1g.20gb': 20, '2g.20gb': 20, '3g.40gb': 40, '4g.40gb': 40, '7g.80gb': 80 };
    const sizes = Array.from({ length: 27 }, (_, i) => 1 + 3 * i);
    const fits = new Map(profiles.map((profile) => [profile, sizes.map((gib) => only(sizeWorkloads(serving(`gpuSharing: { mig: ${profile} }`, `${gib} GiB`), gkeMigPool)).feasible)]));
    for (const profile of profiles) {
      const row = fits.get(profile)!;
      // Larger models: once one does not fit, none larger does.
      row.forEach((fit, i) => { if (i > 0 && !row[i - 1]) expect(fit, `${sizes[i]} GiB on ${profile}`).toBe(false); });
      // The threshold sits within the slice's memory at gpuMemoryUtilization 0.9 (model × 1.2 overhead).
      row.forEach((fit, i) => expect(fit).toBe(sizes[i]! * 1.2 <= memoryGiB[profile]! * 0.9));
      for (const smaller of profiles.filter((other) => memoryGiB[other]! < memoryGiB[profile]!)) {
        fits.get(smaller)!.forEach((fit, i) => { if (!row[i]) expect(fit, `${sizes[i]} GiB on ${smaller} vs ${profile}`).toBe(false); });
      }
    }
  });
});

describe('GPU sharing: LLM serving', () => {
  it('Llama 3.1 8B in bf16 (16 GB of weights) does not fit a 1g.10gb slice: infeasible, never a discount', () => {
    const w = only(sizeWorkloads(llm('H100-SXM-80GB', 'gpuSharing: { mig: 1g.10gb }')));
    expect(w.feasible).toBe(false);
    expect(w.infeasible!.map((x) => x.code)).toContain('LLM_DOES_NOT_FIT_GPU_SHARE');
  });

  it('on a 3g.40gb slice it fits, with half the memory bandwidth and 3/7 of the compute of the whole GPU', () => {
    const slice = only(sizeWorkloads(llm('H100-SXM-80GB', 'gpuSharing: { mig: 3g.40gb }')));
    const whole = only(sizeWorkloads(llm('H100-SXM-80GB', '')));
    expect(slice.feasible).toBe(true);
    expect(slice.perReplica.gpuShare?.resourceName).toBe('nvidia.com/mig-3g.40gb');
    expect(slice.details.tensorParallel).toBe(1);
    expect(slice.details.gpuMemoryBytesPerReplica).toBe(40 * GiB);
    // Decode reads the 16 GB of weights at half the bandwidth: a slower step than the whole GPU's.
    expect(slice.details.decodeStepSeconds!).toBeGreaterThan(whole.details.decodeStepSeconds!);
    expect(slice.details.prefillSeconds! / whole.details.prefillSeconds!).toBeCloseTo(7 / 3, 6);
    expect(slice.candidates).toHaveLength(1);
    expect(slice.candidates![0]!.gpus).toBeCloseTo(slice.replicas.peak / 2, 12);
  });
});
