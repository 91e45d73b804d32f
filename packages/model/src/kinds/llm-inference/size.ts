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
import type { Trail } from '../../sizing/explain.ts';
import { serviceReplicas } from '../../sizing/replicas.ts';
import { computeFlopsPerSecond, expectedExpertsRead, usesFp4TensorCores, type ServedModel } from '../../sizing/transformer.ts';
import { GiB, HOURS_PER_MONTH } from '../../units.ts';
import { bytesPerParameter, presetNote } from '../common.ts';
import { explainShare, gpuShare, sharedGpu } from '../gpu-sharing.ts';
import type { KindSizing, SizingContext } from '../types.ts';
import { capacity, kvElementBytes, type Configuration } from './capacity.ts';
import type { LlmInferenceWorkload } from './schema.ts';
import { candidate, choose, configurationsFor, evaluate, type Evaluated } from './search.ts';
import { vllmInterTokenBucketsSeconds, vllmTtftBucketsSeconds } from './signals.ts';

/** Most pipeline stages a published calibration case within 25% covers (RTX PRO 6000 at PP 4; PP 8 missed by 36%). */
const CALIBRATED_PIPELINE_STAGES = 4;

const KV_SOURCE = 'Kwon et al. 2023 (vLLM / PagedAttention): 2 (K and V) × layers × kvHeads × headDim × bytes per element; '
  + 'MLA: layers × (kvLoraRank + qkRopeHeadDim) × bytes (DeepSeek-V2 report, §2.1.2).';

export function sizeLlmInference(w: LlmInferenceWorkload, ctx: SizingContext, trail: Trail): KindSizing {
  warnOffBucketSlos(w, trail);
  if (w.gpuSharing) return sizeOnShare(w, w.accelerator.gpu as GpuSpec, ctx, trail);
  const auto = w.accelerator.gpu === 'auto';
  const gpuChoices = auto ? gpus.filter((g) => ctx.gpuHourlyUsd(g) !== undefined) : [w.accelerator.gpu as GpuSpec];
  const configurations = gpuChoices.flatMap((gpu) => configurationsFor(w, gpu, ctx));
  if (configurations.length === 0) {
    // Only reachable with gpu: auto on a provider whose catalog prices no GPU.
    const largest = [...gpus].sort((x, y) => y.memoryBytes - x.memoryBytes)[0]!;
    trail.infeasibility('LLM_NO_GPU_FITS', `No ${ctx.provider} instance type in the catalog carries a GPU; sized on ${largest.id} without a price.`);
    return sizeOn(w, configurationsFor(w, largest, { ...ctx, gpuNetworkBytesPerSecond: () => undefined }).at(-1)!, ctx, trail).sizing;
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
      // The price is an input only where the formula weighs by it (gpu: auto, where every GPU tried
      // is priced); a fixed GPU is chosen on GPUs alone and may have no price, and a stand-in price
      // would read as a real one.
      inputs: { gpusAtPeak: best.gpusAtPeak, ...(auto && best.usdPerGpuHour !== undefined ? { usdPerGpuHour: best.usdPerGpuHour } : {}), candidates: evaluated.length, feasibleCandidates: feasibleCount } },
    auto ? cost(best) : best.gpusAtPeak,
  );
  const chosen = sizeOn(w, best.configuration, ctx, trail);
  return { ...chosen.sizing, candidates: evaluated.map((e) => candidate(e)) };
}

/**
 * One replica on a GPU share (a MIG instance or a time-slice): one configuration, tensor and
 * pipeline parallel 1, sized on the GPU scaled to the share (memory, bandwidth and compute), so
 * weights plus KV cache must fit the share's memory and the decode and prefill rates are the
 * share's. The candidate row counts GPUs as shares per GPU (a seventh of a GPU per 1g instance).
 */
function sizeOnShare(w: LlmInferenceWorkload, gpu: GpuSpec, ctx: SizingContext, trail: Trail): KindSizing {
  const share = gpuShare(gpu, w.gpuSharing!);
  explainShare(trail, gpu, share);
  const configuration: Configuration = { gpu: sharedGpu(gpu, share), tensorParallel: 1, pipelineParallel: 1, nodesPerReplica: 1, stageLinkBytesPerSecond: gpu.interconnect.bandwidthBytesPerSecond };
  const sized = sizeOn(w, configuration, ctx, trail);
  for (const code of ['LLM_MODEL_DOES_NOT_FIT', 'LLM_CONTEXT_DOES_NOT_FIT'] as const) {
    if (trail.infeasible.some((x) => x.code === code)) {
      const what = share.mode === 'mig' ? `the MIG ${share.profile} instance` : `a 1/${share.instancesPerGpu} time-slice`;
      trail.infeasibility('LLM_DOES_NOT_FIT_GPU_SHARE', `${what} of ${gpu.id} offers ${formatGiB(share.memoryBytes)}: too little for the weights and one full context (${code}); choose a larger profile, fewer time-slicing replicas or a whole GPU.`);
      break;
    }
  }
  const e: Evaluated = { configuration, gpusAtPeak: sized.sizing.replicas.peak / share.instancesPerGpu, usdPerGpuHour: ctx.gpuHourlyUsd(gpu),
    infeasible: trail.infeasible.map((x) => x.code), limitedBy: sized.limitedBy, singleSequenceSeconds: sized.singleSequenceSeconds };
  return { ...sized.sizing, perReplica: { ...sized.sizing.perReplica, gpuShare: share }, candidates: [candidate(e)] };
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
      source: `${presetNote(m.preset)}${m.precision}: ${bytesPerParameter[m.precision]} bytes per weight${m.precision === 'int4' ? ' (4 bits plus one fp16 scale per 128-weight group, GPTQ/AWQ)' : m.precision === 'fp4' ? ' (NVFP4: 4 bits plus one FP8 scale per 16)' : ''}.${embeddingNote} Quantized checkpoints keep embed_tokens and lm_head in 16 bits (AutoAWQ, GPTQ, llm-compressor defaults).` },
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
  if (pipelineParallel > CALIBRATED_PIPELINE_STAGES) {
    trail.warn('LLM_PIPELINE_NOT_CALIBRATED', `${pipelineParallel} pipeline stages: the throughput model is calibrated up to ${CALIBRATED_PIPELINE_STAGES}; at 8 stages it came out 36% above the one published figure (docs/sizing.md, "Calibration"), so this replica may serve less than sized.`);
  }
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
      formula: usesFp4TensorCores(gpu, m.precision)
        ? '2 × activeParameters × inputTokens / (peakFlops × fp4ComputeEfficiency × TP × prefillComputeEfficiency) + 2 × layers all-reduces of the prompt + (PP − 1) hand-offs'
        : '2 × activeParameters × inputTokens / (peakFlops × TP × prefillComputeEfficiency) + 2 × layers all-reduces of the prompt + (PP − 1) hand-offs',
      inputs: { activeParameters: m.activeParameters, inputTokens, peakFlopsPerSecond: computeFlopsPerSecond(gpu, m.precision), tensorParallel, pipelineParallel, prefillComputeEfficiency: a.prefillComputeEfficiency,
        ...(usesFp4TensorCores(gpu, m.precision) ? { fp4ComputeEfficiency: a.fp4ComputeEfficiency } : {}) },
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
