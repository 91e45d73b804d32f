import { describe, expect, it } from 'vitest';
import { findGpu, gpus } from './gpus.ts';
import { findModelPreset, modelPresets } from './model-presets.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

describe('GPU catalog', () => {
  const contractIds = [
    'T4-16GB', 'L4-24GB', 'A10G-24GB', 'L40S-48GB', 'A100-SXM-40GB', 'A100-SXM-80GB',
    'H100-SXM-80GB', 'H100-PCIe-80GB', 'H200-SXM-141GB', 'MI300X-192GB',
    'A100-PCIe-80GB', 'A10-24GB',
  ];

  it('has unique ids', () => {
    const ids = gpus.map((gpu) => gpu.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(contractIds)('contains %s and finds it by id', (id) => {
    expect(findGpu(id)?.id).toBe(id);
  });

  it('returns undefined for an unknown id', () => {
    expect(findGpu('no-such-gpu')).toBeUndefined();
  });

  it.each(gpus.map((gpu) => [gpu.id, gpu] as const))('%s has finite, positive figures', (_id, gpu) => {
    for (const value of [gpu.memoryBytes, gpu.memoryBandwidthBytesPerSecond, gpu.bf16FlopsPerSecond,
      gpu.int8OpsPerSecond, gpu.tdpWatts]) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
    // FP8 is 0 where there are no FP8 tensor cores, never negative.
    expect(Number.isFinite(gpu.fp8FlopsPerSecond)).toBe(true);
    expect(gpu.fp8FlopsPerSecond).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(gpu.memoryBytes)).toBe(true);
  });

  it.each(gpus.map((gpu) => [gpu.id, gpu] as const))('%s has a source and an ISO asOf date', (_id, gpu) => {
    expect(gpu.source.trim().length).toBeGreaterThan(0);
    expect(gpu.source).toMatch(/https:\/\//);
    expect(isIsoDate(gpu.asOf)).toBe(true);
  });

  it('advertises the device plugin resource of its vendor', () => {
    for (const gpu of gpus) {
      expect(gpu.kubernetesResource).toBe(gpu.vendor === 'amd' ? 'amd.com/gpu' : 'nvidia.com/gpu');
    }
  });

  it('has no FP8 on pre-Ada/Hopper parts', () => {
    for (const id of ['T4-16GB', 'A10G-24GB', 'A10-24GB', 'A100-SXM-40GB', 'A100-SXM-80GB', 'A100-PCIe-80GB']) {
      expect(findGpu(id)?.fp8FlopsPerSecond).toBe(0);
    }
    for (const id of ['L4-24GB', 'L40S-48GB', 'H100-SXM-80GB', 'H100-PCIe-80GB', 'H200-SXM-141GB', 'MI300X-192GB']) {
      expect(findGpu(id)?.fp8FlopsPerSecond).toBeGreaterThan(0);
    }
  });

  it('records the H100 SXM at dense BF16 ≈ 989 TFLOPS (half the 1979 sparse figure) and 3.35 TB/s', () => {
    const h100 = findGpu('H100-SXM-80GB');
    expect(h100).toBeDefined();
    expect(h100!.bf16FlopsPerSecond / 1e12).toBeCloseTo(989.5, 0);
    expect(h100!.memoryBandwidthBytesPerSecond).toBe(3.35e12);
    expect(h100!.memoryBytes).toBe(80 * 2 ** 30);
  });

  it('names its memory in the marketing GB as GiB, consistently with the id', () => {
    for (const gpu of gpus) {
      const gb = Number(/-(\d+)GB$/.exec(gpu.id)?.[1]);
      expect(gpu.memoryBytes).toBe(gb * 2 ** 30);
    }
  });
});

describe('model presets', () => {
  const contractIds = [
    'llama-3.1-8b', 'llama-3.1-70b', 'llama-3.3-70b', 'llama-3.1-405b', 'llama-2-7b', 'llama-2-13b',
    'llama-2-70b', 'mistral-7b', 'mixtral-8x7b', 'qwen2.5-7b', 'qwen2.5-72b', 'gemma-2-9b',
    // Issue 15's list.
    'llama-4-scout', 'llama-4-maverick', 'qwen3-8b', 'qwen3-32b', 'qwen3-30b-a3b', 'qwen3-235b-a22b',
    'deepseek-v3', 'deepseek-r1', 'gpt-oss-20b', 'gpt-oss-120b', 'gemma-3-27b', 'mistral-small-3',
  ];
  // Models whose config sets head_dim (or MLA head dimensions) to something other than hidden_size / heads.
  const explicitHeadDim = new Set(['gemma-2-9b', 'gemma-3-27b', 'qwen3-32b', 'qwen3-30b-a3b', 'qwen3-235b-a22b', 'deepseek-v2', 'deepseek-v3', 'deepseek-r1',
    'gpt-oss-20b', 'gpt-oss-120b', 'mistral-small-3']);
  // Multimodal checkpoints: the vision encoder is in the weights, not in what a text token uses.
  const withVision = new Set(['gemma-3-27b', 'llama-4-scout', 'llama-4-maverick']);

  it('has unique ids', () => {
    const ids = modelPresets.map((model) => model.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(contractIds)('contains %s and finds it by id', (id) => {
    expect(findModelPreset(id)?.id).toBe(id);
  });

  it('returns undefined for an unknown id', () => {
    expect(findModelPreset('no-such-model')).toBeUndefined();
  });

  it.each(modelPresets.map((model) => [model.id, model] as const))('%s has positive integer dimensions', (_id, model) => {
    for (const value of [model.parameters, model.activeParameters, model.layers, model.hiddenSize,
      model.attentionHeads, model.kvHeads, model.headDim, model.maxContextTokens]) {
      expect(Number.isSafeInteger(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
    expect(model.activeParameters).toBeLessThanOrEqual(model.parameters);
    // Grouped-query attention: query heads are shared evenly among KV heads.
    expect(model.kvHeads).toBeLessThanOrEqual(model.attentionHeads);
    expect(model.attentionHeads % model.kvHeads).toBe(0);
  });

  it.each(modelPresets.map((model) => [model.id, model] as const))('%s relates headDim to hidden size and heads', (id, model) => {
    if (explicitHeadDim.has(id)) {
      expect(model.headDim * model.attentionHeads).not.toBe(model.hiddenSize);
    } else {
      expect(model.headDim * model.attentionHeads).toBe(model.hiddenSize);
    }
  });

  it('gives Gemma 2 9B its explicit head_dim of 256', () => {
    expect(findModelPreset('gemma-2-9b')?.headDim).toBe(256);
  });

  it.each(modelPresets.map((model) => [model.id, model] as const))('%s has a config.json source and an ISO asOf date', (_id, model) => {
    expect(model.source).toMatch(/^https:\/\/huggingface\.co\/.+\/config\.json$/);
    expect(isIsoDate(model.asOf)).toBe(true);
  });

  it('sizes the Llama 3.1 8B KV cache at 131072 bytes per token in bf16', () => {
    // K and V × layers × KV heads × head_dim × 2 bytes: the per-token term of the KV cache formula in
    // NVIDIA's "Mastering LLM Techniques: Inference Optimization" and of vLLM's per-layer page size
    // (2 × block_size × num_kv_heads × head_size × dtype size).
    const llama = findModelPreset('llama-3.1-8b');
    expect(llama).toBeDefined();
    const bf16Bytes = 2;
    const perToken = 2 * llama!.layers * llama!.kvHeads * llama!.headDim * bf16Bytes;
    expect(perToken).toBe(2 * 32 * 8 * 128 * 2);
    expect(perToken).toBe(131_072);
  });

  it('has Mixtral 8x7B activate fewer parameters than it holds', () => {
    const mixtral = findModelPreset('mixtral-8x7b');
    expect(mixtral).toBeDefined();
    expect(mixtral!.activeParameters).toBeLessThan(mixtral!.parameters);
    expect(mixtral!.parameters / 1e9).toBeCloseTo(46.7, 1);
    expect(mixtral!.activeParameters / 1e9).toBeCloseTo(12.9, 1);
  });

  it('treats every dense model as activating all its parameters, and gives every mixture of experts fewer active than total', () => {
    for (const model of modelPresets) {
      if (model.experts === undefined && !withVision.has(model.id)) expect(model.activeParameters).toBe(model.parameters);
      else expect(model.activeParameters).toBeLessThan(model.parameters);
    }
  });
});
