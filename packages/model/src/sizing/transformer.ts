/**
 * A decoder-only transformer served with tensor (TP) and pipeline (PP) parallelism: what it stores
 * and what one decode step and one prefill read, compute and communicate. One module for every
 * architecture (dense, mixture of experts, grouped-query, sliding-window, multi-head latent
 * attention), so the sizing kinds hold no architecture-specific branches.
 *
 * Sources, per method:
 * - Weights by precision, embeddings and LM head kept in 16 bits in quantized checkpoints: the
 *   AutoAWQ / GPTQ / llm-compressor defaults leave `embed_tokens` and `lm_head` unquantized.
 * - Mixture of experts: total = shared + experts × perExpert, active = shared + expertsPerToken ×
 *   perExpert (Mixtral paper, Jiang et al. 2024, §2.1). With uniform routing a batch of B tokens
 *   reads E × (1 − (1 − k/E)^B) distinct experts per layer (expected coverage of B draws of k).
 * - KV cache per token: 2 × layers × kvHeads × headDim × bytes (Kwon et al. 2023, vLLM); multi-head
 *   latent attention caches layers × (kvLoraRank + qkRopeHeadDim) (DeepSeek-V2 report, Liu et al.
 *   2024, §2.1.2); a sliding-window layer keeps at most the window (Mistral 7B paper, Jiang et al.
 *   2023, §2 "rolling buffer cache").
 * - KV under tensor parallel: vLLM gives each rank max(1, kvHeads / TP) heads, so with TP > kvHeads
 *   every head is stored TP / kvHeads times; the MLA latent is not split by head and every rank
 *   holds all of it (vLLM, `get_num_kv_heads` and the MLA backend).
 * - Tensor parallel: two all-reduces per layer of batch × hidden activations (Megatron-LM,
 *   Shoeybi et al. 2019, §3), ring cost 2(TP − 1)/TP × bytes / link bandwidth (Patarasuk & Yuan 2009).
 * - Pipeline parallel: a token crosses PP − 1 stage boundaries over the node network; with PP
 *   micro-batches in flight the stages stay busy (vLLM's virtual engines), so per-token latency is
 *   PP stage times and throughput PP micro-batches per token time.
 */
import type { GpuSpec } from '../catalog/types.ts';
import { bytesPerParameter, type Precision, type ResolvedModel } from '../kinds/common.ts';

export type ServedModel = ResolvedModel & { precision: Precision };

/** 16-bit activations between layers and stages (bf16 serving). */
const ACTIVATION_BYTES = 2;

export interface WeightLayout {
  /** Embedding table plus untied LM head, parameters. */
  embeddingParameters: number;
  /** Parameters of one routed expert across all layers (0 for dense models). */
  parametersPerExpert: number;
  /** Everything a token always uses (attention, norms, shared experts, dense MLPs, LM head), excluding routed experts. */
  sharedParameters: number;
  /** Bytes per parameter of the quantized linear layers, scales included. */
  bytesPerQuantizedParameter: number;
  /** Bytes per parameter of the embedding table and LM head. */
  bytesPerEmbeddingParameter: number;
  weightsBytes: number;
}

const QUANTIZED: ReadonlySet<Precision> = new Set(['fp8', 'int8', 'int4', 'fp4']);

export function weightLayout(m: ServedModel): WeightLayout {
  const tables = m.vocabSize !== undefined ? m.vocabSize * m.hiddenSize * (m.tieWordEmbeddings ? 1 : 2) : 0;
  const embeddingParameters = Math.min(tables, m.parameters);
  const bytesPerQuantizedParameter = bytesPerParameter[m.precision];
  const bytesPerEmbeddingParameter = QUANTIZED.has(m.precision) ? 2 : bytesPerQuantizedParameter;
  const moe = m.experts !== undefined && m.expertsPerToken !== undefined && m.experts > m.expertsPerToken;
  const parametersPerExpert = moe ? (m.parameters - m.activeParameters) / (m.experts! - m.expertsPerToken!) : 0;
  const sharedParameters = m.parameters - parametersPerExpert * (m.experts ?? 0);
  return {
    embeddingParameters, parametersPerExpert, sharedParameters, bytesPerQuantizedParameter, bytesPerEmbeddingParameter,
    weightsBytes: (m.parameters - embeddingParameters) * bytesPerQuantizedParameter + embeddingParameters * bytesPerEmbeddingParameter,
  };
}

/** Expected distinct experts per layer a batch of `tokens` routes to (uniform routing). */
export function expectedExpertsRead(m: ServedModel, tokens: number): number {
  if (m.experts === undefined || m.expertsPerToken === undefined) return 0;
  return m.experts * (1 - (1 - m.expertsPerToken / m.experts) ** Math.max(1, tokens));
}

/**
 * Weight bytes one forward pass over `tokens` tokens reads from HBM. The input embedding is a row
 * lookup, not a read of the table (unless tied, when the LM head reads it anyway).
 */
export function weightBytesRead(m: ServedModel, layout: WeightLayout, tokens: number): number {
  const inputEmbedding = m.tieWordEmbeddings ? 0 : layout.embeddingParameters / 2;
  const experts = layout.parametersPerExpert * expectedExpertsRead(m, tokens) * layout.bytesPerQuantizedParameter;
  const embeddings = (layout.embeddingParameters - inputEmbedding) * layout.bytesPerEmbeddingParameter;
  return (layout.sharedParameters - layout.embeddingParameters) * layout.bytesPerQuantizedParameter + embeddings + experts;
}

/** KV bytes one token adds in one layer. */
export function kvBytesPerTokenPerLayer(m: ServedModel, elementBytes: number): number {
  return m.kvLoraRank !== undefined && m.qkRopeHeadDim !== undefined
    ? (m.kvLoraRank + m.qkRopeHeadDim) * elementBytes
    : 2 * m.kvHeads * m.headDim * elementBytes;
}

/** How many times tensor parallel stores each KV byte across a replica's ranks. */
export function kvReplication(m: ServedModel, tensorParallel: number): number {
  if (m.kvLoraRank !== undefined) return tensorParallel;
  return Math.max(1, tensorParallel / m.kvHeads);
}

/** KV bytes one sequence of `tokens` tokens holds across the replica (window and replication applied). */
export function kvBytesForSequence(m: ServedModel, elementBytes: number, tensorParallel: number, tokens: number): number {
  const windowed = m.slidingWindow !== undefined ? m.slidingWindowLayers ?? m.layers : 0;
  const layerTokens = (m.layers - windowed) * tokens + windowed * Math.min(tokens, m.slidingWindow ?? tokens);
  return kvBytesPerTokenPerLayer(m, elementBytes) * layerTokens * kvReplication(m, tensorParallel);
}

/** Whether `precision` runs on the GPU's FP4 tensor cores (NVFP4/MXFP4 weights and activations). */
export function usesFp4TensorCores(gpu: GpuSpec, precision: Precision): boolean {
  return precision === 'fp4' && gpu.fp4FlopsPerSecond > 0;
}

/** Dense tensor throughput the weights' precision computes at: FP8/FP4/INT8 where the GPU has them, else weight-only dequantization to 16 bits. */
export function computeFlopsPerSecond(gpu: GpuSpec, precision: Precision): number {
  if (precision === 'fp4' && gpu.fp4FlopsPerSecond > 0) return gpu.fp4FlopsPerSecond;
  if (precision === 'fp8' && gpu.fp8FlopsPerSecond > 0) return gpu.fp8FlopsPerSecond;
  if (precision === 'int8' && gpu.int8OpsPerSecond > 0) return gpu.int8OpsPerSecond;
  // fp32 runs on TF32 tensor cores at half the 16-bit rate (A100/H100 datasheets).
  return precision === 'fp32' ? gpu.bf16FlopsPerSecond / 2 : gpu.bf16FlopsPerSecond;
}

export interface Parallelism {
  gpu: GpuSpec;
  tensorParallel: number;
  pipelineParallel: number;
  /** Link between pipeline stages, bytes/s: the node network across nodes, the GPU interconnect within one. */
  networkBytesPerSecond: number;
  memoryBandwidthEfficiency: number;
  computeEfficiency: number;
  /** Share of the datasheet FP4 rate FP4 serving realises (applies only on FP4 tensor cores). */
  fp4ComputeEfficiency: number;
  communicationEfficiency: number;
  /** One message across the node network, seconds (pipeline parallel). */
  networkLatencySeconds: number;
}

/** Tensor throughput one pipeline stage (TP GPUs) achieves on the model's precision. */
export function stageFlopsPerSecond(m: ServedModel, p: Parallelism): number {
  const fp4 = usesFp4TensorCores(p.gpu, m.precision) ? p.fp4ComputeEfficiency : 1;
  return computeFlopsPerSecond(p.gpu, m.precision) * fp4 * p.tensorParallel * p.computeEfficiency;
}

/** Time of one ring all-reduce of `bytes` over the TP group. */
export function allReduceSeconds(p: Parallelism, bytes: number): number {
  if (p.tensorParallel <= 1) return 0;
  const link = p.gpu.interconnect;
  return link.allReduceLatencySeconds + ((2 * (p.tensorParallel - 1)) / p.tensorParallel) * bytes / (link.bandwidthBytesPerSecond * p.communicationEfficiency);
}

/** Time to pass `tokens` tokens' activations from one pipeline stage to the next over the node network. */
export function stageHandoffSeconds(m: ServedModel, p: Parallelism, tokens: number): number {
  if (p.pipelineParallel <= 1) return 0;
  return p.networkLatencySeconds + (tokens * m.hiddenSize * ACTIVATION_BYTES) / (p.networkBytesPerSecond * p.communicationEfficiency);
}

export interface StepTime {
  /** Seconds one token of every sequence takes (the inter-token latency). */
  tokenSeconds: number;
  /** Of which: reading weights and KV, computing, and tensor-parallel communication, per stage. */
  memorySeconds: number;
  computeSeconds: number;
  allReduceSeconds: number;
  handoffSeconds: number;
}

/**
 * One decode step for `microBatch` sequences in each of the PP micro-batches in flight. Each stage
 * holds layers / PP of the model on TP GPUs; a token passes all PP stages in turn.
 */
export function decodeStep(m: ServedModel, layout: WeightLayout, p: Parallelism, microBatch: number, kvBytesReadPerSequence: number): StepTime {
  const b = Math.max(1, microBatch);
  const stageBandwidth = p.gpu.memoryBandwidthBytesPerSecond * p.tensorParallel * p.memoryBandwidthEfficiency;
  const stageFlops = stageFlopsPerSecond(m, p);
  const memorySeconds = (weightBytesRead(m, layout, b) + b * kvBytesReadPerSequence) / p.pipelineParallel / stageBandwidth;
  const computeSeconds = (2 * m.activeParameters * b) / p.pipelineParallel / stageFlops;
  const reduce = ((2 * m.layers) / p.pipelineParallel) * allReduceSeconds(p, b * m.hiddenSize * ACTIVATION_BYTES);
  const handoffSeconds = stageHandoffSeconds(m, p, b);
  const stageSeconds = Math.max(memorySeconds, computeSeconds) + reduce;
  return {
    tokenSeconds: p.pipelineParallel * stageSeconds + (p.pipelineParallel - 1) * handoffSeconds,
    memorySeconds, computeSeconds, allReduceSeconds: reduce, handoffSeconds,
  };
}

/** One prompt of `tokens` tokens through every stage: compute on active parameters plus its communication. */
export function prefillSeconds(m: ServedModel, p: Parallelism, tokens: number): number {
  const flops = stageFlopsPerSecond(m, p);
  const compute = (2 * m.activeParameters * tokens) / flops;
  const reduce = 2 * m.layers * allReduceSeconds(p, tokens * m.hiddenSize * ACTIVATION_BYTES);
  return compute + reduce + (p.pipelineParallel - 1) * stageHandoffSeconds(m, p, tokens);
}
