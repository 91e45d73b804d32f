/**
 * A plan's `model` fields from a Hugging Face `config.json` (already parsed: this module does no
 * I/O, so the CLI and the calculator share it). Every field carries the config key it came from;
 * what the file does not state is computed (parameter counts, parameters.ts) or defaulted, and
 * says so. Keys per architecture follow the `transformers` configuration classes
 * (`configuration_llama.py`, `configuration_qwen3_moe.py`, `configuration_deepseek_v3.py`, ...);
 * docs/plan.md tables them.
 */
import { gatedMlpParameters, countParameters, estimateVisionParameters, type AttentionLayout, type MoeLayout, type TransformerLayout } from './parameters.ts';
import type { TransformerShape, WeightPrecision } from '../types.ts';
import { ConfigReader, isObject, type JsonObject, type Sourced } from './read.ts';

export type ImportedPrecision = WeightPrecision;

/** The plan's model fields an import fills. */
export interface ImportedModelFields extends TransformerShape {
  vocabSize: number;
  tieWordEmbeddings: boolean;
  precision: ImportedPrecision;
}

export type ImportedField = keyof ImportedModelFields;

export interface HfModelImport {
  /** `architectures[0]`, or `model_type` when the list is missing. */
  architecture: string;
  /** The layout the keys were read with (`llama`, `qwen3_moe`, `deepseek`, ... or `generic`). */
  family: Family;
  fields: ImportedModelFields;
  /** Per field present in `fields`, the config key it came from or how it was derived. */
  sources: Partial<Record<ImportedField, string>>;
  warnings: string[];
}

export type HfImportResult = { ok: true; model: HfModelImport } | { ok: false; errors: string[] };

type Family = 'llama' | 'llama4' | 'mistral' | 'mixtral' | 'qwen2' | 'qwen2_moe' | 'qwen3' | 'qwen3_moe' | 'deepseek' | 'gpt_oss' | 'gemma2' | 'gemma3' | 'phi3' | 'generic';

/** `architectures` entries (and `model_type` values) per layout. */
const FAMILIES: Record<string, Family> = {
  LlamaForCausalLM: 'llama', llama: 'llama',
  Llama4ForConditionalGeneration: 'llama4', Llama4ForCausalLM: 'llama4', llama4: 'llama4', llama4_text: 'llama4',
  MistralForCausalLM: 'mistral', mistral: 'mistral',
  MixtralForCausalLM: 'mixtral', mixtral: 'mixtral',
  Qwen2ForCausalLM: 'qwen2', qwen2: 'qwen2',
  Qwen2MoeForCausalLM: 'qwen2_moe', qwen2_moe: 'qwen2_moe',
  Qwen3ForCausalLM: 'qwen3', qwen3: 'qwen3',
  Qwen3MoeForCausalLM: 'qwen3_moe', qwen3_moe: 'qwen3_moe',
  DeepseekV2ForCausalLM: 'deepseek', deepseek_v2: 'deepseek',
  DeepseekV3ForCausalLM: 'deepseek', deepseek_v3: 'deepseek',
  GptOssForCausalLM: 'gpt_oss', gpt_oss: 'gpt_oss',
  Gemma2ForCausalLM: 'gemma2', gemma2: 'gemma2',
  Gemma3ForCausalLM: 'gemma3', Gemma3ForConditionalGeneration: 'gemma3', gemma3: 'gemma3', gemma3_text: 'gemma3',
  Phi3ForCausalLM: 'phi3', phi3: 'phi3',
};

/** Keys of the fields every layout names alike (the generic fallback reads older aliases too). */
const KEYS = {
  layers: ['num_hidden_layers', 'n_layer', 'num_layers'],
  hiddenSize: ['hidden_size', 'n_embd', 'd_model'],
  attentionHeads: ['num_attention_heads', 'n_head'],
  maxContext: ['max_position_embeddings', 'n_positions', 'max_sequence_length'],
};

/**
 * Defaults of the configuration classes for keys their published files leave out
 * (`configuration_gemma3.py`: Gemma3TextConfig vocab_size 262208, max_position_embeddings 131072,
 * sliding_window_pattern 6).
 */
const LAYOUT_DEFAULTS: Partial<Record<Family, { values: JsonObject; origin: string }>> = {
  gemma3: { values: { vocab_size: 262_208, max_position_embeddings: 131_072, sliding_window_pattern: 6 }, origin: 'Gemma3TextConfig' },
};

const MAX_LAYERS = 1000;

const TORCH_DTYPES: Record<string, ImportedPrecision> = { bfloat16: 'bf16', float16: 'fp16', float32: 'fp32' };

/** Parses nothing and fetches nothing: `config` is the JSON object of a config.json. */
export function importHfConfig(config: unknown): HfImportResult {
  if (!isObject(config)) return { ok: false, errors: ['a config.json must be a JSON object (found ' + (Array.isArray(config) ? 'a list' : typeof config) + ')'] };
  const warnings: string[] = [];
  const architectures = Array.isArray(config.architectures) ? config.architectures.filter((a): a is string => typeof a === 'string') : [];
  const modelType = typeof config.model_type === 'string' ? config.model_type : undefined;
  const architecture = architectures[0] ?? modelType ?? 'unknown';
  const family = FAMILIES[architectures[0] ?? ''] ?? (modelType !== undefined ? FAMILIES[modelType] : undefined) ?? 'generic';
  const r = new ConfigReader(config, LAYOUT_DEFAULTS[family]);
  if (family === 'generic') {
    warnings.push(`architecture "${architecture}" is not one Headroom knows (${[...new Set(Object.values(FAMILIES))].join(', ')}): read with the generic keys and a Llama layout; check the parameter count against the model card`);
  }

  const layers = r.required(...KEYS.layers);
  // The plan's own bound on layers: every per-layer walk below stays within it.
  if (layers.value > MAX_LAYERS) r.errors.push(`${layers.from}: ${layers.value} is beyond the plausible maximum of ${MAX_LAYERS} layers`);
  const hidden = r.required(...KEYS.hiddenSize);
  const heads = r.required(...KEYS.attentionHeads);
  const kvHeadsKey = r.count('num_key_value_heads', 'num_kv_heads');
  const kvHeads: Sourced<number> = kvHeadsKey ?? { value: heads.value, from: `${heads.from} (no num_key_value_heads: full multi-head attention)` };
  const vocab = r.required('vocab_size');
  const headDimKey = r.count('head_dim');
  const intermediate = r.count('intermediate_size', 'n_inner', 'ffn_dim');
  const tieKey = r.flag('tie_word_embeddings');
  // transformers' PretrainedConfig defaults to tied embeddings, but every layout here except Gemma overrides it to false.
  const tie: Sourced<boolean> = tieKey ?? { value: family === 'gemma2' || family === 'gemma3', from: `tie_word_embeddings (absent: the ${family} default)` };
  const maxContext = r.count(...KEYS.maxContext);

  if (layers.value > MAX_LAYERS) return { ok: false, errors: r.errors };
  const mla = family === 'deepseek' ? readMla(r) : undefined;
  const headDim: Sourced<number> = mla
    ? { value: mla.qkNopeHeadDim.value + mla.qkRopeHeadDim.value, from: `${mla.qkNopeHeadDim.from} + ${mla.qkRopeHeadDim.from}` }
    : headDimKey ?? { value: hidden.value / heads.value, from: `${hidden.from} / ${heads.from}` };
  if (headDim.value <= 0) r.errors.push(`${headDim.from}: must be greater than 0`);
  else if (!Number.isInteger(headDim.value)) r.errors.push(`${hidden.from} (${hidden.value}) is not a multiple of ${heads.from} (${heads.value}) and there is no head_dim`);
  if (kvHeads.value > heads.value || heads.value % kvHeads.value !== 0) r.errors.push(`${kvHeads.from} (${kvHeads.value}) must divide ${heads.from} (${heads.value})`);

  const attention: AttentionLayout = mla
    ? { kind: 'mla', heads: heads.value, qLoraRank: mla.qLoraRank, kvLoraRank: mla.kvLoraRank.value, qkNopeHeadDim: mla.qkNopeHeadDim.value, qkRopeHeadDim: mla.qkRopeHeadDim.value, vHeadDim: mla.vHeadDim }
    : gqaLayout(r, family, heads.value, kvHeads.value, headDim.value);
  const moe = readMoe(r, family, hidden.value, layers.value, intermediate?.value);
  const denseIntermediate = family === 'llama4' ? r.count('intermediate_size_mlp') ?? intermediate : intermediate;
  if (!denseIntermediate && (!moe || moe.layout.layers < layers.value)) r.errors.push('intermediate_size: missing (needed to count the feed-forward parameters)');
  const vision = readVision(r, hidden.value);
  const window = readWindow(r, family, layers.value, warnings);
  const precision = readPrecision(r, warnings);

  if (r.errors.length > 0) return { ok: false, errors: r.errors };

  const layout: TransformerLayout = {
    hiddenSize: hidden.value, layers: layers.value, vocabSize: vocab.value, tieWordEmbeddings: tie.value, attention,
    normsPerLayer: family === 'gemma2' || family === 'gemma3' ? 4 : 2,
    denseLayers: layers.value - (moe?.layout.layers ?? 0),
    denseMlpParameters: gatedMlpParameters(hidden.value, denseIntermediate?.value ?? 0),
    ...(moe ? { moe: moe.layout } : {}),
    visionParameters: vision?.value ?? 0,
  };
  const count = countParameters(layout);
  const countFrom = `computed: embeddings + ${layers.value} layers of attention, norms and ${moe ? `MLP/experts (${moe.layout.layers} MoE layers)` : 'MLP'}${vision ? ' + vision encoder (estimated)' : ''}; docs/plan.md`;
  if (vision) warnings.push(`the vision encoder is estimated (${(vision.value / 1e9).toFixed(2)}B parameters from ${vision.from}); it counts in the weights, not in the parameters a text token uses`);
  if (family === 'llama4' && window) warnings.push('Llama 4 chunked attention (attention_chunk_size) is sized as a sliding window of one chunk on the RoPE layers: a chunked layer never holds more than one chunk');

  const fields: ImportedModelFields = {
    parameters: count.total,
    activeParameters: count.active,
    layers: layers.value, hiddenSize: hidden.value, attentionHeads: heads.value, kvHeads: kvHeads.value, headDim: headDim.value,
    ...(maxContext ? { maxContextTokens: maxContext.value } : {}),
    ...(moe ? { experts: moe.experts.value, expertsPerToken: moe.expertsPerToken.value } : {}),
    ...(window ? { slidingWindow: window.window.value, slidingWindowLayers: window.layers.value } : {}),
    ...(mla ? { kvLoraRank: mla.kvLoraRank.value, qkRopeHeadDim: mla.qkRopeHeadDim.value } : {}),
    vocabSize: vocab.value, tieWordEmbeddings: tie.value, precision: precision.value,
  };
  const sourceList: Partial<Record<ImportedField, string | undefined>> = {
    parameters: countFrom,
    activeParameters: moe
      ? `computed: parameters − ${moe.experts.value - moe.expertsPerToken.value} unrouted experts × ${moe.layout.layers} MoE layers${vision ? ' − vision encoder' : ''}`
      : vision ? 'computed: parameters − vision encoder' : countFrom,
    layers: layers.from, hiddenSize: hidden.from, attentionHeads: heads.from, kvHeads: kvHeads.from, headDim: headDim.from,
    maxContextTokens: maxContext?.from,
    experts: moe?.experts.from, expertsPerToken: moe?.expertsPerToken.from,
    slidingWindow: window?.window.from, slidingWindowLayers: window?.layers.from,
    kvLoraRank: mla?.kvLoraRank.from, qkRopeHeadDim: mla?.qkRopeHeadDim.from,
    vocabSize: vocab.from, tieWordEmbeddings: tie.from, precision: precision.from,
  };
  const sources = Object.fromEntries(Object.entries(sourceList).filter(([, from]) => from !== undefined)) as Partial<Record<ImportedField, string>>;
  return { ok: true, model: { architecture, family, fields, sources, warnings } };
}

function gqaLayout(r: ConfigReader, family: Family, heads: number, kvHeads: number, headDim: number): AttentionLayout {
  // Qwen2 (and Qwen2-MoE) hard-code biases on q, k and v; `attention_bias` elsewhere puts them on q, k, v and o.
  const qwen2 = family === 'qwen2' || family === 'qwen2_moe';
  const attentionBias = !qwen2 && (r.flag('attention_bias')?.value ?? false);
  return {
    kind: 'gqa', heads, kvHeads, headDim,
    qkvBias: qwen2 || attentionBias, outputBias: attentionBias,
    qkNorm: family === 'qwen3' || family === 'qwen3_moe' || family === 'gemma3',
    sinks: family === 'gpt_oss',
  };
}

interface Mla { qLoraRank: number; kvLoraRank: Sourced<number>; qkNopeHeadDim: Sourced<number>; qkRopeHeadDim: Sourced<number>; vHeadDim: number }

function readMla(r: ConfigReader): Mla {
  return {
    qLoraRank: r.count('q_lora_rank')?.value ?? 0,
    kvLoraRank: r.required('kv_lora_rank'),
    qkNopeHeadDim: r.required('qk_nope_head_dim'),
    qkRopeHeadDim: r.required('qk_rope_head_dim'),
    vHeadDim: r.required('v_head_dim').value,
  };
}

interface Moe { layout: MoeLayout; experts: Sourced<number>; expertsPerToken: Sourced<number> }

/** Which layers are MoE and what one expert, the shared experts and the router hold, per layout. */
function readMoe(r: ConfigReader, family: Family, h: number, layers: number, intermediate: number | undefined): Moe | undefined {
  const experts = r.count('num_local_experts', 'num_experts', 'n_routed_experts');
  if (!experts || experts.value <= 1) return undefined;
  const expertsPerToken = r.count('num_experts_per_tok', 'experts_per_token');
  if (!expertsPerToken) {
    r.errors.push(`num_experts_per_tok: missing (${experts.from} is ${experts.value})`);
    return undefined;
  }
  const e = experts.value;
  const moeIntermediate = r.count('moe_intermediate_size')?.value ?? intermediate ?? 0;
  let moeLayers = layers;
  let expertParameters = gatedMlpParameters(h, moeIntermediate);
  let sharedParameters = 0;
  let routerParameters = h * e;
  switch (family) {
    case 'deepseek': {
      const firstDense = r.count('first_k_dense_replace')?.value ?? 0;
      const every = r.count('moe_layer_freq')?.value ?? 1;
      moeLayers = countLayers(layers, (i) => i >= firstDense && i % every === 0);
      sharedParameters = (r.count('n_shared_experts')?.value ?? 0) * gatedMlpParameters(h, moeIntermediate);
      // DeepSeek-V3's auxiliary-loss-free balancing adds a score-correction bias per expert.
      if (r.string('topk_method')?.value === 'noaux_tc') routerParameters += e;
      break;
    }
    case 'qwen2_moe':
    case 'qwen3_moe': {
      const step = r.count('decoder_sparse_step')?.value ?? 1;
      const mlpOnly = new Set((r.list('mlp_only_layers', layers)?.value ?? []).filter((n): n is number => typeof n === 'number'));
      moeLayers = countLayers(layers, (i) => !mlpOnly.has(i) && (i + 1) % step === 0);
      const shared = r.count('shared_expert_intermediate_size')?.value ?? 0;
      // Qwen2-MoE: one shared expert and a scalar gate for it.
      if (shared > 0) sharedParameters = gatedMlpParameters(h, shared) + h;
      break;
    }
    case 'llama4': {
      // Newer exports list the MoE layers (moe_layers); otherwise every interleave_moe_layer_step-th layer (configuration_llama4.py).
      const listed = r.list('moe_layers', layers);
      const step = r.count('interleave_moe_layer_step')?.value ?? 1;
      moeLayers = listed ? listed.value.length : step > 0 ? countLayers(layers, (i) => (i + 1) % step === 0) : 0;
      // Every Llama 4 MoE layer has one shared expert the size of a routed one.
      sharedParameters = expertParameters;
      break;
    }
    case 'gpt_oss':
      // Experts carry biases (gate_up 2I, down h) and the router one per expert.
      expertParameters += 2 * moeIntermediate + h;
      routerParameters += e;
      break;
    default:
      break;
  }
  return { layout: { layers: moeLayers, experts: e, expertsPerToken: expertsPerToken.value, expertParameters, sharedParameters, routerParameters }, experts, expertsPerToken };
}

function countLayers(layers: number, isMoe: (index: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < layers; i++) if (isMoe(i)) n++;
  return n;
}

function readVision(r: ConfigReader, textHidden: number): Sourced<number> | undefined {
  const v = r.root.vision_config;
  if (!isObject(v)) return undefined;
  const n = (key: string) => (typeof v[key] === 'number' ? (v[key] as number) : 0);
  const hidden = n('hidden_size');
  const layers = n('num_hidden_layers');
  if (hidden <= 0 || layers <= 0) return undefined;
  const projectorInput = n('projector_input_dim') || hidden;
  return {
    value: estimateVisionParameters({ hiddenSize: hidden, intermediateSize: n('intermediate_size'), layers, projectorInput }, textHidden),
    from: 'vision_config.num_hidden_layers × (4 × hidden_size² + 2 × hidden_size × intermediate_size) + projection',
  };
}

interface Window { window: Sourced<number>; layers: Sourced<number> }

/** Sliding-window (or chunked) attention: the window and how many layers use it, per layout. */
function readWindow(r: ConfigReader, family: Family, layers: number, warnings: string[]): Window | undefined {
  if (family === 'llama4') {
    const chunk = r.count('attention_chunk_size');
    if (!chunk) return undefined;
    const types = r.list('layer_types', layers);
    if (types) return { window: chunk, layers: { value: types.value.filter((t) => t === 'chunked_attention').length, from: `${types.from} ("chunked_attention" entries)` } };
    // no_rope_layers[i] is 1 on the RoPE (chunked) layers; by default every 4th layer is a global NoPE layer (configuration_llama4.py).
    const list = r.list('no_rope_layers', layers);
    if (list && list.value.length === layers) return { window: chunk, layers: { value: list.value.filter((x) => x === 1).length, from: `${list.from} (layers marked 1)` } };
    const interval = r.count('no_rope_layer_interval')?.value ?? 4;
    return { window: chunk, layers: { value: layers - Math.floor(layers / interval), from: `num_hidden_layers − num_hidden_layers / no_rope_layer_interval (${interval})` } };
  }
  const windowKey = r.raw('sliding_window');
  if (!windowKey || typeof windowKey.value !== 'number') return undefined;
  const window = r.count('sliding_window');
  if (!window || window.value === 0) return undefined;
  const types = r.list('layer_types', layers);
  if (types) {
    if (types.value.length !== layers) warnings.push(`${types.from} lists ${types.value.length} layers for ${layers}`);
    return { window, layers: { value: types.value.filter((t) => t === 'sliding_attention').length, from: `${types.from} ("sliding_attention" entries)` } };
  }
  if (family === 'gemma2') return { window, layers: { value: Math.ceil(layers / 2), from: 'alternate layers (Gemma 2: even layers slide)' } };
  if (family === 'gemma3') {
    const pattern = r.count('sliding_window_pattern')?.value ?? 6;
    return { window, layers: { value: layers - Math.floor(layers / pattern), from: `sliding_window_pattern (${pattern}: every ${pattern}th layer global)` } };
  }
  if (family === 'qwen2' || family === 'qwen3' || family === 'qwen2_moe' || family === 'qwen3_moe') {
    // Qwen configs carry sliding_window even when it is off; layers from max_window_layers on use it.
    if (r.flag('use_sliding_window')?.value !== true) return undefined;
    const from = r.count('max_window_layers')?.value ?? 0;
    return { window, layers: { value: Math.max(0, layers - from), from: 'num_hidden_layers − max_window_layers' } };
  }
  return { window, layers: { value: layers, from: 'every layer (sliding_window set, no layer_types)' } };
}

/** Weight precision: quantization_config first, else torch_dtype (`dtype` in transformers ≥ 4.56). */
function readPrecision(r: ConfigReader, warnings: string[]): Sourced<ImportedPrecision> {
  const q = r.raw('quantization_config');
  if (q && isObject(q.value)) {
    const method = typeof q.value.quant_method === 'string' ? q.value.quant_method : '';
    const bits = typeof q.value.bits === 'number' ? q.value.bits : q.value.load_in_4bit === true ? 4 : q.value.load_in_8bit === true ? 8 : undefined;
    if (method === 'fp8') return { value: 'fp8', from: `${q.from}.quant_method (fp8)` };
    if (method === 'mxfp4') {
      warnings.push('MXFP4 checkpoint: sized at fp4 (the conservative NVFP4 rate); the layers it leaves in 16 bits (modules_to_not_convert: attention, router) count at 4 bits too, except embeddings and LM head');
      return { value: 'fp4', from: `${q.from}.quant_method (mxfp4)` };
    }
    if (bits === 4 || bits === 8) return { value: bits === 4 ? 'int4' : 'int8', from: `${q.from}.${typeof q.value.bits === 'number' ? 'bits' : `load_in_${bits}bit`} (${method || 'quantized'})` };
    warnings.push(`${q.from}.quant_method "${method}" is not one Headroom reads (fp8, mxfp4, or a bits/load_in_*bit setting): precision taken from the dtype; set precision in the plan`);
  }
  const dtype = r.string('torch_dtype') ?? r.string('dtype');
  const precision = dtype ? TORCH_DTYPES[dtype.value] : undefined;
  if (dtype && precision) return { value: precision, from: dtype.from };
  warnings.push(dtype ? `${dtype.from} "${dtype.value}" is not bfloat16, float16 or float32: precision defaults to bf16` : 'no torch_dtype: precision defaults to bf16');
  return { value: 'bf16', from: 'default (bf16)' };
}
