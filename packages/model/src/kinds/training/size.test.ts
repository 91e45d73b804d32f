import { describe, expect, it } from 'vitest';
import { codes, only, sizeWorkloads, step } from '../../testing.ts';
import type { WorkloadSizing } from '../../sizing/types.ts';
import { GiB } from '../../units.ts';
import { activationBytes, stateMemory } from './memory.ts';
import { trainingSchema } from './schema.ts';

const training = (fields: string) => `    - name: run
      kind: training
${fields}`;

describe('training sizing', () => {
  it('reproduces Llama 2 7B pre-training GPU-hours (Touvron et al. 2023, table 2: 184,320 A100-80GB hours)', () => {
    // 6.74e9 parameters × 2.0e12 tokens × 6 FLOPs at 40% MFU on 312 TFLOPS dense BF16.
    const w = only(sizeWorkloads(training(`      model: { preset: llama-2-7b }
      dataset: { tokens: 2e12 }
      deadline: 60 d
      accelerator: { gpu: A100-SXM-80GB }
      parallelism: { zeroStage: 3 }
`)));
    expect(w.details.trainingFlops).toBeCloseTo(6 * 6.738e9 * 2e12, -20);
    expect(w.details.gpuHours! / 184_320).toBeGreaterThan(0.95);
    expect(w.details.gpuHours! / 184_320).toBeLessThan(1.05);
    expect(w.details.wallClockSeconds).toBeLessThanOrEqual(60 * 86400);
  });

  it('model states per GPU follow the ZeRO paper (Rajbhandari et al. 2020, figure 1: 7.5B parameters, 64 GPUs)', () => {
    const base = trainingSchema.parse({ name: 'z', kind: 'training', model: { parameters: 7.5e9 }, dataset: { tokens: 1e9 }, deadline: 86400, accelerator: { gpu: 'A100-SXM-80GB' } });
    const perGpu = (zeroStage: 0 | 1 | 2 | 3) => {
      const s = stateMemory({ ...base, parallelism: { ...base.parallelism, zeroStage } }, 7.5e9);
      return (s.fixedBytes + s.partitionedBytes / 64) / 1e9;
    };
    expect(perGpu(0)).toBeCloseTo(120, 1);
    expect(perGpu(1)).toBeCloseTo(31.4, 1);
    expect(perGpu(2)).toBeCloseTo(16.6, 1);
    expect(perGpu(3)).toBeCloseTo(1.875, 2);
  });

  it('activations follow Korthikanti et al. 2022 (34·s·b·h per layer with FlashAttention; 2·s·b·h kept under recomputation)', () => {
    const base = trainingSchema.parse({ name: 'a', kind: 'training', model: { preset: 'llama-2-7b' }, dataset: { tokens: 1e9 }, deadline: 86400, accelerator: { gpu: 'A100-SXM-80GB' }, sequenceLength: 4096, microBatchSize: 1 });
    const sbh = 4096 * 1 * 4096;
    expect(activationBytes(base)).toBe(32 * 34 * sbh);
    const recompute = { ...base, parallelism: { ...base.parallelism, activationCheckpointing: true } };
    expect(activationBytes(recompute)).toBe(32 * 2 * sbh + 34 * sbh);
  });

  it('activation recomputation lowers MFU on model FLOPs by 6/8 and so needs more GPUs', () => {
    const plain = only(sizeWorkloads(training(`      model: { preset: llama-3.1-8b }
      dataset: { tokens: 5e10 }
      deadline: 24 h
      accelerator: { gpu: H100-SXM-80GB }
      parallelism: { zeroStage: 3 }
`)));
    const recompute = only(sizeWorkloads(training(`      model: { preset: llama-3.1-8b }
      dataset: { tokens: 5e10 }
      deadline: 24 h
      accelerator: { gpu: H100-SXM-80GB }
      parallelism: { zeroStage: 3, activationCheckpointing: true }
`)));
    expect(recompute.details.effectiveMfu).toBeCloseTo(plain.details.effectiveMfu! * 6 / 8, 9);
    expect(recompute.details.gpusForDeadline).toBeGreaterThan(plain.details.gpusForDeadline!);
  });

  it('rounds to whole nodes beyond one node and to a power of two within one', () => {
    const big = only(sizeWorkloads(training(`      model: { parameters: 7e9 }
      dataset: { tokens: 2e9 }
      epochs: 2
      deadline: 24 h
      accelerator: { gpu: A100-SXM-80GB }
      parallelism: { zeroStage: 3, activationCheckpointing: true }
`), '  cluster: { provider: eks }\n'));
    // 6 × 7e9 × 4e9 / (86400 s × 312e12 × 0.3) = 20.8 GPUs → 21 → 3 nodes of 8.
    expect(big.details.gpusForDeadline).toBe(21);
    expect(big.details.gpus).toBe(24);
    expect(big.replicas).toEqual({ min: 3, peak: 3, max: 3 });
    expect(big.perReplica.gpus).toBe(8);
    const small = only(sizeWorkloads(training(`      model: { preset: llama-3.1-8b }
      method: lora
      dataset: { tokens: 1e8 }
      deadline: 24 h
      accelerator: { gpu: A100-SXM-80GB }
`), '  cluster: { provider: eks }\n'));
    expect(small.details.gpus).toBe(1);
    expect(small.replicas.peak).toBe(1);
  });

  it('memory alone can demand more GPUs than the deadline (full fine-tune of 70B)', () => {
    const w = only(sizeWorkloads(training(`      model: { preset: llama-3.1-70b }
      dataset: { tokens: 1e7 }
      deadline: 7 d
      accelerator: { gpu: A100-SXM-80GB }
      parallelism: { zeroStage: 3, activationCheckpointing: true }
`)));
    // 16 bytes × 70.6e9 parameters = 1.13 TB of model states over ≤ 72 GiB usable per GPU → ≥ 15 GPUs.
    expect(w.details.gpusForMemory).toBeGreaterThanOrEqual(15);
    expect(w.details.gpus).toBeGreaterThanOrEqual(w.details.gpusForMemory!);
    expect(w.details.memoryPerGpuBytes).toBeLessThanOrEqual(80 * GiB * 0.9);
  });

  it('reports a model that cannot fit at any GPU count without ZeRO', () => {
    const w = only(sizeWorkloads(training(`      model: { preset: llama-3.1-70b }
      dataset: { tokens: 1e7 }
      deadline: 7 d
      accelerator: { gpu: A100-SXM-80GB }
`)));
    expect(codes(w)).toContain('TRAINING_DOES_NOT_FIT_GPU');
  });

  it('QLoRA keeps frozen weights at ~0.5 bytes and trains only adapters (Dettmers et al. 2023)', () => {
    const w = only(sizeWorkloads(training(`      model: { preset: llama-3.1-70b }
      method: qlora
      dataset: { tokens: 1e7 }
      deadline: 7 d
      accelerator: { gpu: A100-SXM-80GB }
      parallelism: { activationCheckpointing: true }
`)));
    // 70.6e9 × (0.5 + 2/128) bytes ≈ 36 GB of frozen weights: fits one 80 GB GPU.
    expect(w.details.gpusForMemory).toBe(1);
    expect(w.details.trainableParameters).toBe(8 * 16 * 8192 * 80);
    expect(w.details.checkpointBytes).toBe(w.details.trainableParameters! * 14);
  });

  it('reports an impossible deadline instead of sizing an absurd cluster', () => {
    const w = only(sizeWorkloads(training(`      model: { preset: llama-3.1-70b }
      dataset: { tokens: 1.5e13 }
      deadline: 1 d
      accelerator: { gpu: H100-SXM-80GB }
      parallelism: { zeroStage: 3 }
`)));
    expect(codes(w)).toEqual(expect.arrayContaining(['TRAINING_DEADLINE_INFEASIBLE', 'TRAINING_MISSES_DEADLINE']));
    expect(w.details.gpus).toBe(1024);
  });

  it('stores the checkpoints kept and the dataset', () => {
    const w = only(sizeWorkloads(training(`      model: { parameters: 1e9, precision: bf16 }
      dataset: { tokens: 1e9 }
      deadline: 24 h
      accelerator: { gpu: A100-SXM-80GB }
      checkpoints: { keep: 3 }
`)));
    expect(w.storage.find((s) => s.name === 'checkpoints')!.bytes).toBe(3 * 14e9);
    expect(w.storage.find((s) => s.name === 'dataset')!.bytes).toBe(4e9);
    expect(codes(w)).toContain('TRAINING_ARCHITECTURE_ESTIMATED');
    expect(step(w, 'gpus')).toBe(w.details.gpus);
  });
});

const explained = (w: WorkloadSizing, id: string) => w.explain.find((s) => s.id === id)!;

describe('training with tensor and pipeline parallelism', () => {
  // BLOOM-176B (BigScience 2022, "BLOOM: A 176B-Parameter Open-Access Multilingual Language Model",
  // §3.4): 70 layers, hidden 14336, 112 heads; 384 A100 80GB in 48 nodes as TP 4 × PP 12 × DP 8, ZeRO
  // stage 1, sequences of 2048, micro-batch 2, global batch 2048; 366B tokens; 156 TFLOPS per GPU
  // (hardware FLOPs with recomputation: MFU 0.5 before the 8/6 recompute factor); about 1.08M GPU-hours.
  const bloom = (extra = '') => training(`      model: { parameters: 176.2e9, layers: 70, hiddenSize: 14336, attentionHeads: 112 }
      dataset: { tokens: 366e9 }
      deadline: 117 d
      sequenceLength: 2048
      microBatchSize: 2
      globalBatchSize: 2048
      accelerator: { gpu: A100-SXM-80GB }
      parallelism: { zeroStage: 1, activationCheckpointing: true, tensorParallel: 4, pipelineParallel: 12 }
      assumptions: { mfu: 0.5, maxTrainingGpus: 4096 }
${extra}`);

  it('sizes BLOOM-176B at its published 384 GPUs, TP 4 × PP 12 × DP 8', () => {
    const w = only(sizeWorkloads(bloom()));
    expect(w.details).toMatchObject({ gpus: 384, tensorParallel: 4, pipelineParallel: 12, dataParallel: 8 });
    expect(w.replicas.peak).toBe(48);
    // 2048 / (2 × 8) = 128 micro-batches per pipeline: bubble 11/128.
    expect(w.details.pipelineBubble).toBeCloseTo(11 / 128, 12);
    // GPU-hours within 10% of the published 1.08M (which also counts restarts and evaluation).
    expect(w.details.gpuHours! / 1_082_990).toBeGreaterThan(0.9);
    expect(w.details.gpuHours! / 1_082_990).toBeLessThan(1.0);
    expect(w.feasible).toBe(true);
  });

  it('splits model states over TP × PP and the optimizer states over the 8 data-parallel ranks (ZeRO stage 1)', () => {
    const w = only(sizeWorkloads(bloom()));
    const statesPerGpu = (176.2e9 * 4) / 48 + (176.2e9 * 12) / 48 / 8;
    expect(w.details.memoryPerGpuBytes! - w.details.activationBytesPerGpu!).toBeCloseTo(statesPerGpu, -3);
    expect(w.details.memoryPerGpuBytes!).toBeLessThan(80 * GiB);
  });

  it('keeps activations at L layers\' worth whatever PP is (1F1B: PP micro-batches of L/PP layers; Korthikanti et al. 2022, §4.2.3)', () => {
    const pp12 = only(sizeWorkloads(bloom()));
    const pp1 = only(sizeWorkloads(bloom().replace('pipelineParallel: 12', 'pipelineParallel: 1')));
    expect(pp12.details.activationBytesPerGpu).toBe(pp1.details.activationBytesPerGpu);
  });

  it('pays the bubble in wall-clock time: with fewer micro-batches the same run takes longer', () => {
    const many = only(sizeWorkloads(bloom()));
    // At most 384 GPUs: the bubble of 16 micro-batches per pipeline makes the same run miss 117 days.
    const few = only(sizeWorkloads(bloom().replace('globalBatchSize: 2048', 'globalBatchSize: 256').replace('maxTrainingGpus: 4096', 'maxTrainingGpus: 384')));
    expect(few.details.gpus).toBe(384);
    expect(few.feasible).toBe(false);
    // 256 / (2 × 8) = 16 micro-batches: bubble 11/16.
    expect(few.details.pipelineBubble).toBeCloseTo(11 / 16, 12);
    expect(few.details.wallClockSeconds! / many.details.wallClockSeconds!).toBeCloseTo((1 + 11 / 16) / (1 + 11 / 128), 9);
    expect(explained(few, 'wallClockSeconds').formula).toContain('(1 + pipelineBubble)');
  });

  it('assumes 4 × PP micro-batches when the plan gives no global batch, and says so', () => {
    const w = only(sizeWorkloads(bloom().replace('      globalBatchSize: 2048\n', '')));
    expect(w.details.pipelineBubble).toBeCloseTo(11 / 48, 12);
    expect(explained(w, 'pipelineBubble').source).toContain('4 × pipelineParallel micro-batches assumed');
  });

  it('counts mixture-of-experts training FLOPs on the active parameters', () => {
    const w = only(sizeWorkloads(training(`      model: { preset: mixtral-8x7b }
      dataset: { tokens: 1e9 }
      deadline: 7 d
      accelerator: { gpu: H100-SXM }
      parallelism: { zeroStage: 3, activationCheckpointing: true }
`)));
    expect(w.details.trainingFlops).toBe(6 * 12_879_925_248 * 1e9);
  });
});

describe('expert parallel (mixture of experts)', () => {
  const mixtral = (ep: number, zeroStage: 0 | 1 | 2 | 3 = 1) => trainingSchema.parse({
    name: 'moe', kind: 'training', model: { preset: 'mixtral-8x7b' }, dataset: { tokens: 1e9 }, deadline: 86400,
    accelerator: { gpu: 'H100-SXM' }, parallelism: { zeroStage, expertParallel: ep },
  });

  it('spreads the routed experts\' unpartitioned states over EP ranks, the rest stays whole (GShard)', () => {
    // Mixtral 8x7B: 8 experts of (46.70B − 12.88B) / 6 = 5.64B each; 1.60B shared.
    const perExpert = (46_702_792_704 - 12_879_925_248) / 6;
    const shared = 46_702_792_704 - 8 * perExpert;
    const w = mixtral(8);
    const states = stateMemory(w, w.model.parameters);
    // ZeRO stage 1: weights and gradients (4 bytes) unpartitioned, the 12 optimizer bytes partitioned.
    expect(states.fixedBytes).toBeCloseTo(4 * (shared + (8 * perExpert) / 8), -3);
    expect(states.partitionedBytes).toBeCloseTo(12 * 46_702_792_704, -3);
    expect(stateMemory(mixtral(1), 46_702_792_704).fixedBytes).toBeCloseTo(4 * 46_702_792_704, -3);
  });

  it('gains nothing under ZeRO stage 3, which already partitions every state over all data-parallel ranks', () => {
    expect(stateMemory(mixtral(8, 3), 46_702_792_704)).toEqual(stateMemory(mixtral(1, 3), 46_702_792_704));
  });

  it('sizes whole expert groups and reports the degree', () => {
    const w = only(sizeWorkloads(training(`      model: { preset: mixtral-8x7b }
      dataset: { tokens: 1e9 }
      deadline: 7 d
      accelerator: { gpu: H100-SXM }
      parallelism: { zeroStage: 1, activationCheckpointing: true, expertParallel: 8 }
`)));
    expect(w.details.expertParallel).toBe(8);
    expect(w.details.gpus! % 8).toBe(0);
  });

  it('refuses expert parallel on a dense model, or one that does not divide the experts', () => {
    const dense = trainingSchema.safeParse({ name: 'd', kind: 'training', model: { preset: 'llama-3.1-8b' }, dataset: { tokens: 1e9 }, deadline: 86400, accelerator: { gpu: 'H100-SXM' }, parallelism: { expertParallel: 2 } });
    expect(!dense.success && dense.error.issues[0]).toMatchObject({ path: ['parallelism', 'expertParallel'], message: 'needs a mixture-of-experts model (model.experts)' });
    const uneven = trainingSchema.safeParse({ name: 'u', kind: 'training', model: { preset: 'mixtral-8x7b' }, dataset: { tokens: 1e9 }, deadline: 86400, accelerator: { gpu: 'H100-SXM' }, parallelism: { expertParallel: 3 } });
    expect(!uneven.success && uneven.error.issues[0]!.message).toBe('must divide the model\'s 8 experts (got 3)');
  });
});
