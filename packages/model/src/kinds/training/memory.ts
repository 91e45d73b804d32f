/**
 * GPU memory per GPU for a training run: model states (ZeRO paper) and activations (Korthikanti).
 */
import { bytesPerParameter } from '../common.ts';
import type { TrainingWorkload } from './schema.ts';

/** Model-state bytes per GPU as fixed bytes plus bytes divided across data-parallel ranks. */
export interface StateMemory {
  fixedBytes: number;
  partitionedBytes: number;
}

/**
 * Mixed-precision Adam keeps 2 (fp16/bf16 weights) + 2 (gradients) + 12 (fp32 master weights,
 * momentum, variance) bytes per trained parameter (Rajbhandari et al. 2020, ZeRO, §3.1). ZeRO
 * stage 1 partitions the 12, stage 2 also the gradients, stage 3 also the weights (ZeRO, figure 1).
 * Frozen weights (LoRA, QLoRA) keep only their storage precision and follow stage 3 partitioning.
 */
export function stateMemory(w: TrainingWorkload, trainableParameters: number): StateMemory {
  const stage = w.parallelism.zeroStage;
  // Tensor and pipeline parallel split the model states evenly over TP × PP GPUs (Megatron-LM,
  // Narayanan et al. 2021, §2): each holds 1/TP of the weights of 1/PP of the layers.
  const tp = w.parallelism.tensorParallel * w.parallelism.pipelineParallel;
  // Expert parallel spreads the routed experts over EP data-parallel ranks (GShard, Lepikhin et al.
  // 2020, §2.2): their unpartitioned states shrink by EP. What ZeRO partitions is already spread over
  // every data-parallel rank, experts included (expert data parallel = DP / EP ranks × EP shards).
  const ep = w.parallelism.expertParallel;
  const m = w.model;
  const expertParameters = m.experts !== undefined && m.expertsPerToken !== undefined && m.experts > m.expertsPerToken
    ? ((m.parameters - m.activeParameters) * m.experts) / (m.experts - m.expertsPerToken) : 0;
  const trainedExpertShare = w.method === 'full' ? expertParameters / m.parameters : 0;
  const frozenExpertShare = w.method === 'full' ? 0 : expertParameters / Math.max(1, m.parameters - trainableParameters);
  const perGpu = (bytes: number, expertShare: number) => (bytes * (1 - expertShare)) / tp + (bytes * expertShare) / (tp * ep);
  const frozenBytesPerParameter = w.method === 'qlora' ? bytesPerParameter.int4 : w.method === 'lora' ? 2 : 0;
  const frozenBytes = w.method === 'full' ? 0 : (w.model.parameters - trainableParameters) * frozenBytesPerParameter;
  const weights = trainableParameters * 2 + frozenBytes;
  const gradients = trainableParameters * 2;
  const optimizer = trainableParameters * 12;
  const partitioned = (stage >= 1 ? optimizer : 0) + (stage >= 2 ? gradients : 0) + (stage >= 3 ? weights : 0);
  // Unpartitioned: trained states (weights, gradients, optimizer) below the stage, and frozen weights below stage 3.
  const fixedTrained = (stage >= 3 ? 0 : trainableParameters * 2) + (stage >= 2 ? 0 : gradients) + (stage >= 1 ? 0 : optimizer);
  const fixedFrozen = stage >= 3 ? 0 : frozenBytes;
  return { fixedBytes: perGpu(fixedTrained, trainedExpertShare) + perGpu(fixedFrozen, frozenExpertShare), partitionedBytes: partitioned / tp };
}

/**
 * Activation bytes per GPU. Pipeline parallel does not lower it: with the 1F1B schedule the first
 * stage keeps PP micro-batches in flight, each with L/PP layers' activations, so L layers' worth
 * whatever PP is (Korthikanti et al. 2022, §4.2.3). Korthikanti et al. 2022 (§4.1): one layer stores
 * s·b·h·(34 + 5·a·s/h) bytes in 16-bit; FlashAttention (Dao et al. 2022) never stores the a·s²
 * attention scores, dropping the second term, and every current training stack uses it. Tensor
 * parallelism with sequence parallelism divides the rest by t (Korthikanti table 2). Full
 * recomputation keeps only each layer's 2·s·b·h-byte input plus one layer being recomputed.
 */
export function activationBytes(w: TrainingWorkload): number {
  const { layers, hiddenSize } = w.model;
  const tp = w.parallelism.tensorParallel;
  const tokens = w.sequenceLength * w.microBatchSize;
  const perLayerFull = (tokens * hiddenSize * 34) / tp;
  return w.parallelism.activationCheckpointing ? layers * 2 * tokens * hiddenSize / tp + perLayerFull : layers * perLayerFull;
}
