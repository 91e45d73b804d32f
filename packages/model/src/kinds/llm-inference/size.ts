/**
 * LLM serving with continuous batching. The transformer's memory, decode step and prefill come from
 * sizing/transformer.ts (weights by precision layout; KV cache per token after Kwon et al. 2023;
 * mixture of experts, sliding windows, MLA; tensor- and pipeline-parallel communication); decode is
 * bound by memory bandwidth, prefill by compute (Pope et al. 2022, "Efficiently Scaling Transformer
 * Inference"); Little's law gives throughput. Every (GPU, tensor parallel, pipeline parallel)
 * configuration tried is reported in `candidates`.
 */
import { gpus } from '../../catalog/gpus.ts';
import type { GpuSpec } from '../../catalog/types.ts';
import { gpuHourlyUsd } from '../../cluster/catalog-lookup.ts';
import { Trail } from '../../sizing/explain.ts';
import { serviceReplicas } from '../../sizing/replicas.ts';
import {
  computeFlopsPerSecond, decodeStep, expectedExpertsRead, kvBytesForSequence, kvBytesPerTokenPerLayer, kvReplication,
  prefillSeconds as prefillTime, weightLayout, type Parallelism, type ServedModel,
} from '../../sizing/transformer.ts';
import type { Candidate } from '../../sizing/types.ts';
import { GiB, HOURS_PER_MONTH } from '../../units.ts';
import { bytesPerParameter } from '../common.ts';
import type { KindSizing, SizingContext } from '../types.ts';
import type { LlmInferenceWorkload } from './schema.ts';
import { vllmInterTokenBucketsSeconds, vllmTtftBucketsSeconds } from './signals.ts';

const TENSOR_PARALLEL_DEGREES = [1, 2, 4, 8] as const;
const KV_SOURCE = 'Kwon et al. 2023 (vLLM / PagedAttention): 2 (K and V) × layers × kvHeads × headDim × bytes per element; '
  + 'MLA: layers × (kvLoraRank + qkRopeHeadDim) × bytes (DeepSeek-V2 report, §2.1.2).';
const MEMORY_LIMITS = new Set(['LLM_MODEL_DOES_NOT_FIT', 'LLM_CONTEXT_DOES_NOT_FIT', 'LLM_KV_CACHE_SMALL']);

function kvElementBytes(w: LlmInferenceWorkload): number {
  if (w.kvCachePrecision) return bytesPerParameter[w.kvCachePrecision];
  return w.model.precision === 'fp32' ? 4 : 2;
}

/** One way to lay a replica out: GPU model, tensor parallel within a stage, pipeline stages. */
interface Configuration {
  gpu: GpuSpec;
  tensorParallel: number;
  pipelineParallel: number;
  nodesPerReplica: number;
  /** Link between stages, bytes/s. */
  stageLinkBytesPerSecond: number;
  /** A plan-given layout whose stages span nodes that have no GPU network (or TP beyond the fast-link domain). */
  unsupported?: string;
}

/** Memory figures both the candidate filter and the sizing use (one definition of each). */
function memoryPlan(w: LlmInferenceWorkload, c: Configuration, a: SizingContext['assumptions']) {
  const m: ServedModel = w.model;
  const layout = weightLayout(m);
  const gpusPerReplica = c.tensorParallel * c.pipelineParallel;
  const elementBytes = kvElementBytes(w);
  const kvCacheBytesPerToken = m.layers * kvBytesPerTokenPerLayer(m, elementBytes);
  const replication = kvReplication(m, c.tensorParallel);
  const sequenceTokens = w.traffic.inputTokens + w.traffic.outputTokens;
  const maxContextTokens = w.traffic.maxContextTokens ?? m.maxContextTokens ?? sequenceTokens;
  const sequenceBytes = (tokens: number) => kvBytesForSequence(m, elementBytes, c.tensorParallel, tokens);
  const usefulKvBytes = Math.max(sequenceBytes(maxContextTokens), a.minUsefulKvSequences * sequenceBytes(sequenceTokens));
  const kvCapacityBytes = gpusPerReplica * (c.gpu.memoryBytes * a.gpuMemoryUtilization - a.runtimeOverheadBytesPerGpu) - layout.weightsBytes;
  return {
    layout, weightsBytes: layout.weightsBytes, kvCacheBytesPerToken, replication, sequenceTokens, maxContextTokens, sequenceBytes,
    usefulKvBytes, kvCapacityBytes, fitsUsefulKv: kvCapacityBytes >= usefulKvBytes,
  };
}

interface Evaluated {
  configuration: Configuration;
  gpusAtPeak: number;
  usdPerGpuHour: number | undefined;
  infeasible: string[];
  limitedBy: string;
  /** One sequence alone: prefill plus one decode step, the fastest this configuration answers. */
  singleSequenceSeconds: number;
}

export function sizeLlmInference(w: LlmInferenceWorkload, ctx: SizingContext, trail: Trail): KindSizing {
  warnOffBucketSlos(w, trail);
  const auto = w.accelerator.gpu === 'auto';
  const gpuChoices = auto ? gpus.filter((g) => ctx.gpuHourlyUsd(g) !== undefined) : [w.accelerator.gpu as GpuSpec];
  const configurations = gpuChoices.flatMap((gpu) => configurationsFor(w, gpu, ctx));
  if (configurations.length === 0) {
    // Only reachable with gpu: auto on a provider whose catalog prices no GPU.
    const largest = [...gpus].sort((x, y) => y.memoryBytes - x.memoryBytes)[0]!;
    trail.infeasibility('LLM_NO_GPU_FITS', `No ${ctx.provider} instance type in the catalog carries a GPU; sized on ${largest.id} without a price.`);
    return sizeOn(w, configurationsFor(w, largest, { ...ctx, gpuNetworkBytesPerSecond: () => 100e9 }).at(-1)!, ctx, trail).sizing;
  }
  if (configurations.length === 1) {
    // Nothing to compare: size once, on the real trail, and report that one configuration.
    const only = configurations[0]!;
    const sized = sizeOn(w, only, ctx, trail);
    const e: Evaluated = { configuration: only, gpusAtPeak: sized.sizing.replicas.peak * sized.sizing.perReplica.gpus, usdPerGpuHour: ctx.gpuHourlyUsd(only.gpu),
      infeasible: trail.infeasible.map((x) => x.code), limitedBy: sized.limitedBy, singleSequenceSeconds: sized.singleSequenceSeconds };
    return { ...sized.sizing, candidates: [candidate(e)] };
  }
  const evaluated = configurations.map((c) => evaluate(w, c, ctx));
  const best = choose(evaluated, auto);
  const cost = (e: Evaluated) => e.gpusAtPeak * (e.usdPerGpuHour ?? 0);
  const feasibleCount = evaluated.filter((e) => e.infeasible.length === 0).length;
  const c = best.configuration;
  trail.step(
    { id: 'configurationChoice', label: `Chosen: ${c.tensorParallel} × ${c.gpu.id}${c.pipelineParallel > 1 ? ` × ${c.pipelineParallel} stages` : ''} per replica, ${feasibleCount ? 'the cheapest' : 'the closest to the plan'} of ${evaluated.length} tried (${feasibleCount} meet the plan; see candidates)`,
      unit: auto ? 'USD/hour' : 'GPUs',
      formula: feasibleCount
        ? (auto ? 'min over catalog GPUs, tensor and pipeline parallel degrees that fit weights + useful KV cache and meet the SLOs of (GPUs at peak × cheapest USD per GPU-hour)'
          : 'min over tensor and pipeline parallel degrees that fit weights + useful KV cache and meet the SLOs of GPUs at peak')
        : 'none meets the plan: among configurations that fit memory, the fastest single sequence (prefill + one decode step); else the most GPU memory',
      inputs: { gpusAtPeak: best.gpusAtPeak, usdPerGpuHour: best.usdPerGpuHour ?? 0, candidates: evaluated.length, feasibleCandidates: feasibleCount } },
    auto ? cost(best) : best.gpusAtPeak,
  );
  const chosen = sizeOn(w, best.configuration, ctx, trail);
  return { ...chosen.sizing, candidates: evaluated.map((e) => candidate(e)) };
}

function candidate(e: Evaluated): Candidate {
  const c = e.configuration;
  // A GPU the provider offers on no node is priced at the cheapest node of any provider, so the
  // comparison still shows its cost; it is never feasible here.
  const usd = e.usdPerGpuHour ?? gpuHourlyUsd('generic', c.gpu) ?? 0;
  return {
    gpu: c.gpu.id, tensorParallel: c.tensorParallel, pipelineParallel: c.pipelineParallel,
    replicas: e.gpusAtPeak / (c.tensorParallel * c.pipelineParallel), gpus: e.gpusAtPeak,
    costPerMonthUsd: e.gpusAtPeak * usd * HOURS_PER_MONTH,
    feasible: e.infeasible.length === 0 && e.usdPerGpuHour !== undefined,
    limitedBy: e.infeasible[0] ?? (e.usdPerGpuHour === undefined ? 'NO_INSTANCE_TYPE' : e.limitedBy),
  };
}

/**
 * Compares one configuration on its capacity and replicas alone, building no explanation. One that
 * cannot hold weights plus a useful KV cache is rejected on the memory figures alone (pruned: no
 * decode model, replicas or cost are computed, and its candidate row shows 0 GPUs).
 */
function evaluate(w: LlmInferenceWorkload, c: Configuration, ctx: SizingContext): Evaluated {
  const usdPerGpuHour = ctx.gpuHourlyUsd(c.gpu);
  const memory = memoryPlan(w, c, ctx.assumptions);
  if (!memory.fitsUsefulKv) {
    const code = memory.kvCapacityBytes <= 0 ? 'LLM_MODEL_DOES_NOT_FIT' : 'LLM_KV_CACHE_SMALL';
    return { configuration: c, gpusAtPeak: 0, usdPerGpuHour, infeasible: [code], limitedBy: code, singleSequenceSeconds: Infinity };
  }
  const cap = capacity(w, c, ctx.assumptions, memory);
  const replicas = serviceReplicas(new Trail(false), {
    loadInReplicas: w.traffic.peakRequestsPerSecond / cap.requestsPerSecondPerReplica,
    targetUtilization: ctx.targetUtilization, redundancy: ctx.redundancy, zones: ctx.zones, burstFactor: ctx.assumptions.burstFactor,
    ...(w.minReplicas !== undefined ? { minReplicas: w.minReplicas } : {}),
  });
  return {
    configuration: c, gpusAtPeak: replicas.peak * c.tensorParallel * c.pipelineParallel, usdPerGpuHour,
    infeasible: cap.infeasible, limitedBy: cap.limitedBy, singleSequenceSeconds: cap.singleSequenceSeconds,
  };
}

/**
 * The cheapest configuration that meets the plan (GPU-dollars with gpu: auto, GPUs otherwise; ties
 * to fewer GPUs per replica, then more memory). With none: among those that fit memory, the
 * fastest single sequence, sized at one sequence per replica, so an impossible SLO never yields a
 * cheaper plan than a feasible one; with none fitting memory, the most GPU memory per replica.
 */
function choose(evaluated: Evaluated[], auto: boolean): Evaluated {
  const size = (e: Evaluated) => e.configuration.tensorParallel * e.configuration.pipelineParallel;
  const price = (e: Evaluated) => e.gpusAtPeak * (auto ? e.usdPerGpuHour ?? Infinity : 1);
  const feasible = evaluated.filter((e) => e.infeasible.length === 0);
  if (feasible.length) {
    return feasible.sort((x, y) => price(x) - price(y) || size(x) - size(y) || y.configuration.gpu.memoryBytes - x.configuration.gpu.memoryBytes)[0]!;
  }
  const fitting = evaluated.filter((e) => !e.infeasible.some((code) => MEMORY_LIMITS.has(code)));
  if (fitting.length) return fitting.sort((x, y) => x.singleSequenceSeconds - y.singleSequenceSeconds || price(x) - price(y))[0]!;
  return [...evaluated].sort((x, y) => y.configuration.gpu.memoryBytes * size(y) - x.configuration.gpu.memoryBytes * size(x))[0]!;
}

/**
 * Configurations to try on one GPU: the plan's degrees, or powers of two dividing the heads up to
 * the node's GPUs (or the NVLink domain, GB200 NVL72); pipeline stages only when the largest
 * tensor parallel degree cannot hold weights plus a useful KV cache, and then the fewest that can
 * (more stages add GPUs per replica and hand-offs, never speed: pruned).
 */
function configurationsFor(w: LlmInferenceWorkload, gpu: GpuSpec, ctx: SizingContext): Configuration[] {
  const gpusPerNode = ctx.maxGpusPerNode(gpu);
  const link = gpu.interconnect;
  const tpLimit = link.kind === 'pcie' ? gpusPerNode : Math.max(gpusPerNode, Math.min(link.domainGpus, 8));
  const network = ctx.gpuNetworkBytesPerSecond(gpu);
  const make = (tensorParallel: number, pipelineParallel: number): Configuration | undefined => {
    const nodesPerReplica = Math.ceil((tensorParallel * pipelineParallel) / gpusPerNode);
    // Tensor parallel never leaves the fast-link domain; stages on different nodes need a GPU network.
    if (tensorParallel > gpusPerNode && tensorParallel > link.domainGpus) return undefined;
    const stagesAcrossNodes = pipelineParallel > 1 && nodesPerReplica > 1;
    if (stagesAcrossNodes && network === undefined) return undefined;
    return { gpu, tensorParallel, pipelineParallel, nodesPerReplica, stageLinkBytesPerSecond: stagesAcrossNodes ? network! : link.bandwidthBytesPerSecond };
  };
  const explicitTp = w.accelerator.tensorParallel;
  const explicitPp = w.accelerator.pipelineParallel;
  const degrees = explicitTp !== 'auto' ? [explicitTp] : TENSOR_PARALLEL_DEGREES.filter((tp) => w.model.attentionHeads % tp === 0 && tp <= tpLimit);
  const tps: number[] = degrees.length ? degrees : [1];
  if (explicitPp !== 'auto') {
    return tps.map((tp) => make(tp, explicitPp) ?? {
      gpu, tensorParallel: tp, pipelineParallel: explicitPp, nodesPerReplica: Math.ceil((tp * explicitPp) / gpusPerNode), stageLinkBytesPerSecond: link.bandwidthBytesPerSecond,
      unsupported: tp > gpusPerNode && tp > link.domainGpus
        ? `tensor parallel ${tp} exceeds the ${gpusPerNode} GPUs of a node and the ${link.domainGpus}-GPU ${link.kind} domain of ${gpu.id}`
        : `${explicitPp} pipeline stages span nodes, and no node carrying ${gpu.id} has a GPU network (EFA, InfiniBand, RoCE) in the catalog`,
    });
  }
  const single = tps.map((tp) => make(tp, 1)).filter((c): c is Configuration => c !== undefined);
  const widest = single.at(-1) ?? { gpu, tensorParallel: tps.at(-1)!, pipelineParallel: 1, nodesPerReplica: 1, stageLinkBytesPerSecond: link.bandwidthBytesPerSecond };
  if (explicitTp !== 'auto' || memoryPlan(w, widest, ctx.assumptions).fitsUsefulKv) return single.length ? single : [widest];
  for (let pp = 2; pp <= ctx.assumptions.maxPipelineParallel; pp++) {
    const staged = make(widest.tensorParallel, pp);
    if (!staged) break;
    if (memoryPlan(w, staged, ctx.assumptions).fitsUsefulKv) return [...single, staged];
  }
  return single.length ? single : [widest];
}

/** Largest micro-batch whose token time stays within `seconds` (token time grows with the batch), 0 if none. */
function largestBatchWithin(seconds: number, tokenSeconds: (batch: number) => number, ceiling: number): number {
  if (tokenSeconds(1) > seconds) return 0;
  let lo = 1;
  let hi = Math.max(1, ceiling);
  if (tokenSeconds(hi) <= seconds) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (tokenSeconds(mid) <= seconds) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Every figure of one configuration as plain numbers, with the codes of the limits it breaks: the
 * search compares configurations on this alone (no explanation is built), and sizeOn records the
 * same numbers step by step, so the two never disagree.
 */
function capacity(w: LlmInferenceWorkload, c: Configuration, a: SizingContext['assumptions'], memory = memoryPlan(w, c, a)) {
  const m: ServedModel = w.model;
  const { gpu, tensorParallel, pipelineParallel } = c;
  const { inputTokens, outputTokens } = w.traffic;
  const infeasible: string[] = c.unsupported ? ['LLM_LAYOUT_UNSUPPORTED'] : [];
  const kvCacheBytesPerReplica = Math.max(0, memory.kvCapacityBytes);
  if (kvCacheBytesPerReplica <= 0) infeasible.push('LLM_MODEL_DOES_NOT_FIT');
  else if (memory.sequenceBytes(memory.maxContextTokens) > kvCacheBytesPerReplica) infeasible.push('LLM_CONTEXT_DOES_NOT_FIT');
  const parallelism: Parallelism = {
    gpu, tensorParallel, pipelineParallel, networkBytesPerSecond: c.stageLinkBytesPerSecond,
    memoryBandwidthEfficiency: a.memoryBandwidthEfficiency, computeEfficiency: a.prefillComputeEfficiency,
    communicationEfficiency: a.communicationEfficiency, networkLatencySeconds: c.nodesPerReplica > 1 ? a.interNodeLatencySeconds : gpu.interconnect.allReduceLatencySeconds,
  };
  const meanContextTokens = inputTokens + outputTokens / 2;
  const kvBytesReadPerSequence = memory.sequenceBytes(meanContextTokens);
  const step = (microBatch: number) => decodeStep(m, memory.layout, parallelism, microBatch, kvBytesReadPerSequence);
  const kvBoundSequences = Math.floor(kvCacheBytesPerReplica / memory.sequenceBytes(memory.sequenceTokens));
  const itl = w.slo.interTokenLatency;
  const itlBoundSequences = itl !== undefined ? pipelineParallel * largestBatchWithin(itl, (b) => step(b).tokenSeconds, a.maxNumSeqs) : a.maxNumSeqs * pipelineParallel;
  if (itl !== undefined && itlBoundSequences < 1) infeasible.push('LLM_ITL_SLO_INFEASIBLE');
  const maxConcurrentSequences = Math.max(0, Math.min(kvBoundSequences, itlBoundSequences, a.maxNumSeqs * pipelineParallel));
  const limitedBy = maxConcurrentSequences === kvBoundSequences ? 'kvCache' : maxConcurrentSequences === itlBoundSequences && itl !== undefined ? 'interTokenLatency' : 'maxNumSeqs';
  // Infeasible configurations are sized at one sequence per replica: never fewer replicas than
  // any feasible version of the workload would need.
  const sequences = Math.max(1, maxConcurrentSequences);
  const microBatch = Math.ceil(sequences / pipelineParallel);
  const timing = step(microBatch);
  const singleStepSeconds = microBatch === 1 ? timing.tokenSeconds : step(1).tokenSeconds;
  const pipelineBubble = pipelineParallel > 1 ? (pipelineParallel - 1) / (a.pipelineMicroBatchesPerStage * pipelineParallel + pipelineParallel - 1) : 0;
  const prefillSeconds = prefillTime(m, parallelism, inputTokens);
  const singleSequenceSeconds = prefillSeconds + singleStepSeconds;
  const ttft = w.slo.timeToFirstToken;
  if (ttft !== undefined && singleSequenceSeconds > ttft) infeasible.push('LLM_TTFT_SLO_INFEASIBLE');
  // Little's law: concurrency = throughput × time in system. A prompt occupies each pipeline stage
  // for prefill / PP and stalls that stage's decode batch, so a request's time in system is
  // outputTokens × step / (1 − throughput × prefill / PP); solving for throughput gives
  // sequences / (sequences × prefill / PP + outputTokens × step), less the pipeline bubble.
  const requestsPerSecondPerReplica = (sequences * (1 - pipelineBubble)) / ((sequences * prefillSeconds) / pipelineParallel + outputTokens * timing.tokenSeconds);
  return {
    memory, kvCacheBytesPerReplica, kvBytesReadPerSequence, meanContextTokens, kvBoundSequences, itlBoundSequences, maxConcurrentSequences, limitedBy,
    sequences, microBatch, timing, singleStepSeconds, pipelineBubble, prefillSeconds, singleSequenceSeconds, requestsPerSecondPerReplica, infeasible,
  };
}

function sizeOn(w: LlmInferenceWorkload, c: Configuration, ctx: SizingContext, trail: Trail): { sizing: KindSizing; limitedBy: string; singleSequenceSeconds: number } {
  const a = ctx.assumptions;
  const m: ServedModel = w.model;
  const { gpu, tensorParallel, pipelineParallel, nodesPerReplica } = c;
  const gpusPerReplica = tensorParallel * pipelineParallel;
  const { inputTokens, outputTokens, peakRequestsPerSecond } = w.traffic;
  const cap = capacity(w, c, a);
  const { memory, timing } = cap;
  const { layout, sequenceTokens, maxContextTokens, replication } = memory;

  if (c.unsupported) trail.infeasibility('LLM_LAYOUT_UNSUPPORTED', `${c.unsupported}; sized as if the link were the GPU interconnect.`);
  const embeddingNote = layout.embeddingParameters > 0
    ? ` Embedding table and LM head (vocabSize × hiddenSize${m.tieWordEmbeddings ? ', tied' : ' × 2'}) at ${layout.bytesPerEmbeddingParameter} bytes.`
    : m.precision !== 'bf16' && m.precision !== 'fp16' && m.precision !== 'fp32' ? ' vocabSize not given: embeddings counted at the quantized rate, which undersizes real checkpoints.' : '';
  const weightsBytes = trail.step(
    { id: 'weightsBytes', label: 'Model weights', unit: 'bytes',
      formula: '(parameters − embeddingParameters) × bytesPerQuantizedParameter + embeddingParameters × bytesPerEmbeddingParameter',
      inputs: { parameters: m.parameters, embeddingParameters: layout.embeddingParameters, bytesPerQuantizedParameter: layout.bytesPerQuantizedParameter, bytesPerEmbeddingParameter: layout.bytesPerEmbeddingParameter },
      source: `${m.precision}: ${bytesPerParameter[m.precision]} bytes per weight${m.precision === 'int4' ? ' (4 bits plus one fp16 scale per 128-weight group, GPTQ/AWQ)' : m.precision === 'fp4' ? ' (NVFP4: 4 bits plus one FP8 scale per 16)' : ''}.${embeddingNote} Quantized checkpoints keep embed_tokens and lm_head in 16 bits (AutoAWQ, GPTQ, llm-compressor defaults).` },
    memory.weightsBytes,
  );
  if (layout.parametersPerExpert > 0) {
    trail.step(
      { id: 'parametersPerExpert', label: 'Parameters of one routed expert (all layers)', unit: 'parameters', formula: '(parameters − activeParameters) / (experts − expertsPerToken)',
        inputs: { parameters: m.parameters, activeParameters: m.activeParameters, experts: m.experts!, expertsPerToken: m.expertsPerToken! },
        source: 'Mixture of experts: total = shared + experts × perExpert, active = shared + expertsPerToken × perExpert (Jiang et al. 2024, Mixtral, §2.1).' },
      layout.parametersPerExpert,
    );
  }
  const kvCacheBytesPerToken = trail.step(
    { id: 'kvCacheBytesPerToken', label: 'KV cache per token', unit: 'bytes',
      formula: m.kvLoraRank !== undefined ? 'layers × (kvLoraRank + qkRopeHeadDim) × bytesPerElement' : '2 × layers × kvHeads × headDim × bytesPerElement',
      inputs: m.kvLoraRank !== undefined
        ? { layers: m.layers, kvLoraRank: m.kvLoraRank, qkRopeHeadDim: m.qkRopeHeadDim!, bytesPerElement: kvElementBytes(w) }
        : { layers: m.layers, kvHeads: m.kvHeads, headDim: m.headDim, bytesPerElement: kvElementBytes(w) },
      source: KV_SOURCE },
    memory.kvCacheBytesPerToken,
  );
  if (sequenceTokens > maxContextTokens) {
    trail.warn('LLM_CONTEXT_EXCEEDED', `inputTokens + outputTokens (${sequenceTokens}) exceeds maxContextTokens (${maxContextTokens}).`);
  }
  trail.step(
    { id: 'tensorParallel', label: 'GPUs per pipeline stage (tensor parallel)', unit: 'GPUs',
      formula: w.accelerator.tensorParallel === 'auto'
        ? 'a power of two dividing attentionHeads, within one node\'s GPUs or the NVLink domain, whose KV cache holds max(maxContextTokens, minUsefulKvSequences × (input + output)) tokens; the cheapest such (see configurationChoice)'
        : 'given in the plan',
      inputs: { gpuMemoryBytes: gpu.memoryBytes, weightsBytes, usefulKvBytes: memory.usefulKvBytes } },
    tensorParallel,
  );
  trail.step(
    { id: 'pipelineParallel', label: 'Pipeline stages per replica', unit: 'stages',
      formula: w.accelerator.pipelineParallel === 'auto' ? '1, or the fewest stages (at most maxPipelineParallel) that fit when the largest tensor parallel degree does not' : 'given in the plan',
      inputs: { tensorParallel, maxPipelineParallel: a.maxPipelineParallel } },
    pipelineParallel,
  );
  trail.step(
    { id: 'nodesPerReplica', label: 'Nodes one replica spans', unit: 'nodes', formula: 'ceil(tensorParallel × pipelineParallel / GPUs per node)',
      inputs: { gpusPerReplica, gpusPerNode: ctx.maxGpusPerNode(gpu) } },
    nodesPerReplica,
  );
  if (memory.kvCapacityBytes > 0 && !memory.fitsUsefulKv) {
    trail.warn('LLM_KV_CACHE_SMALL', `At ${gpusPerReplica} × ${gpu.id}, the KV cache holds less than one full context or ${a.minUsefulKvSequences} average sequences.`);
  }

  const gpuMemoryBytesPerReplica = gpu.memoryBytes * gpusPerReplica;
  const runtimeOverheadBytes = a.runtimeOverheadBytesPerGpu * gpusPerReplica;
  const kvCacheBytesPerReplica = trail.step(
    { id: 'kvCacheBytesPerReplica', label: 'KV cache memory per replica', unit: 'bytes',
      formula: 'max(0, (gpuMemory × gpuMemoryUtilization − runtimeOverheadPerGpu) × tensorParallel × pipelineParallel − weights)',
      inputs: { gpuMemoryBytes: gpu.memoryBytes, gpuMemoryUtilization: a.gpuMemoryUtilization, tensorParallel, pipelineParallel, weightsBytes, runtimeOverheadBytesPerGpu: a.runtimeOverheadBytesPerGpu },
      source: 'vLLM allocates the KV cache from what gpu_memory_utilization leaves after weights and the profiled activation peak.' },
    cap.kvCacheBytesPerReplica,
  );
  if (replication > 1) {
    trail.step(
      { id: 'kvReplication', label: 'Copies of each KV byte across the tensor-parallel ranks', unit: 'copies',
        formula: m.kvLoraRank !== undefined ? 'tensorParallel (the MLA latent is not split by head: every rank holds all of it)' : 'tensorParallel / kvHeads (each rank needs at least one KV head)',
        inputs: { tensorParallel, kvHeads: m.kvHeads }, source: 'vLLM: num_kv_heads per rank = max(1, kvHeads / TP); the MLA backend keeps the whole latent on each rank.' },
      replication,
    );
  }
  const kvCacheCapacityTokens = trail.step(
    { id: 'kvCacheCapacityTokens', label: 'KV cache capacity (token slots)', unit: 'tokens', formula: 'floor(kvCacheBytesPerReplica / (kvCacheBytesPerToken × kvReplication))',
      inputs: { kvCacheBytesPerReplica, kvCacheBytesPerToken, kvReplication: replication } },
    Math.floor(kvCacheBytesPerReplica / (kvCacheBytesPerToken * replication)),
  );
  if (cap.infeasible.includes('LLM_MODEL_DOES_NOT_FIT')) {
    trail.infeasibility('LLM_MODEL_DOES_NOT_FIT', `${formatGiB(weightsBytes)} of weights do not fit in ${gpusPerReplica} × ${gpu.id} at gpuMemoryUtilization ${a.gpuMemoryUtilization}; choose a larger GPU, more GPUs per replica or a lower precision. Sized as if one sequence per replica ran.`);
  } else if (cap.infeasible.includes('LLM_CONTEXT_DOES_NOT_FIT')) {
    trail.infeasibility('LLM_CONTEXT_DOES_NOT_FIT', `The KV cache (${formatGiB(kvCacheBytesPerReplica)}) holds less than one ${maxContextTokens}-token context; the runtime will refuse to start.`);
  }

  const { meanContextTokens, kvBytesReadPerSequence } = cap;
  const kvBoundSequences = trail.step(
    { id: 'kvBoundSequences', label: 'Concurrent sequences the KV cache holds', unit: 'sequences',
      formula: 'floor(kvCacheBytesPerReplica / KV bytes of one (input + output)-token sequence, windows and replication applied)',
      inputs: { kvCacheBytesPerReplica, sequenceKvBytes: memory.sequenceBytes(sequenceTokens), inputTokens, outputTokens } },
    cap.kvBoundSequences,
  );
  const itl = w.slo.interTokenLatency;
  const itlBoundSequences = itl === undefined ? cap.itlBoundSequences : trail.step(
    { id: 'itlBoundSequences', label: 'Concurrent sequences the inter-token latency SLO allows', unit: 'sequences',
      formula: 'pipelineParallel × largest micro-batch whose decode step (max(bytes read / bandwidth, FLOPs / compute) + all-reduces, over every stage, plus hand-offs) ≤ interTokenLatency',
      inputs: { interTokenLatency: itl, weightsBytes, meanContextTokens, kvCacheBytesPerToken, memoryBandwidthBytesPerSecond: gpu.memoryBandwidthBytesPerSecond, tensorParallel, pipelineParallel, memoryBandwidthEfficiency: a.memoryBandwidthEfficiency },
      source: 'Pope et al. 2022: small-batch decode is bound by reading the weights and KV cache from HBM.' },
    cap.itlBoundSequences,
  );
  if (cap.infeasible.includes('LLM_ITL_SLO_INFEASIBLE')) {
    trail.infeasibility('LLM_ITL_SLO_INFEASIBLE', `One decode step alone takes ${formatMs(cap.singleStepSeconds)} on ${gpusPerReplica} × ${gpu.id}, above the ${formatMs(itl!)} inter-token latency SLO; sized at one sequence per replica, the closest any batch gets.`);
  }
  const maxConcurrentSequences = trail.step(
    { id: 'maxConcurrentSequences', label: 'Concurrent sequences per replica', unit: 'sequences',
      formula: 'min(kvBoundSequences, itlBoundSequences, maxNumSeqs × pipelineParallel)', inputs: { kvBoundSequences, itlBoundSequences, maxNumSeqs: a.maxNumSeqs, pipelineParallel } },
    cap.maxConcurrentSequences,
  );
  const { sequences, microBatch, pipelineBubble } = cap;
  if (maxConcurrentSequences < 1) {
    trail.step({ id: 'sizedSequences', label: 'Sequences per replica used for sizing (none fit the plan)', unit: 'sequences', formula: 'max(1, maxConcurrentSequences)', inputs: { maxConcurrentSequences } }, sequences);
  }
  const decodeStepSeconds = trail.step(
    { id: 'decodeStepSeconds', label: 'Decode step (inter-token) time at that batch', unit: 's',
      formula: 'pipelineParallel × (max(bytes read / effective bandwidth, FLOPs / effective compute) + 2 × layers / pipelineParallel all-reduces) + (pipelineParallel − 1) × hand-off',
      inputs: { microBatch, weightsBytes, kvBytesReadPerSequence, memorySecondsPerStage: timing.memorySeconds, computeSecondsPerStage: timing.computeSeconds, allReduceSecondsPerStage: timing.allReduceSeconds, handoffSeconds: timing.handoffSeconds,
        interconnectBytesPerSecond: gpu.interconnect.bandwidthBytesPerSecond, communicationEfficiency: a.communicationEfficiency },
      source: 'Megatron-LM (Shoeybi et al. 2019): two all-reduces per layer; ring all-reduce 2(TP − 1)/TP × bytes / bandwidth (Patarasuk & Yuan 2009).' },
    timing.tokenSeconds,
  );
  if (m.experts !== undefined) {
    trail.step(
      { id: 'expertsReadPerLayer', label: 'Experts a decode step reads per layer (expected)', unit: 'experts', formula: 'experts × (1 − (1 − expertsPerToken / experts)^microBatch)',
        inputs: { experts: m.experts, expertsPerToken: m.expertsPerToken!, microBatch }, source: 'Expected coverage with uniform routing: batch 1 reads expertsPerToken, large batches all experts.' },
      expectedExpertsRead(m, microBatch),
    );
  }
  if (pipelineParallel > 1) {
    trail.step(
      { id: 'pipelineBubble', label: 'Share of time pipeline stages idle', unit: 'ratio', formula: '(pipelineParallel − 1) / (microBatches + pipelineParallel − 1), microBatches = pipelineMicroBatchesPerStage × pipelineParallel',
        inputs: { pipelineParallel, pipelineMicroBatchesPerStage: a.pipelineMicroBatchesPerStage }, source: 'GPipe bubble, Huang et al. 2019, §2.2.' },
      pipelineBubble,
    );
  }
  const decodeTokensPerSecondPerReplica = trail.step(
    { id: 'decodeTokensPerSecondPerReplica', label: 'Decode throughput per replica', unit: 'tokens/s',
      formula: 'maxConcurrentSequences × (1 − pipelineBubble) / decodeStepSeconds', inputs: { maxConcurrentSequences, decodeStepSeconds, pipelineBubble } },
    (maxConcurrentSequences * (1 - pipelineBubble)) / decodeStepSeconds,
  );
  const prefillSeconds = trail.step(
    { id: 'prefillSeconds', label: 'Prefill time per request', unit: 's',
      formula: '2 × activeParameters × inputTokens / (peakFlops × TP × prefillComputeEfficiency) + 2 × layers all-reduces of the prompt + (PP − 1) hand-offs',
      inputs: { activeParameters: m.activeParameters, inputTokens, peakFlopsPerSecond: computeFlopsPerSecond(gpu, m.precision), tensorParallel, pipelineParallel, prefillComputeEfficiency: a.prefillComputeEfficiency },
      source: 'A forward pass costs about 2 FLOPs per active parameter per token (Kaplan et al. 2020).' },
    cap.prefillSeconds,
  );
  const timeToFirstTokenSeconds = trail.step(
    { id: 'timeToFirstTokenSeconds', label: 'Time to first token (no queueing)', unit: 's', formula: 'prefillSeconds + decodeStepSeconds',
      inputs: { prefillSeconds, decodeStepSeconds } },
    prefillSeconds + decodeStepSeconds,
  );
  const ttft = w.slo.timeToFirstToken;
  if (cap.infeasible.includes('LLM_TTFT_SLO_INFEASIBLE')) {
    trail.infeasibility('LLM_TTFT_SLO_INFEASIBLE', `Prefill of ${inputTokens} tokens plus one decode step takes ${formatMs(cap.singleSequenceSeconds)} on ${gpusPerReplica} × ${gpu.id}, above the ${formatMs(ttft!)} time-to-first-token SLO even alone and without queueing.`);
  }
  const requestsPerSecondPerReplica = trail.step(
    { id: 'requestsPerSecondPerReplica', label: 'Requests per second per replica', unit: 'req/s',
      formula: 'sequences × (1 − pipelineBubble) / (sequences × prefillSeconds / pipelineParallel + outputTokens × decodeStepSeconds)',
      inputs: { sequences, prefillSeconds, pipelineParallel, outputTokens, decodeStepSeconds, pipelineBubble },
      source: 'Little\'s law (L = λW) with prefill passes stalling the decode batch; the bubble after GPipe.' },
    cap.requestsPerSecondPerReplica,
  );
  const replicas = serviceReplicas(trail, {
    loadInReplicas: peakRequestsPerSecond / requestsPerSecondPerReplica,
    targetUtilization: ctx.targetUtilization, redundancy: ctx.redundancy, zones: ctx.zones, burstFactor: a.burstFactor,
    ...(w.minReplicas !== undefined ? { minReplicas: w.minReplicas } : {}),
    ...(w.maxReplicas !== undefined ? { maxReplicas: w.maxReplicas } : {}),
  });

  const cpuCores = trail.step(
    { id: 'cpuCoresPerReplica', label: 'CPU per replica', unit: 'cores', formula: 'tensorParallel × pipelineParallel × llmCpuCoresPerGpu',
      inputs: { gpusPerReplica, llmCpuCoresPerGpu: a.llmCpuCoresPerGpu } },
    gpusPerReplica * a.llmCpuCoresPerGpu,
  );
  const memoryBytes = trail.step(
    { id: 'memoryBytesPerReplica', label: 'Host memory per replica', unit: 'bytes',
      formula: 'weights (staged in host memory while loading) + GPUs × swapSpacePerGpu + 2 GiB per node for the server process',
      inputs: { weightsBytes, gpusPerReplica, llmSwapSpaceBytesPerGpu: a.llmSwapSpaceBytesPerGpu, nodesPerReplica } },
    weightsBytes + gpusPerReplica * a.llmSwapSpaceBytesPerGpu + 2 * GiB * nodesPerReplica,
  );
  const ephemeralStorageBytes = trail.step(
    { id: 'ephemeralStorageBytesPerReplica', label: 'Local disk per replica', unit: 'bytes',
      formula: 'weights (downloaded model cache) + 5 GiB per node for the image layers and logs', inputs: { weightsBytes, nodesPerReplica } },
    weightsBytes + 5 * GiB * nodesPerReplica,
  );
  const sizing: KindSizing = {
    replicas,
    perReplica: { cpuCores, memoryBytes, gpus: gpusPerReplica, gpuModel: gpu.id, gpuMemoryBytes: gpuMemoryBytesPerReplica, ephemeralStorageBytes },
    storage: [{ name: 'model-weights', bytes: weightsBytes, purpose: 'Model weights in a shared volume or object store, read by every replica at start' }],
    details: {
      weightsBytes, kvCacheBytesPerToken, kvCacheCapacityTokens, maxConcurrentSequences, tensorParallel, pipelineParallel, nodesPerReplica, decodeTokensPerSecondPerReplica,
      kvCacheBytesPerReplica, runtimeOverheadBytesPerReplica: runtimeOverheadBytes, gpuMemoryBytesPerReplica,
      gpuMemoryUtilization: a.gpuMemoryUtilization, decodeStepSeconds, prefillSeconds, timeToFirstTokenSeconds,
      requestsPerSecondPerReplica, peakRequestsPerSecond, peakOutputTokensPerSecond: peakRequestsPerSecond * outputTokens,
      ...(ttft !== undefined ? { timeToFirstTokenSloSeconds: ttft } : {}),
      ...(itl !== undefined ? { interTokenLatencySloSeconds: itl } : {}),
    },
    activeHoursPerMonth: HOURS_PER_MONTH,
  };
  return { sizing, limitedBy: cap.limitedBy, singleSequenceSeconds: cap.singleSequenceSeconds };
}

const formatGiB = (bytes: number) => `${(bytes / GiB).toFixed(1)} GiB`;
const formatMs = (s: number) => `${(s * 1000).toFixed(1)} ms`;

/** With vLLM's metrics, an SLO must be one of its histogram bounds for the burn-rate alerts to see it. */
function warnOffBucketSlos(w: LlmInferenceWorkload, trail: Trail): void {
  if (w.metrics.runtime !== 'vllm') return;
  const check = (slo: number | undefined, name: string, bounds: number[]) => {
    if (slo !== undefined && !bounds.some((b) => Math.abs(b - slo) < 1e-9)) {
      trail.warn('LLM_SLO_NOT_A_VLLM_BUCKET', `${name} ${slo * 1000} ms is not one of vLLM's histogram bounds (${bounds.filter((b) => b <= 1).map((b) => `${b * 1000} ms`).join(', ')}, ...); the generated SLO burn-rate alerts cannot measure it. Pick a bound, e.g. ${formatMs(bounds.find((b) => b >= slo) ?? bounds.at(-1)!)}.`);
    }
  };
  check(w.slo.timeToFirstToken, 'timeToFirstToken', vllmTtftBucketsSeconds);
  check(w.slo.interTokenLatency, 'interTokenLatency', vllmInterTokenBucketsSeconds);
}
