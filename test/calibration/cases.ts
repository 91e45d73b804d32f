/**
 * Published serving throughputs the LLM efficiencies are fitted to: NVIDIA TensorRT-LLM,
 * "Performance Overview" (docs/source/performance/perf-overview.md, v1.0 tables), Total Output
 * Throughput (tokens/s) of one TP×PP group under maximum load (trtllm-bench throughput, all requests
 * queued, ModelOpt FP8/FP4 checkpoints, KV cache at 90-95% of free memory). `heldOut` cases are not
 * used in the fit and are reported apart.
 */
export interface CalibrationCase {
  model: string;
  precision: 'fp8' | 'fp4';
  gpu: string;
  tensorParallel: number;
  pipelineParallel: number;
  inputTokens: number;
  outputTokens: number;
  /** Published total output tokens/s. */
  published: number;
  heldOut: boolean;
}

export const PERF_OVERVIEW = 'NVIDIA TensorRT-LLM Performance Overview, https://github.com/NVIDIA/TensorRT-LLM/blob/main/docs/source/performance/perf-overview.md (read 2026-12-03)';

const c = (model: string, precision: 'fp8' | 'fp4', gpu: string, tp: number, pp: number, io: [number, number], published: number, heldOut = false): CalibrationCase =>
  ({ model, precision, gpu, tensorParallel: tp, pipelineParallel: pp, inputTokens: io[0], outputTokens: io[1], published, heldOut });

export const calibrationCases: readonly CalibrationCase[] = [
  c('llama-3.1-8b', 'fp8', 'H100-SXM-80GB', 1, 1, [1000, 1000], 15_220),
  c('llama-3.1-8b', 'fp8', 'H100-SXM-80GB', 1, 1, [500, 2000], 17_660),
  c('llama-3.1-8b', 'fp8', 'H100-SXM-80GB', 1, 1, [5000, 500], 3_459),
  c('llama-3.1-8b', 'fp8', 'H200-SXM-141GB', 1, 1, [2048, 2048], 12_194),
  c('llama-3.3-70b', 'fp8', 'H100-SXM-80GB', 2, 1, [1000, 1000], 4_205),
  c('llama-3.3-70b', 'fp8', 'H100-SXM-80GB', 2, 1, [2048, 2048], 3_082),
  c('llama-3.3-70b', 'fp8', 'H200-SXM-141GB', 1, 1, [1000, 1000], 2_909),
  c('llama-3.3-70b', 'fp4', 'B200-180GB', 1, 1, [1000, 1000], 7_007),
  c('llama-3.1-405b', 'fp8', 'H100-SXM-80GB', 8, 1, [1000, 1000], 2_919),
  c('llama-3.1-405b', 'fp4', 'B200-180GB', 4, 1, [1000, 2000], 4_933),
  c('qwen3-235b-a22b', 'fp8', 'H200-SXM-141GB', 8, 1, [1000, 1000], 23_789),
  c('llama-3.3-70b', 'fp4', 'RTX-PRO-6000-96GB', 1, 2, [1000, 1000], 3_707),
  // Held out.
  c('llama-3.1-8b', 'fp8', 'H200-SXM-141GB', 1, 1, [1000, 2000], 16_828, true),
  c('llama-3.1-8b', 'fp8', 'H100-SXM-80GB', 1, 1, [2048, 2048], 9_305, true),
  c('llama-3.3-70b', 'fp8', 'H100-SXM-80GB', 2, 1, [500, 2000], 5_222, true),
  c('llama-3.3-70b', 'fp8', 'H200-SXM-141GB', 1, 1, [2048, 2048], 2_003, true),
  c('llama-3.1-405b', 'fp8', 'H200-SXM-141GB', 8, 1, [1000, 1000], 3_330, true),
  c('qwen3-235b-a22b', 'fp8', 'H100-SXM-80GB', 8, 1, [1000, 1000], 14_898, true),
  c('qwen3-235b-a22b', 'fp4', 'B200-180GB', 8, 1, [1000, 1000], 42_391, true),
  c('llama-3.3-70b', 'fp4', 'RTX-PRO-6000-96GB', 1, 4, [1000, 1000], 5_961, true),
  // Held out, added with fp4ComputeEfficiency: GB200 (whose figures the fit never saw), a longer
  // sequence on B200, and eight pipeline stages.
  c('llama-3.3-70b', 'fp4', 'GB200-186GB', 1, 1, [1000, 1000], 7_326, true),
  c('llama-3.1-405b', 'fp4', 'GB200-186GB', 4, 1, [1000, 2000], 5_135, true),
  c('llama-3.3-70b', 'fp4', 'B200-180GB', 1, 1, [2048, 2048], 4_783, true),
  c('llama-3.3-70b', 'fp4', 'RTX-PRO-6000-96GB', 1, 8, [1000, 1000], 8_166, true),
];
