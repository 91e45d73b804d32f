/**
 * LLM serving with continuous batching. Methods: weights by precision; KV cache per token
 * 2 × layers × kvHeads × headDim × bytes (Kwon et al. 2023, "Efficient Memory Management for Large
 * Language Model Serving with PagedAttention"); decode bound by memory bandwidth, prefill by compute
 * (Pope et al. 2022, "Efficiently Scaling Transformer Inference"); Little's law for throughput.
 */
import type { GpuSpec } from '../../catalog/types.ts';
import { gpus } from '../../catalog/gpus.ts';
import { Trail } from '../../sizing/explain.ts';
import { serviceReplicas } from '../../sizing/replicas.ts';
import { GiB, HOURS_PER_MONTH } from '../../units.ts';
import { bytesPerParameter, type Precision } from '../common.ts';
import type { KindSizing, SizingContext } from '../types.ts';
import type { LlmInferenceWorkload } from './schema.ts';
import { vllmInterTokenBucketsSeconds, vllmTtftBucketsSeconds } from './signals.ts';

const TENSOR_PARALLEL_DEGREES = [1, 2, 4, 8] as const;
const KV_SOURCE = 'Kwon et al. 2023 (vLLM / PagedAttention): KV cache per token = 2 (K and V) × layers × kvHeads × headDim × bytes per element.';

/** Dense tensor throughput the weights' precision runs at (weight-only int4 computes in 16-bit). */
function computeFlopsPerSecond(gpu: GpuSpec, precision: Precision): number {
  if (precision === 'fp8' && gpu.fp8FlopsPerSecond > 0) return gpu.fp8FlopsPerSecond;
  if (precision === 'int8' && gpu.int8OpsPerSecond > 0) return gpu.int8OpsPerSecond;
  // fp32 runs on TF32 tensor cores at half the 16-bit rate (A100/H100 datasheets).
  return precision === 'fp32' ? gpu.bf16FlopsPerSecond / 2 : gpu.bf16FlopsPerSecond;
}

function kvElementBytes(w: LlmInferenceWorkload): number {
  if (w.kvCachePrecision) return bytesPerParameter[w.kvCachePrecision];
  return w.model.precision === 'fp32' ? 4 : 2;
}

/**
 * Tries every allowed (GPU, tensor parallel) pair on a scratch trail and keeps the cheapest: the
 * fewest GPU-dollars at peak for `gpu: auto`, the fewest GPUs for a given GPU. Candidates must fit
 * the weights plus a useful KV cache; ties go to the smaller degree.
 */
/** Memory figures both the candidate filter and the sizing use (one definition of each). */
function memoryPlan(w: LlmInferenceWorkload, gpu: GpuSpec, tensorParallel: number, a: SizingContext['assumptions']) {
  const m = w.model;
  const weightsBytes = m.parameters * bytesPerParameter[m.precision];
  const kvCacheBytesPerToken = 2 * m.layers * m.kvHeads * m.headDim * kvElementBytes(w);
  const sequenceTokens = w.traffic.inputTokens + w.traffic.outputTokens;
  const maxContextTokens = w.traffic.maxContextTokens ?? m.maxContextTokens ?? sequenceTokens;
  const usefulKvTokens = Math.max(maxContextTokens, a.minUsefulKvSequences * sequenceTokens);
  const kvCapacityBytes = gpu.memoryBytes * a.gpuMemoryUtilization * tensorParallel - weightsBytes - a.runtimeOverheadBytesPerGpu * tensorParallel;
  return { weightsBytes, kvCacheBytesPerToken, sequenceTokens, maxContextTokens, usefulKvTokens, kvCapacityBytes, fitsUsefulKv: kvCapacityBytes >= usefulKvTokens * kvCacheBytesPerToken };
}

export function sizeLlmInference(w: LlmInferenceWorkload, ctx: SizingContext, trail: Trail): KindSizing {
  warnOffBucketSlos(w, trail);
  const gpuChoices = w.accelerator.gpu === 'auto' ? gpus.filter((g) => ctx.gpuHourlyUsd(g) !== undefined) : [w.accelerator.gpu];
  const candidates = gpuChoices.flatMap((gpu) => tensorParallelDegrees(w, gpu, ctx).map((tensorParallel) => {
    if (!memoryPlan(w, gpu, tensorParallel, ctx.assumptions).fitsUsefulKv) return { gpu, tensorParallel, gpusAtPeak: 0, usdPerGpuHour: 0, feasible: false };
    const probe = new Trail(false);
    const sizing = sizeOn(w, gpu, tensorParallel, ctx, probe);
    const gpusAtPeak = sizing.replicas.peak * tensorParallel;
    const usdPerGpuHour = w.accelerator.gpu === 'auto' ? ctx.gpuHourlyUsd(gpu)! : 1;
    return { gpu, tensorParallel, gpusAtPeak, usdPerGpuHour, feasible: !probe.warnings.some((x) => INFEASIBLE.has(x.code)) };
  }));
  const feasible = candidates.filter((c) => c.feasible)
    .sort((a, b) => a.gpusAtPeak * a.usdPerGpuHour - b.gpusAtPeak * b.usdPerGpuHour || a.tensorParallel - b.tensorParallel || b.gpu.memoryBytes - a.gpu.memoryBytes);
  const best = feasible[0] ?? fallback(candidates);
  if (!best) {
    // Only reachable with gpu: auto on a provider whose catalog prices no GPU.
    trail.warn('LLM_NO_GPU_FITS', `No ${ctx.provider} instance type in the catalog carries a GPU; sized on the largest catalog GPU without a price.`);
    const largest = [...gpus].sort((a, b) => b.memoryBytes - a.memoryBytes)[0]!;
    return sizeOn(w, largest, tensorParallelDegrees(w, largest, ctx).at(-1)!, ctx, trail);
  }
  if (candidates.length > 1) {
    trail.step(
      { id: 'configurationChoice', label: `Chosen: ${best.tensorParallel} × ${best.gpu.id} per replica, the cheapest of ${candidates.length} tried (${feasible.length} meet the plan)`,
        unit: w.accelerator.gpu === 'auto' ? 'USD/hour' : 'GPUs',
        formula: w.accelerator.gpu === 'auto'
          ? 'min over catalog GPUs and tensor parallel degrees that fit weights + useful KV cache and meet the SLOs of (GPUs at peak × cheapest USD per GPU-hour)'
          : 'min over tensor parallel degrees that fit weights + useful KV cache and meet the SLOs of GPUs at peak',
        inputs: { gpusAtPeak: best.gpusAtPeak, usdPerGpuHour: best.usdPerGpuHour, candidates: candidates.length, feasibleCandidates: feasible.length } },
      best.gpusAtPeak * best.usdPerGpuHour,
    );
  }
  return sizeOn(w, best.gpu, best.tensorParallel, ctx, trail);
}

/** With nothing feasible, the largest degree on the largest GPU gets closest (and says why not). */
function fallback<T extends { gpu: GpuSpec; tensorParallel: number }>(candidates: T[]): T | undefined {
  return [...candidates].sort((a, b) => b.gpu.memoryBytes * b.tensorParallel - a.gpu.memoryBytes * a.tensorParallel)[0];
}

/** Degrees to try: the plan's, or powers of two dividing the heads, within one node's GPUs. */
function tensorParallelDegrees(w: LlmInferenceWorkload, gpu: GpuSpec, ctx: SizingContext): number[] {
  if (w.accelerator.tensorParallel !== 'auto') return [w.accelerator.tensorParallel];
  // A replica's GPUs must sit on one node: tensor parallelism across nodes is not modelled.
  const maxGpusPerNode = ctx.maxGpusPerNode(gpu);
  const degrees = TENSOR_PARALLEL_DEGREES.filter((tp) => w.model.attentionHeads % tp === 0 && tp <= maxGpusPerNode);
  return degrees.length ? degrees : [1];
}

const INFEASIBLE = new Set(['LLM_MODEL_DOES_NOT_FIT', 'LLM_KV_CACHE_SMALL', 'LLM_ITL_SLO_INFEASIBLE', 'LLM_TTFT_SLO_INFEASIBLE', 'LLM_CONTEXT_DOES_NOT_FIT']);

function sizeOn(w: LlmInferenceWorkload, gpu: GpuSpec, tensorParallel: number, ctx: SizingContext, trail: Trail): KindSizing {
  const a = ctx.assumptions;
  const m = w.model;
  const { inputTokens, outputTokens, peakRequestsPerSecond } = w.traffic;

  const memory = memoryPlan(w, gpu, tensorParallel, a);
  const { sequenceTokens, maxContextTokens, usefulKvTokens, kvCapacityBytes } = memory;
  const weightsBytes = trail.step(
    { id: 'weightsBytes', label: 'Model weights', unit: 'bytes', formula: 'parameters × bytesPerParameter',
      inputs: { parameters: m.parameters, bytesPerParameter: bytesPerParameter[m.precision] },
      source: `${m.precision}: ${bytesPerParameter[m.precision]} bytes per parameter${m.precision === 'int4' ? ' (4 bits plus one fp16 scale per 128-weight group, GPTQ/AWQ)' : ''}.` },
    memory.weightsBytes,
  );
  const kvCacheBytesPerToken = trail.step(
    { id: 'kvCacheBytesPerToken', label: 'KV cache per token', unit: 'bytes', formula: '2 × layers × kvHeads × headDim × bytesPerElement',
      inputs: { layers: m.layers, kvHeads: m.kvHeads, headDim: m.headDim, bytesPerElement: kvElementBytes(w) }, source: KV_SOURCE },
    memory.kvCacheBytesPerToken,
  );
  if (sequenceTokens > maxContextTokens) {
    trail.warn('LLM_CONTEXT_EXCEEDED', `inputTokens + outputTokens (${sequenceTokens}) exceeds maxContextTokens (${maxContextTokens}).`);
  }
  trail.step(
    { id: 'tensorParallel', label: 'GPUs per replica (tensor parallel)', unit: 'GPUs',
      formula: w.accelerator.tensorParallel === 'auto'
        ? 'a power of two dividing attentionHeads, at most one node\'s GPUs, whose KV cache holds max(maxContextTokens, minUsefulKvSequences × (input + output)) tokens; the cheapest such (see configurationChoice)'
        : 'given in the plan',
      inputs: { gpuMemoryBytes: gpu.memoryBytes, weightsBytes, usefulKvTokens, kvCacheBytesPerToken } },
    tensorParallel,
  );
  if (kvCapacityBytes > 0 && !memory.fitsUsefulKv) {
    trail.warn('LLM_KV_CACHE_SMALL', `At tensor parallel ${tensorParallel} on ${gpu.id}, the KV cache holds fewer than ${usefulKvTokens} tokens (one full context, or ${a.minUsefulKvSequences} average sequences).`);
  }

  const gpuMemoryBytesPerReplica = gpu.memoryBytes * tensorParallel;
  const runtimeOverheadBytes = a.runtimeOverheadBytesPerGpu * tensorParallel;
  const kvCacheBytesPerReplica = trail.step(
    { id: 'kvCacheBytesPerReplica', label: 'KV cache memory per replica', unit: 'bytes',
      formula: 'max(0, gpuMemory × gpuMemoryUtilization × tensorParallel − weights − runtimeOverheadPerGpu × tensorParallel)',
      inputs: { gpuMemoryBytes: gpu.memoryBytes, gpuMemoryUtilization: a.gpuMemoryUtilization, tensorParallel, weightsBytes, runtimeOverheadBytesPerGpu: a.runtimeOverheadBytesPerGpu },
      source: 'vLLM allocates the KV cache from what gpu_memory_utilization leaves after weights and the profiled activation peak.' },
    Math.max(0, kvCapacityBytes),
  );
  const kvCacheCapacityTokens = trail.step(
    { id: 'kvCacheCapacityTokens', label: 'KV cache capacity', unit: 'tokens', formula: 'floor(kvCacheBytesPerReplica / kvCacheBytesPerToken)',
      inputs: { kvCacheBytesPerReplica, kvCacheBytesPerToken } },
    Math.floor(kvCacheBytesPerReplica / kvCacheBytesPerToken),
  );
  if (kvCacheBytesPerReplica <= 0) {
    trail.warn('LLM_MODEL_DOES_NOT_FIT', `${formatGiB(weightsBytes)} of weights do not fit in ${tensorParallel} × ${gpu.id} at gpuMemoryUtilization ${a.gpuMemoryUtilization}; choose a larger GPU, a higher tensor parallel degree or a lower precision.`);
  } else if (kvCacheCapacityTokens < maxContextTokens) {
    trail.warn('LLM_CONTEXT_DOES_NOT_FIT', `The KV cache holds ${kvCacheCapacityTokens} tokens, less than one ${maxContextTokens}-token context; the runtime will refuse to start.`);
  }

  // Decode: each step reads the weights and the batch's KV cache once (memory bound), and does
  // 2 × activeParameters FLOPs per sequence (compute bound at large batches).
  const bandwidth = gpu.memoryBandwidthBytesPerSecond * tensorParallel * a.memoryBandwidthEfficiency;
  const flops = computeFlopsPerSecond(gpu, m.precision) * tensorParallel * a.prefillComputeEfficiency;
  const meanContextTokens = inputTokens + outputTokens / 2;
  const kvBytesReadPerSequence = meanContextTokens * kvCacheBytesPerToken;
  const stepSeconds = (batch: number) =>
    Math.max((weightsBytes + batch * kvBytesReadPerSequence) / bandwidth, (2 * m.activeParameters * batch) / flops);

  const kvBoundSequences = trail.step(
    { id: 'kvBoundSequences', label: 'Concurrent sequences the KV cache holds', unit: 'sequences',
      formula: 'floor(kvCacheCapacityTokens / (inputTokens + outputTokens))', inputs: { kvCacheCapacityTokens, inputTokens, outputTokens } },
    Math.floor(kvCacheCapacityTokens / sequenceTokens),
  );
  const itl = w.slo.interTokenLatency;
  let itlBoundSequences = a.maxNumSeqs;
  if (itl !== undefined) {
    const byBandwidth = Math.floor((itl * bandwidth - weightsBytes) / kvBytesReadPerSequence);
    const byCompute = Math.floor((itl * flops) / (2 * m.activeParameters));
    itlBoundSequences = trail.step(
      { id: 'itlBoundSequences', label: 'Concurrent sequences the inter-token latency SLO allows', unit: 'sequences',
        formula: 'largest batch with max((weights + batch × meanContext × kvPerToken) / (bandwidth × TP × efficiency), 2 × activeParameters × batch / (peakFlops × TP × efficiency)) ≤ interTokenLatency',
        inputs: { interTokenLatency: itl, weightsBytes, meanContextTokens, kvCacheBytesPerToken, memoryBandwidthBytesPerSecond: gpu.memoryBandwidthBytesPerSecond, tensorParallel, memoryBandwidthEfficiency: a.memoryBandwidthEfficiency },
        source: 'Pope et al. 2022: small-batch decode is bound by reading the weights and KV cache from HBM.' },
      Math.max(0, Math.min(byBandwidth, byCompute)),
    );
    if (itlBoundSequences < 1) {
      trail.warn('LLM_ITL_SLO_INFEASIBLE', `One decode step alone takes ${formatMs(stepSeconds(1))} on ${tensorParallel} × ${gpu.id}, above the ${formatMs(itl)} inter-token latency SLO; sized at one sequence per replica.`);
    }
  }
  const maxConcurrentSequences = trail.step(
    { id: 'maxConcurrentSequences', label: 'Concurrent sequences per replica', unit: 'sequences',
      formula: 'min(kvBoundSequences, itlBoundSequences, maxNumSeqs)', inputs: { kvBoundSequences, itlBoundSequences, maxNumSeqs: a.maxNumSeqs } },
    Math.min(kvBoundSequences, itlBoundSequences, a.maxNumSeqs),
  );
  const batch = Math.max(1, maxConcurrentSequences);
  const decodeStepSeconds = trail.step(
    { id: 'decodeStepSeconds', label: 'Decode step time at that batch', unit: 's',
      formula: 'max(bytes read per step / effective bandwidth, decode FLOPs / effective compute)',
      inputs: { batch, weightsBytes, kvBytesReadPerSequence } },
    stepSeconds(batch),
  );
  const decodeTokensPerSecondPerReplica = trail.step(
    { id: 'decodeTokensPerSecondPerReplica', label: 'Decode throughput per replica', unit: 'tokens/s',
      formula: 'maxConcurrentSequences / decodeStepSeconds', inputs: { maxConcurrentSequences, decodeStepSeconds } },
    maxConcurrentSequences / decodeStepSeconds,
  );
  const prefillSeconds = trail.step(
    { id: 'prefillSeconds', label: 'Prefill time per request', unit: 's', formula: '2 × activeParameters × inputTokens / (peakFlops × TP × prefillComputeEfficiency)',
      inputs: { activeParameters: m.activeParameters, inputTokens, peakFlopsPerSecond: computeFlopsPerSecond(gpu, m.precision), tensorParallel, prefillComputeEfficiency: a.prefillComputeEfficiency },
      source: 'A forward pass costs about 2 FLOPs per parameter per token (Kaplan et al. 2020).' },
    (2 * m.activeParameters * inputTokens) / flops,
  );
  const timeToFirstTokenSeconds = trail.step(
    { id: 'timeToFirstTokenSeconds', label: 'Time to first token (no queueing)', unit: 's', formula: 'prefillSeconds + decodeStepSeconds',
      inputs: { prefillSeconds, decodeStepSeconds } },
    prefillSeconds + decodeStepSeconds,
  );
  const ttft = w.slo.timeToFirstToken;
  if (ttft !== undefined && timeToFirstTokenSeconds > ttft) {
    trail.warn('LLM_TTFT_SLO_INFEASIBLE', `Prefill of ${inputTokens} tokens plus one decode step takes ${formatMs(timeToFirstTokenSeconds)} on ${tensorParallel} × ${gpu.id}, above the ${formatMs(ttft)} time-to-first-token SLO even without queueing.`);
  }
  // Little's law: concurrency = throughput × time in system. Prefill passes stall the whole batch,
  // so a request's time in system is outputTokens × step / (1 − throughput × prefill); solving for
  // throughput gives batch / (batch × prefill + outputTokens × step).
  const requestsPerSecondPerReplica = trail.step(
    { id: 'requestsPerSecondPerReplica', label: 'Requests per second per replica', unit: 'req/s',
      formula: 'maxConcurrentSequences / (maxConcurrentSequences × prefillSeconds + outputTokens × decodeStepSeconds)',
      inputs: { maxConcurrentSequences, prefillSeconds, outputTokens, decodeStepSeconds },
      source: 'Little\'s law (L = λW) with prefill passes stalling the decode batch.' },
    maxConcurrentSequences / (maxConcurrentSequences * prefillSeconds + outputTokens * decodeStepSeconds),
  );
  const replicas = serviceReplicas(trail, {
    loadInReplicas: requestsPerSecondPerReplica > 0 ? peakRequestsPerSecond / requestsPerSecondPerReplica : 0,
    targetUtilization: ctx.targetUtilization, redundancy: ctx.redundancy, zones: ctx.zones, burstFactor: a.burstFactor,
    ...(w.minReplicas !== undefined ? { minReplicas: w.minReplicas } : {}),
    ...(w.maxReplicas !== undefined ? { maxReplicas: w.maxReplicas } : {}),
  });

  const cpuCores = trail.step(
    { id: 'cpuCoresPerReplica', label: 'CPU per replica', unit: 'cores', formula: 'tensorParallel × llmCpuCoresPerGpu',
      inputs: { tensorParallel, llmCpuCoresPerGpu: a.llmCpuCoresPerGpu } },
    tensorParallel * a.llmCpuCoresPerGpu,
  );
  const memoryBytes = trail.step(
    { id: 'memoryBytesPerReplica', label: 'Host memory per replica', unit: 'bytes',
      formula: 'weights (staged in host memory while loading) + tensorParallel × swapSpacePerGpu + 2 GiB for the server process',
      inputs: { weightsBytes, tensorParallel, llmSwapSpaceBytesPerGpu: a.llmSwapSpaceBytesPerGpu } },
    weightsBytes + tensorParallel * a.llmSwapSpaceBytesPerGpu + 2 * GiB,
  );
  const ephemeralStorageBytes = trail.step(
    { id: 'ephemeralStorageBytesPerReplica', label: 'Local disk per replica', unit: 'bytes',
      formula: 'weights (downloaded model cache) + 5 GiB for the image layers and logs', inputs: { weightsBytes } },
    weightsBytes + 5 * GiB,
  );
  return {
    replicas,
    perReplica: { cpuCores, memoryBytes, gpus: tensorParallel, gpuModel: gpu.id, gpuMemoryBytes: gpuMemoryBytesPerReplica, ephemeralStorageBytes },
    storage: [{ name: 'model-weights', bytes: weightsBytes, purpose: 'Model weights in a shared volume or object store, read by every replica at start' }],
    details: {
      weightsBytes, kvCacheBytesPerToken, kvCacheCapacityTokens, maxConcurrentSequences, tensorParallel, decodeTokensPerSecondPerReplica,
      kvCacheBytesPerReplica, runtimeOverheadBytesPerReplica: runtimeOverheadBytes, gpuMemoryBytesPerReplica,
      gpuMemoryUtilization: a.gpuMemoryUtilization, decodeStepSeconds, prefillSeconds, timeToFirstTokenSeconds,
      requestsPerSecondPerReplica, peakRequestsPerSecond, peakOutputTokensPerSecond: peakRequestsPerSecond * outputTokens,
      ...(ttft !== undefined ? { timeToFirstTokenSloSeconds: ttft } : {}),
      ...(itl !== undefined ? { interTokenLatencySloSeconds: itl } : {}),
    },
    activeHoursPerMonth: HOURS_PER_MONTH,
  };
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
