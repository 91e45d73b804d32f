/**
 * Training and fine-tuning: compute from 6ND (Kaplan et al. 2020), time from MFU on model FLOPs,
 * GPUs from the deadline and from memory, whole nodes, checkpoints and dataset storage.
 */
import type { GpuSpec } from '../../catalog/types.ts';
import type { Trail } from '../../sizing/explain.ts';
import { jobReplicas, roundOff } from '../../sizing/replicas.ts';
import { GiB, HOURS_PER_MONTH, SECONDS_PER_HOUR } from '../../units.ts';
import { presetNote } from '../common.ts';
import type { KindSizing, SizingContext } from '../types.ts';
import { activationBytes, stateMemory } from './memory.ts';
import type { TrainingWorkload } from './schema.ts';

function peakFlopsPerSecond(gpu: GpuSpec, precision: string): number {
  return precision === 'fp8' && gpu.fp8FlopsPerSecond > 0 ? gpu.fp8FlopsPerSecond : gpu.bf16FlopsPerSecond;
}

export function sizeTraining(w: TrainingWorkload, ctx: SizingContext, trail: Trail): KindSizing {
  const a = ctx.assumptions;
  const m = w.model;
  const gpu = w.accelerator.gpu;
  const tp = w.parallelism.tensorParallel;
  const pp = w.parallelism.pipelineParallel;
  const ep = w.parallelism.expertParallel;
  /** GPUs one copy of the model spans (every other factor of the GPU count is a data-parallel rank), times EP: the data-parallel ranks come in whole expert groups. */
  const modelParallel = tp * pp * ep;
  if (m.estimatedArchitecture) {
    trail.warn('TRAINING_ARCHITECTURE_ESTIMATED', `No layers/hiddenSize given: activation memory uses an estimated ${m.layers} layers × ${m.hiddenSize} hidden (12·L·h² ≈ parameters, h/L ≈ 128). Give a preset or the architecture for an exact figure.`);
  }
  const trainableParameters = trail.step(
    w.method === 'full'
      ? { id: 'trainableParameters', label: 'Trained parameters', unit: 'parameters', formula: 'parameters', inputs: { parameters: m.parameters }, ...(m.preset ? { source: presetNote(m.preset) } : {}) }
      : { id: 'trainableParameters', label: 'Trained parameters (LoRA adapters)', unit: 'parameters',
          formula: '4 projections (q, k, v, o) × 2 matrices × loraRank × hiddenSize × layers',
          inputs: { loraRank: a.loraRank, hiddenSize: m.hiddenSize, layers: m.layers }, source: 'Hu et al. 2021, LoRA: W + BA with B ∈ R^{d×r}, A ∈ R^{r×d}.' },
    w.method === 'full' ? m.parameters : Math.min(m.parameters, 8 * a.loraRank * m.hiddenSize * m.layers),
  );
  const flopsPerToken = w.method === 'full' ? 6 : 4;
  const tokens = w.dataset.tokens * w.epochs;
  const trainingFlops = trail.step(
    { id: 'trainingFlops', label: 'Model FLOPs for the run', unit: 'FLOP',
      formula: w.method === 'full' ? '6 × activeParameters × tokens × epochs' : '4 × activeParameters × tokens × epochs (no weight gradients for frozen weights)',
      inputs: { activeParameters: m.activeParameters, tokensPerEpoch: w.dataset.tokens, epochs: w.epochs },
      source: 'Kaplan et al. 2020, §2.1: forward 2N and backward 4N FLOPs per token; with frozen weights the backward pass computes only activation gradients (2N).' },
    flopsPerToken * m.activeParameters * tokens,
  );
  const effectiveMfu = trail.step(
    { id: 'effectiveMfu', label: 'Model FLOPs utilisation', unit: 'ratio',
      formula: w.parallelism.activationCheckpointing ? 'mfu / recomputeFlopsFactor (recomputation spends hardware FLOPs that are not model FLOPs)' : 'mfu',
      inputs: w.parallelism.activationCheckpointing ? { mfu: a.mfu, recomputeFlopsFactor: a.recomputeFlopsFactor } : { mfu: a.mfu },
      source: 'Chowdhery et al. 2022 (PaLM), appendix B: MFU counts model FLOPs only.' },
    w.parallelism.activationCheckpointing ? a.mfu / a.recomputeFlopsFactor : a.mfu,
  );
  const peak = peakFlopsPerSecond(gpu, m.precision);
  // Pipeline bubble: each step runs m micro-batches through PP stages in m + PP − 1 slots, so time
  // grows by (PP − 1) / m (GPipe and 1F1B alike; Narayanan et al. 2021, Megatron-LM, §2.2). m is
  // globalBatchSize / (microBatchSize × data-parallel ranks), or 4 × PP when the plan gives no batch
  // (Megatron-LM's guidance that m be several times PP).
  const microBatchesPerPipeline = (gpus: number) => (w.globalBatchSize !== undefined
    ? Math.max(1, Math.floor(w.globalBatchSize / (w.microBatchSize * Math.max(1, gpus / (tp * pp)))))
    : 4 * pp);
  const bubbleAt = (gpus: number) => (pp > 1 ? (pp - 1) / microBatchesPerPipeline(gpus) : 0);
  const secondsAt = (gpus: number) => (trainingFlops / (gpus * peak * effectiveMfu)) * (1 + bubbleAt(gpus));
  // The fewest GPUs (whole model replicas) whose run, bubble included, fits the deadline.
  let deadlineGpus = Math.max(1, Math.ceil(roundOff(trainingFlops / (w.deadline * peak * effectiveMfu))));
  if (pp > 1) {
    deadlineGpus = Math.ceil(deadlineGpus / modelParallel) * modelParallel;
    while (secondsAt(deadlineGpus) > w.deadline * (1 + 1e-9) && deadlineGpus <= a.maxTrainingGpus) deadlineGpus += modelParallel;
  }
  const gpusForDeadline = trail.step(
    { id: 'gpusForDeadline', label: 'GPUs to finish by the deadline', unit: 'GPUs',
      formula: pp > 1
        ? 'fewest multiple of tensorParallel × pipelineParallel with trainingFlops / (gpus × peakFlopsPerGpu × effectiveMfu) × (1 + pipelineBubble) ≤ deadline'
        : 'ceil(trainingFlops / (deadline × peakFlopsPerGpu × effectiveMfu))',
      inputs: { trainingFlops, deadline: w.deadline, peakFlopsPerGpu: peak, effectiveMfu, ...(pp > 1 ? { tensorParallel: tp, pipelineParallel: pp } : {}) } },
    deadlineGpus,
  );

  const states = stateMemory(w, trainableParameters);
  const activations = activationBytes(w);
  const usableBytes = gpu.memoryBytes * a.trainingUsableGpuMemory;
  const room = usableBytes - states.fixedBytes - activations;
  let gpusForMemory: number;
  if (room <= 0) {
    gpusForMemory = modelParallel;
    trail.infeasibility('TRAINING_DOES_NOT_FIT_GPU', `Unpartitioned model states (${(states.fixedBytes / GiB).toFixed(1)} GiB) and activations (${(activations / GiB).toFixed(1)} GiB) exceed ${gpu.id}'s usable ${(usableBytes / GiB).toFixed(1)} GiB at any GPU count: raise zeroStage, tensorParallel or pipelineParallel, enable activationCheckpointing, or shrink microBatchSize.`);
  } else {
    gpusForMemory = tp * pp * Math.max(1, Math.ceil(roundOff(states.partitionedBytes / room)));
  }
  trail.step(
    { id: 'gpusForMemory', label: 'GPUs that memory alone demands', unit: 'GPUs',
      formula: 'tensorParallel × pipelineParallel × ceil(partitioned model states / (usable GPU memory − unpartitioned states − activations)), states per GPU already split over tensorParallel × pipelineParallel',
      inputs: { partitionedBytes: states.partitionedBytes, fixedBytes: states.fixedBytes, activationBytes: activations, usableGpuMemoryBytes: usableBytes, tensorParallel: tp, pipelineParallel: pp },
      source: 'Rajbhandari et al. 2020 (ZeRO) for model states; Korthikanti et al. 2022 for activations.' },
    gpusForMemory,
  );
  const gpusPerNode = ctx.gpusPerNode(gpu);
  const needed = Math.max(gpusForDeadline, gpusForMemory);
  // Whole nodes once the job spans more than one; within one node, a power of two (collectives and
  // tensor parallel groups want one); always whole model replicas (TP × PP). Never above maxTrainingGpus.
  const shape = (gpus: number) => (gpus <= gpusPerNode ? Math.min(gpusPerNode, 2 ** Math.ceil(Math.log2(gpus))) : Math.ceil(gpus / gpusPerNode) * gpusPerNode);
  const wholeReplicas = (gpus: number) => gpus % modelParallel === 0 && (gpus <= gpusPerNode || gpus % gpusPerNode === 0);
  const round = (gpus: number) => {
    let n = shape(Math.max(gpus, modelParallel));
    while (!wholeReplicas(n)) n = shape(n + 1);
    return n;
  };
  const roundDown = (gpus: number) => {
    let n = gpus < gpusPerNode ? 2 ** Math.floor(Math.log2(gpus)) : Math.floor(gpus / gpusPerNode) * gpusPerNode;
    while (n > modelParallel && !wholeReplicas(n)) n -= n <= gpusPerNode ? n / 2 : gpusPerNode;
    return Math.max(n, modelParallel);
  };
  const roundedGpus = round(needed) <= a.maxTrainingGpus ? round(needed) : roundDown(a.maxTrainingGpus);
  if (round(needed) > a.maxTrainingGpus) {
    trail.infeasibility('TRAINING_DEADLINE_INFEASIBLE', `Meeting the ${(w.deadline / SECONDS_PER_HOUR).toFixed(1)} h deadline needs ${needed} × ${gpu.id}, beyond maxTrainingGpus (${a.maxTrainingGpus}); sized at ${Math.max(roundedGpus, modelParallel)} GPUs, which finish late.`);
  }
  const totalGpus = trail.step(
    { id: 'gpus', label: 'GPUs for the run', unit: 'GPUs',
      formula: 'max(gpusForDeadline, gpusForMemory), rounded to a power of two within one node or to whole nodes beyond, in whole model replicas (tensorParallel × pipelineParallel), at most maxTrainingGpus',
      inputs: { gpusForDeadline, gpusForMemory, gpusPerNode, tensorParallel: tp, pipelineParallel: pp, maxTrainingGpus: a.maxTrainingGpus } },
    Math.max(roundedGpus, modelParallel),
  );
  const dataParallel = totalGpus / (tp * pp);
  const memoryPerGpuBytes = trail.step(
    { id: 'memoryPerGpuBytes', label: 'GPU memory per GPU', unit: 'bytes',
      formula: 'unpartitioned states + partitioned states / data-parallel ranks + activations',
      inputs: { fixedBytes: states.fixedBytes, partitionedBytes: states.partitionedBytes, dataParallelRanks: dataParallel, activationBytes: activations } },
    states.fixedBytes + states.partitionedBytes / dataParallel + activations,
  );
  const pipelineBubble = pp > 1
    ? trail.step(
      { id: 'pipelineBubble', label: 'Pipeline bubble', unit: 'ratio', formula: '(pipelineParallel − 1) / micro-batches per pipeline per step',
        inputs: { pipelineParallel: pp, microBatchesPerPipeline: microBatchesPerPipeline(totalGpus), ...(w.globalBatchSize !== undefined ? { globalBatchSize: w.globalBatchSize, microBatchSize: w.microBatchSize, dataParallelRanks: dataParallel } : {}) },
        source: `Narayanan et al. 2021 (Megatron-LM), §2.2: bubble time fraction (p − 1)/m.${w.globalBatchSize === undefined ? ' No globalBatchSize in the plan: 4 × pipelineParallel micro-batches assumed.' : ''}` },
      bubbleAt(totalGpus))
    : 0;
  const wallClockSeconds = trail.step(
    { id: 'wallClockSeconds', label: 'Wall-clock time', unit: 's',
      formula: pp > 1 ? 'trainingFlops / (gpus × peakFlopsPerGpu × effectiveMfu) × (1 + pipelineBubble)' : 'trainingFlops / (gpus × peakFlopsPerGpu × effectiveMfu)',
      inputs: { trainingFlops, gpus: totalGpus, peakFlopsPerGpu: peak, effectiveMfu, ...(pp > 1 ? { pipelineBubble } : {}) } },
    (trainingFlops / (totalGpus * peak * effectiveMfu)) * (1 + pipelineBubble),
  );
  if (wallClockSeconds > w.deadline * (1 + 1e-9)) {
    trail.infeasibility('TRAINING_MISSES_DEADLINE', `The run takes ${(wallClockSeconds / SECONDS_PER_HOUR).toFixed(1)} h on ${totalGpus} GPUs, past its ${(w.deadline / SECONDS_PER_HOUR).toFixed(1)} h deadline.`);
  }
  const gpuHours = trail.step(
    { id: 'gpuHours', label: 'GPU-hours', unit: 'GPU·h', formula: 'gpus × wallClockSeconds / 3600', inputs: { gpus: totalGpus, wallClockSeconds } },
    (totalGpus * wallClockSeconds) / SECONDS_PER_HOUR,
  );
  const checkpointBytes = trail.step(
    { id: 'checkpointBytes', label: 'One checkpoint', unit: 'bytes', formula: 'trainableParameters × checkpointBytesPerParameter',
      inputs: { trainableParameters, checkpointBytesPerParameter: a.checkpointBytesPerParameter } },
    trainableParameters * a.checkpointBytesPerParameter,
  );
  const datasetBytes = w.dataset.bytes ?? w.dataset.tokens * a.datasetBytesPerToken;
  const gpusPerPod = Math.min(totalGpus, gpusPerNode);
  const pods = totalGpus / gpusPerPod;
  const replicas = jobReplicas(trail, pods, 'gpus / GPUs per pod (one pod per node, gang-scheduled)');
  return {
    replicas,
    perReplica: {
      cpuCores: gpusPerPod * a.trainingCpuCoresPerGpu,
      memoryBytes: gpusPerPod * a.trainingHostMemoryBytesPerGpu,
      gpus: gpusPerPod,
      gpuModel: gpu.id,
      gpuMemoryBytes: gpusPerPod * gpu.memoryBytes,
      ephemeralStorageBytes: datasetBytes / pods + 20 * GiB,
    },
    storage: [
      { name: 'checkpoints', bytes: checkpointBytes * w.checkpoints.keep, purpose: `${w.checkpoints.keep} checkpoints kept for restarts` },
      { name: 'dataset', bytes: datasetBytes, purpose: 'Training data' },
    ],
    details: {
      trainingFlops, gpuHours, wallClockSeconds, memoryPerGpuBytes, checkpointBytes, gpusForDeadline, gpusForMemory, gpus: totalGpus,
      trainableParameters, effectiveMfu, deadlineSeconds: w.deadline, datasetBytes,
      plannedTokensPerSecond: tokens / wallClockSeconds, requiredTokensPerSecond: tokens / w.deadline, totalTokens: tokens,
      activationBytesPerGpu: activations,
      tensorParallel: tp, pipelineParallel: pp, expertParallel: ep, dataParallel, pipelineBubble,
    },
    activeHoursPerMonth: Math.min(HOURS_PER_MONTH, wallClockSeconds / SECONDS_PER_HOUR),
  };
}
