import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kvBytesForSequence } from '../../sizing/transformer.ts';
import { modelPresets } from '../model-presets.ts';
import { importHfConfig, type HfModelImport } from './import.ts';

const FIXTURES = new URL('../hf-configs/', import.meta.url);
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Record<string, unknown>;

function imported(name: string): HfModelImport {
  const result = importHfConfig(fixture(name));
  if (!result.ok) throw new Error(`${name}: ${result.errors.join('; ')}`);
  return result.model;
}

/**
 * Published parameter counts, in billions as printed (the digits shown are all the figure states). `total`: the model card, or the Hugging Face page's safetensors
 * count where the card rounds harder. `active`: the card's activated parameters; publishers
 * differ on whether the input embedding (a row lookup) counts, so each figure says which.
 */
const published: Record<string, { total: string; active?: string; activeExcludesInputEmbedding?: boolean; source: string }> = {
  'llama-3.1-8b': { total: '8.03', source: 'huggingface.co/meta-llama/Llama-3.1-8B (safetensors: 8.03B params)' },
  'llama-3.1-70b': { total: '70.6', source: 'huggingface.co/meta-llama/Llama-3.1-70B (70.6B params)' },
  'llama-3.1-405b': { total: '406', source: 'huggingface.co/meta-llama/Llama-3.1-405B (406B params)' },
  'llama-3.3-70b': { total: '70.6', source: 'huggingface.co/meta-llama/Llama-3.3-70B-Instruct (70.6B params)' },
  'llama-4-scout': { total: '109', active: '17', source: 'Llama 4 model card: Scout 17B activated, 109B total' },
  'llama-4-maverick': { total: '400', active: '17', source: 'Llama 4 model card: Maverick 17B activated, 400B total' },
  'llama-2-7b': { total: '6.74', source: 'huggingface.co/meta-llama/Llama-2-7b-hf (6.74B params)' },
  'llama-2-13b': { total: '13', source: 'huggingface.co/meta-llama/Llama-2-13b-hf (13B params)' },
  'llama-2-70b': { total: '69', source: 'huggingface.co/meta-llama/Llama-2-70b-hf (69B params)' },
  'mistral-7b': { total: '7.25', source: 'huggingface.co/mistralai/Mistral-7B-v0.3 (7.25B params)' },
  'mistral-small-3': { total: '23.6', source: 'huggingface.co/mistralai/Mistral-Small-24B-Instruct-2501 (23.6B params)' },
  'mixtral-8x7b': { total: '46.7', active: '12.9', source: 'Mixtral of Experts (Jiang et al. 2024): 47B total, 13B active; Mistral AI: 46.7B / 12.9B' },
  'qwen2.5-7b': { total: '7.61', source: 'Qwen2.5-7B-Instruct model card: 7.61B' },
  'qwen2.5-72b': { total: '72.7', source: 'Qwen2.5-72B-Instruct model card: 72.7B' },
  'qwen3-8b': { total: '8.2', source: 'Qwen3-8B model card: 8.2B' },
  'qwen3-32b': { total: '32.8', source: 'Qwen3-32B model card: 32.8B' },
  'qwen3-30b-a3b': { total: '30.5', active: '3.3', source: 'Qwen3-30B-A3B model card: 30.5B total, 3.3B activated (3.35B, truncated)' },
  'qwen3-235b-a22b': { total: '235', active: '22', source: 'Qwen3-235B-A22B model card: 235B total, 22B activated' },
  'deepseek-v2': { total: '236', active: '21', activeExcludesInputEmbedding: true, source: 'DeepSeek-V2 report (Liu et al. 2024): 236B total, 21B activated' },
  'deepseek-v3': { total: '671', active: '36.7', activeExcludesInputEmbedding: true, source: 'deepseek-ai/DeepSeek-V3 README_WEIGHTS.md: main model 671B, 36.7B activated' },
  'deepseek-r1': { total: '671', active: '36.7', activeExcludesInputEmbedding: true, source: 'DeepSeek-R1 model card: 671B total, 37B activated (V3 architecture)' },
  'gpt-oss-20b': { total: '20.91', active: '3.61', activeExcludesInputEmbedding: true, source: 'gpt-oss model card (OpenAI 2025), table 1: 20.91B total, 3.61B active' },
  'gpt-oss-120b': { total: '116.83', active: '5.13', activeExcludesInputEmbedding: true, source: 'gpt-oss model card (OpenAI 2025), table 1: 116.83B total, 5.13B active' },
  'gemma-2-9b': { total: '9.24', source: 'huggingface.co/google/gemma-2-9b (9.24B params)' },
  'gemma-3-27b': { total: '27.4', source: 'huggingface.co/google/gemma-3-27b-it (27.4B params, vision encoder included)' },
  'phi-3-mini': { total: '3.82', source: 'huggingface.co/microsoft/Phi-3-mini-4k-instruct (3.82B params)' },
  'phi-4': { total: '14.7', source: 'huggingface.co/microsoft/phi-4 (14.7B params)' },
};

/**
 * Within 1% of a published figure, or within one unit of its last printed digit when that is wider:
 * cards round (Llama 4's "17B") or truncate (Qwen3-30B-A3B's 3.35B printed "3.3B").
 */
function expectNearPublished(count: number, printedBillions: string): void {
  const decimals = printedBillions.split('.')[1]?.length ?? 0;
  const published = Number(printedBillions) * 1e9;
  const tolerance = Math.max(0.01 * published, 10 ** (9 - decimals));
  expect(Math.abs(count - published), `${count} against ${printedBillions}B`).toBeLessThanOrEqual(tolerance);
}

const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));

describe('config.json import: parameter counts against the published ones', () => {
  it('has a published count for every fixture', () => {
    expect(Object.keys(published).sort()).toEqual([...fixtureNames].sort());
  });

  it.each(fixtureNames)('%s: total within 1% of the published count', (name) => {
    expect(Math.abs(imported(name).fields.parameters / (Number(published[name]!.total) * 1e9) - 1)).toBeLessThan(0.01);
  });

  it.each(fixtureNames.filter((n) => published[n]!.active !== undefined))('%s: active matches the published count', (name) => {
    const { fields } = imported(name);
    const expected = published[name]!;
    const inputEmbedding = expected.activeExcludesInputEmbedding ? fields.vocabSize * fields.hiddenSize : 0;
    expectNearPublished(fields.activeParameters - inputEmbedding, expected.active!);
  });

  it('reproduces the safetensors counts of dense layouts exactly', () => {
    // Hugging Face's parameter counts of these checkpoints (the repository's safetensors metadata).
    expect(imported('llama-3.1-8b').fields.parameters).toBe(8_030_261_248);
    expect(imported('llama-3.1-70b').fields.parameters).toBe(70_553_706_496);
    expect(imported('llama-2-7b').fields.parameters).toBe(6_738_415_616);
    expect(imported('qwen2.5-7b').fields.parameters).toBe(7_615_616_512);
    expect(imported('gemma-2-9b').fields.parameters).toBe(9_241_705_984);
    expect(imported('mixtral-8x7b').fields).toMatchObject({ parameters: 46_702_792_704, activeParameters: 12_879_925_248 });
  });

  it('treats a dense text model as using all its parameters', () => {
    for (const name of ['llama-3.1-8b', 'qwen3-32b', 'phi-4', 'mistral-small-3']) {
      const { fields } = imported(name);
      expect(fields.activeParameters, name).toBe(fields.parameters);
    }
  });
});

describe('config.json import: KV cache bytes per token against published figures', () => {
  const perToken = (name: string, bytes = 2) => {
    const { fields } = imported(name);
    return kvBytesForSequence({ ...fields, estimatedArchitecture: false, precision: 'bf16' }, bytes, 1, 1);
  };

  it('Llama 3.1 8B: 128 KiB per token in bf16 (2 × 32 layers × 8 KV heads × 128 × 2 B; NVIDIA, "Mastering LLM Techniques: Inference Optimization")', () => {
    expect(perToken('llama-3.1-8b')).toBe(131_072);
  });

  it('Llama 3.1 70B and 3.3 70B: 320 KiB per token (80 layers, 8 KV heads)', () => {
    expect(perToken('llama-3.1-70b')).toBe(327_680);
    expect(perToken('llama-3.3-70b')).toBe(327_680);
  });

  it('Llama 2 13B: 800 KB per token, the vLLM paper\'s figure for a 13B model (Kwon et al. 2023, §3: 2 × 5120 hidden × 40 layers × 2 B)', () => {
    expect(perToken('llama-2-13b')).toBe(2 * 5120 * 40 * 2);
  });

  it('DeepSeek-V3: multi-head latent attention caches 576 elements per layer (DeepSeek-V2 report, table 1: (d_c + d_h^R) × l)', () => {
    expect(perToken('deepseek-v3')).toBe(61 * (512 + 64) * 2);
    expect(perToken('deepseek-v2')).toBe(60 * (512 + 64) * 2);
  });

  it('Qwen3-235B-A22B: 4 KV heads over 94 layers, 188 KiB per token', () => {
    expect(perToken('qwen3-235b-a22b')).toBe(2 * 94 * 4 * 128 * 2);
  });

  it('gpt-oss-120b: a token costs 72 KiB until the window fills, then only the 18 full-attention layers grow', () => {
    const { fields } = imported('gpt-oss-120b');
    const model = { ...fields, estimatedArchitecture: false, precision: 'bf16' as const };
    expect(kvBytesForSequence(model, 2, 1, 1)).toBe(2 * 36 * 8 * 64 * 2);
    const grow = kvBytesForSequence(model, 2, 1, 10_001) - kvBytesForSequence(model, 2, 1, 10_000);
    expect(grow).toBe(2 * 18 * 8 * 64 * 2);
  });
});

describe('config.json import: keys per architecture', () => {
  it('reads Gemma 3 from text_config, with the class defaults it leaves out and its 5:1 local:global pattern', () => {
    const gemma = imported('gemma-3-27b');
    expect(gemma.fields).toMatchObject({ layers: 62, hiddenSize: 5376, headDim: 128, kvHeads: 16, slidingWindow: 1024, slidingWindowLayers: 52, vocabSize: 262_208, maxContextTokens: 131_072, tieWordEmbeddings: true });
    expect(gemma.sources.layers).toBe('text_config.num_hidden_layers');
    expect(gemma.sources.vocabSize).toBe('vocab_size (absent: Gemma3TextConfig default)');
    expect(gemma.warnings.join()).toMatch(/vision encoder is estimated/);
  });

  it('reads Gemma 2 alternate sliding layers and its explicit head_dim', () => {
    expect(imported('gemma-2-9b').fields).toMatchObject({ headDim: 256, slidingWindow: 4096, slidingWindowLayers: 21, tieWordEmbeddings: true, precision: 'fp32' });
  });

  it('reads gpt-oss layer_types, its MoE keys and MXFP4 as fp4', () => {
    const oss = imported('gpt-oss-120b');
    expect(oss.fields).toMatchObject({ experts: 128, expertsPerToken: 4, slidingWindow: 128, slidingWindowLayers: 18, precision: 'fp4' });
    expect(oss.sources.precision).toBe('quantization_config.quant_method (mxfp4)');
    expect(oss.sources.slidingWindowLayers).toBe('layer_types ("sliding_attention" entries)');
  });

  it('reads DeepSeek MLA, routed experts and FP8 weights', () => {
    const ds = imported('deepseek-v3');
    expect(ds.fields).toMatchObject({ kvLoraRank: 512, qkRopeHeadDim: 64, headDim: 192, experts: 256, expertsPerToken: 8, precision: 'fp8' });
    expect(ds.sources.experts).toBe('n_routed_experts');
  });

  it('counts Llama 4 Maverick\'s interleaved MoE layers (every 2nd) and Scout\'s all-MoE layers', () => {
    expect(imported('llama-4-maverick').sources.parameters).toMatch(/24 MoE layers/);
    expect(imported('llama-4-scout').sources.parameters).toMatch(/48 MoE layers/);
    // Chunked attention on the RoPE layers: 3 of every 4.
    expect(imported('llama-4-scout').fields).toMatchObject({ slidingWindow: 8192, slidingWindowLayers: 36 });
  });

  it('ignores the sliding_window Qwen2.5 carries while use_sliding_window is false', () => {
    expect(imported('qwen2.5-7b').fields.slidingWindow).toBeUndefined();
  });

  it('falls back to the generic keys, with a warning, for an architecture it does not know', () => {
    const config = { ...fixture('llama-3.1-8b'), architectures: ['FancyNewForCausalLM'], model_type: 'fancy' };
    const result = importHfConfig(config);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model.family).toBe('generic');
    expect(result.model.fields.parameters).toBe(8_030_261_248);
    expect(result.model.warnings[0]).toMatch(/^architecture "FancyNewForCausalLM" is not one Headroom knows/);
  });

  it('refuses what it cannot size, naming the key at fault', () => {
    expect(importHfConfig([1, 2])).toEqual({ ok: false, errors: ['a config.json must be a JSON object (found a list)'] });
    const { num_hidden_layers: _dropped, ...noLayers } = fixture('llama-3.1-8b');
    const missing = importHfConfig(noLayers);
    expect(!missing.ok && missing.errors).toEqual(['num_hidden_layers / n_layer / num_layers: missing (needed to size the model)']);
    const wrong = importHfConfig({ ...fixture('qwen3-8b'), num_key_value_heads: 'eight' });
    expect(!wrong.ok && wrong.errors[0]).toBe('num_key_value_heads: expected a whole number from 0 to 100000000 (got "eight")');
    const indivisible = importHfConfig({ ...fixture('qwen3-8b'), num_key_value_heads: 5 });
    expect(!indivisible.ok && indivisible.errors[0]).toBe('num_key_value_heads (5) must divide num_attention_heads (32)');
    const moe = importHfConfig({ ...fixture('mixtral-8x7b'), num_experts_per_tok: undefined });
    expect(!moe.ok && moe.errors[0]).toBe('num_experts_per_tok: missing (num_local_experts is 8)');
  });

  it('bounds the layer count before walking layers, and wants counts above 0', () => {
    const huge = importHfConfig({ ...fixture('llama-3.1-8b'), num_hidden_layers: 50_000_000 });
    expect(!huge.ok && huge.errors).toEqual(['num_hidden_layers: 50000000 is beyond the plausible maximum of 1000 layers']);
    const zero = importHfConfig({ ...fixture('llama-3.1-8b'), hidden_size: 0 });
    expect(!zero.ok && zero.errors[0]).toBe('hidden_size: must be greater than 0');
  });

  it('reads a 4-bit GPTQ checkpoint as int4 and names the key', () => {
    const result = importHfConfig({ ...fixture('qwen2.5-7b'), quantization_config: { quant_method: 'gptq', bits: 4, group_size: 128 } });
    expect(result.ok && result.model.fields.precision).toBe('int4');
    expect(result.ok && result.model.sources.precision).toBe('quantization_config.bits (gptq)');
  });

  it('refuses a layer list longer than the model without walking it', () => {
    const result = importHfConfig({ ...fixture('gpt-oss-20b'), layer_types: Array.from({ length: 1_000_000 }, () => 'sliding_attention') });
    expect(!result.ok && result.errors).toEqual(['layer_types: expected a list of at most 24 entries']);
  });
});

describe('model presets are the import of their config.json', () => {
  it.each(modelPresets.map((p) => [p.id, p] as const))('%s equals the import of its fixture', (id, preset) => {
    const { fields } = imported(id);
    const { maxContextTokens, ...rest } = fields;
    expect(preset).toMatchObject({ ...rest, maxContextTokens });
    expect(preset.source).toBe(`https://huggingface.co/${preset.huggingFaceId}/blob/main/config.json`);
  });
});
