/**
 * Transformer architectures, read from each model's config.json on Hugging Face
 * (num_hidden_layers, hidden_size, num_attention_heads, num_key_value_heads, head_dim,
 * max_position_embeddings, torch_dtype). `parameters` is the exact safetensors count where the
 * layout is fully determined by the config (re-derived from it), otherwise the model card's figure.
 */
import type { ModelArchitecture } from './types.ts';

const ASOF = '2026-11-25';
const hf = (repo: string): string => `https://huggingface.co/${repo}/blob/main/config.json`;

export const modelPresets: readonly ModelArchitecture[] = [
  {
    id: 'llama-3.1-8b', name: 'Llama 3.1 8B',
    parameters: 8_030_261_248, activeParameters: 8_030_261_248,
    layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128,
    vocabSize: 128_256,
    maxContextTokens: 131_072, precision: 'bf16',
    source: hf('meta-llama/Llama-3.1-8B'), asOf: ASOF,
  },
  {
    id: 'llama-3.1-70b', name: 'Llama 3.1 70B',
    parameters: 70_553_706_496, activeParameters: 70_553_706_496,
    layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128,
    vocabSize: 128_256,
    maxContextTokens: 131_072, precision: 'bf16',
    source: hf('meta-llama/Llama-3.1-70B'), asOf: ASOF,
  },
  // Only an instruct checkpoint was published; architecture identical to Llama 3.1 70B.
  {
    id: 'llama-3.3-70b', name: 'Llama 3.3 70B Instruct',
    parameters: 70_553_706_496, activeParameters: 70_553_706_496,
    layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128,
    vocabSize: 128_256,
    maxContextTokens: 131_072, precision: 'bf16',
    source: hf('meta-llama/Llama-3.3-70B-Instruct'), asOf: ASOF,
  },
  {
    id: 'llama-3.1-405b', name: 'Llama 3.1 405B',
    parameters: 405_853_388_800, activeParameters: 405_853_388_800,
    layers: 126, hiddenSize: 16384, attentionHeads: 128, kvHeads: 8, headDim: 128,
    vocabSize: 128_256,
    maxContextTokens: 131_072, precision: 'bf16',
    source: hf('meta-llama/Llama-3.1-405B'), asOf: ASOF,
  },
  // Llama 2 7B/13B use full multi-head attention (kvHeads = heads); the -hf weights are fp16.
  {
    id: 'llama-2-7b', name: 'Llama 2 7B',
    parameters: 6_738_415_616, activeParameters: 6_738_415_616,
    layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 32, headDim: 128,
    vocabSize: 32_000,
    maxContextTokens: 4096, precision: 'fp16',
    source: hf('meta-llama/Llama-2-7b-hf'), asOf: ASOF,
  },
  {
    id: 'llama-2-13b', name: 'Llama 2 13B',
    parameters: 13_015_864_320, activeParameters: 13_015_864_320,
    layers: 40, hiddenSize: 5120, attentionHeads: 40, kvHeads: 40, headDim: 128,
    vocabSize: 32_000,
    maxContextTokens: 4096, precision: 'fp16',
    source: hf('meta-llama/Llama-2-13b-hf'), asOf: ASOF,
  },
  {
    id: 'llama-2-70b', name: 'Llama 2 70B',
    parameters: 68_976_648_192, activeParameters: 68_976_648_192,
    layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128,
    vocabSize: 32_000,
    maxContextTokens: 4096, precision: 'fp16',
    source: hf('meta-llama/Llama-2-70b-hf'), asOf: ASOF,
  },
  // v0.3: no sliding window (v0.1 had a 4096-token window), vocabulary 32768.
  {
    id: 'mistral-7b', name: 'Mistral 7B v0.3',
    parameters: 7_248_023_552, activeParameters: 7_248_023_552,
    layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128,
    vocabSize: 32_768,
    maxContextTokens: 32_768, precision: 'bf16',
    source: hf('mistralai/Mistral-7B-v0.3'), asOf: ASOF,
  },
  // 8 experts, 2 routed per token: 46.7e9 total, 12.9e9 active (Mixtral paper / model card).
  {
    id: 'mixtral-8x7b', name: 'Mixtral 8x7B v0.1',
    parameters: 46_702_792_704, activeParameters: 12_879_925_248,
    layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128,
    experts: 8, expertsPerToken: 2, vocabSize: 32_000,
    maxContextTokens: 32_768, precision: 'bf16',
    source: hf('mistralai/Mixtral-8x7B-v0.1'), asOf: ASOF,
  },
  // Instruct config: 32768 native context (the base repo's config says 131072; beyond 32K needs YaRN).
  {
    id: 'qwen2.5-7b', name: 'Qwen2.5 7B Instruct',
    parameters: 7_615_616_512, activeParameters: 7_615_616_512,
    layers: 28, hiddenSize: 3584, attentionHeads: 28, kvHeads: 4, headDim: 128,
    vocabSize: 152_064,
    maxContextTokens: 32_768, precision: 'bf16',
    source: hf('Qwen/Qwen2.5-7B-Instruct'), asOf: ASOF,
  },
  {
    id: 'qwen2.5-72b', name: 'Qwen2.5 72B Instruct',
    parameters: 72_706_203_648, activeParameters: 72_706_203_648,
    layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128,
    vocabSize: 152_064,
    maxContextTokens: 32_768, precision: 'bf16',
    source: hf('Qwen/Qwen2.5-72B-Instruct'), asOf: ASOF,
  },
  // head_dim 256 is explicit in the config (16 × 256 = 4096 ≠ hidden 3584). Alternate layers (21 of
  // 42) use a 4096-token sliding window; embeddings tied. The base checkpoint is published in fp32; serving engines load it as bf16.
  {
    id: 'gemma-2-9b', name: 'Gemma 2 9B',
    parameters: 9_241_705_984, activeParameters: 9_241_705_984,
    layers: 42, hiddenSize: 3584, attentionHeads: 16, kvHeads: 8, headDim: 256,
    slidingWindow: 4096, slidingWindowLayers: 21, vocabSize: 256_000, tieWordEmbeddings: true,
    maxContextTokens: 8192, precision: 'fp32',
    source: hf('google/gemma-2-9b'), asOf: ASOF,
  },
  // Mixture of experts: 128 experts, 8 routed per token; 4 KV heads (so KV replicates at TP 8).
  // 235B total, 22B activated (model card); max_position_embeddings 40960 (32768 native).
  {
    id: 'qwen3-235b-a22b', name: 'Qwen3 235B-A22B',
    parameters: 235e9, activeParameters: 22e9,
    layers: 94, hiddenSize: 4096, attentionHeads: 64, kvHeads: 4, headDim: 128,
    experts: 128, expertsPerToken: 8, vocabSize: 151_936,
    maxContextTokens: 40_960, precision: 'bf16',
    source: hf('Qwen/Qwen3-235B-A22B'), asOf: ASOF,
  },
  // Multi-head latent attention (kv_lora_rank 512, qk_rope_head_dim 64) and 256 routed experts, 8 per
  // token (plus one shared, counted in the active figure); 671B total, 37B activated (model card).
  // Published in FP8 (block-wise scales); num_key_value_heads 128 does not size its cache.
  {
    id: 'deepseek-v3', name: 'DeepSeek-V3',
    parameters: 671e9, activeParameters: 37e9,
    layers: 61, hiddenSize: 7168, attentionHeads: 128, kvHeads: 128, headDim: 192,
    experts: 256, expertsPerToken: 8, kvLoraRank: 512, qkRopeHeadDim: 64, vocabSize: 129_280,
    maxContextTokens: 163_840, precision: 'fp8',
    source: hf('deepseek-ai/DeepSeek-V3'), asOf: ASOF,
  },
  // 128 experts, 4 per token; alternate layers (18 of 36) use a 128-token sliding window; 116.8B
  // total, 5.1B active (OpenAI gpt-oss model card, 2025). Experts ship in MXFP4, the rest in bf16:
  // served at fp4 here, which counts the attention layers at 4 bits too (slightly small).
  {
    id: 'gpt-oss-120b', name: 'gpt-oss-120b',
    parameters: 116.8e9, activeParameters: 5.1e9,
    layers: 36, hiddenSize: 2880, attentionHeads: 64, kvHeads: 8, headDim: 64,
    experts: 128, expertsPerToken: 4, slidingWindow: 128, slidingWindowLayers: 18, vocabSize: 201_088,
    maxContextTokens: 131_072, precision: 'fp4',
    source: hf('openai/gpt-oss-120b'), asOf: ASOF,
  },
];

const byId = new Map(modelPresets.map((model) => [model.id.toLowerCase(), model]));

export function findModelPreset(id: string): ModelArchitecture | undefined {
  return byId.get(id.toLowerCase());
}
