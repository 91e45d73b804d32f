/**
 * Parameter counts of a decoder-only transformer from its architecture, tensor by tensor as the
 * Hugging Face `transformers` modeling files lay the weights out (one count per weight matrix,
 * bias and norm vector). Dense Llama/Qwen/Mistral layouts reproduce the safetensors totals
 * exactly (Llama 3.1 8B: 8,030,261,248); mixture-of-experts and multi-head latent attention
 * layouts follow the same modeling files (`modeling_mixtral`, `modeling_qwen3_moe`,
 * `modeling_deepseek_v3`, `modeling_gpt_oss`, `modeling_llama4`).
 *
 * Vision encoders of multimodal checkpoints (Llama 4, Gemma 3) are estimated, not laid out:
 * layers × (4h² + 2hI) for the ViT blocks plus one projection into the text model, which leaves
 * out patch and position embeddings, biases and norms (a few million parameters). They count in
 * the weights the server holds, never in the parameters one text token uses.
 */

/** Attention of one layer. */
export type AttentionLayout =
  | {
      kind: 'gqa';
      heads: number;
      kvHeads: number;
      headDim: number;
      /** Biases on q, k and v (Qwen2) and on o too (attention_bias: Llama, gpt-oss). */
      qkvBias: boolean;
      outputBias: boolean;
      /** RMSNorm of q and k per head (Qwen3, Gemma 3): 2 × headDim. */
      qkNorm: boolean;
      /** Learned attention sinks, one per head (gpt-oss). */
      sinks: boolean;
    }
  | {
      kind: 'mla';
      heads: number;
      /** Query compression rank; 0 when queries are projected directly (DeepSeek-V2-Lite). */
      qLoraRank: number;
      kvLoraRank: number;
      qkNopeHeadDim: number;
      qkRopeHeadDim: number;
      vHeadDim: number;
    };

/** Feed-forward of the mixture-of-experts layers. */
export interface MoeLayout {
  layers: number;
  experts: number;
  expertsPerToken: number;
  /** Parameters of one routed expert in one layer. */
  expertParameters: number;
  /** Shared experts and shared-expert gate of one layer (always used). */
  sharedParameters: number;
  /** Router of one layer (weights, and biases or score corrections where present). */
  routerParameters: number;
}

export interface TransformerLayout {
  hiddenSize: number;
  layers: number;
  vocabSize: number;
  tieWordEmbeddings: boolean;
  attention: AttentionLayout;
  /** Norm vectors per layer (2: before attention and MLP; Gemma 2/3: 4). */
  normsPerLayer: number;
  /** Dense feed-forward layers and the parameters of one (gated: 3 × hidden × intermediate). */
  denseLayers: number;
  denseMlpParameters: number;
  moe?: MoeLayout;
  /** Estimated vision encoder and projector (multimodal checkpoints). */
  visionParameters: number;
}

export interface ParameterCount {
  total: number;
  /** Parameters one text token uses: everything but the experts it is not routed to and the vision encoder. */
  active: number;
  embedding: number;
  vision: number;
}

/** Gated feed-forward (SwiGLU / GeGLU: gate, up and down projections), no biases. */
export const gatedMlpParameters = (hiddenSize: number, intermediateSize: number): number => 3 * hiddenSize * intermediateSize;

export function attentionParameters(h: number, a: AttentionLayout): number {
  if (a.kind === 'mla') {
    const qHead = a.qkNopeHeadDim + a.qkRopeHeadDim;
    // q_a_proj, q_a_layernorm, q_b_proj (or q_proj); kv_a_proj_with_mqa, kv_a_layernorm, kv_b_proj; o_proj.
    const query = a.qLoraRank > 0 ? h * a.qLoraRank + a.qLoraRank + a.qLoraRank * a.heads * qHead : h * a.heads * qHead;
    const keyValue = h * (a.kvLoraRank + a.qkRopeHeadDim) + a.kvLoraRank + a.kvLoraRank * a.heads * (a.qkNopeHeadDim + a.vHeadDim);
    return query + keyValue + a.heads * a.vHeadDim * h;
  }
  const q = a.heads * a.headDim;
  const kv = a.kvHeads * a.headDim;
  const weights = h * q + 2 * h * kv + q * h;
  const biases = (a.qkvBias ? q + 2 * kv : 0) + (a.outputBias ? h : 0);
  return weights + biases + (a.qkNorm ? 2 * a.headDim : 0) + (a.sinks ? a.heads : 0);
}

export function countParameters(t: TransformerLayout): ParameterCount {
  const h = t.hiddenSize;
  const embedding = t.vocabSize * h * (t.tieWordEmbeddings ? 1 : 2);
  const perLayer = attentionParameters(h, t.attention) + t.normsPerLayer * h;
  const moe = t.moe;
  const moeTotal = moe ? moe.layers * (moe.experts * moe.expertParameters + moe.sharedParameters + moe.routerParameters) : 0;
  const total = embedding + h + t.layers * perLayer + t.denseLayers * t.denseMlpParameters + moeTotal + t.visionParameters;
  const unrouted = moe ? moe.layers * (moe.experts - moe.expertsPerToken) * moe.expertParameters : 0;
  return { total, active: total - unrouted - t.visionParameters, embedding, vision: t.visionParameters };
}

/** ViT blocks (attention 4h², MLP 2hI) plus a projection of `projectorInput` features into the text model's hidden size. */
export function estimateVisionParameters(v: { hiddenSize: number; intermediateSize: number; layers: number; projectorInput: number }, textHiddenSize: number): number {
  return v.layers * (4 * v.hiddenSize ** 2 + 2 * v.hiddenSize * v.intermediateSize) + v.projectorInput * textHiddenSize;
}
