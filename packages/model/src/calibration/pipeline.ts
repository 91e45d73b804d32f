/**
 * Data pipelines: throughput per core from the bytes a run processes and the cores it uses
 * (kinds/data-pipeline/size.ts sizes cores = bytes/s / throughputPerCore). Points between runs
 * (no bytes processed) are idle and left out.
 */
import type { DataPipelineWorkload } from '../kinds/data-pipeline/schema.ts';
import { fitPoints, refused, solveMonotone, type CalibrationFit } from './fit.ts';

/** One instant, across the run's pods. */
export interface PipelineObservation {
  time: number;
  /** rate(headroom_pipeline_bytes_total) */
  bytesPerSecond: number;
  /** rate(container_cpu_usage_seconds_total) */
  cpuCores: number;
}

export const PIPELINE_METRICS = ['headroom_pipeline_bytes_total', 'container_cpu_usage_seconds_total'] as const;

/** throughputPerCore's schema bounds (kinds/data-pipeline/schema.ts). */
const THROUGHPUT_PER_CORE = { min: 1000, max: 1e11 };

export function fitPipeline(w: DataPipelineWorkload, observations: readonly PipelineObservation[], missing: readonly string[] = []): CalibrationFit[] {
  const frame = { name: 'throughputPerCore' as const, field: ['throughputPerCore'], unit: 'bytes per second' as const, previous: w.throughputPerCore, metrics: PIPELINE_METRICS,
    observedPoints: observations.length, basis: 'bytes processed per second = CPU cores used × throughputPerCore' };
  if (missing.length > 0) return [refused(frame, 0, 'no-data', `no samples of ${missing.join(', ')} over the range`)];
  const running = observations.filter((o) => o.bytesPerSecond > 0 && o.cpuCores > 0);
  if (running.length === 0) {
    return [refused(frame, 0, observations.length === 0 ? 'no-data' : 'idle', observations.length === 0 ? 'no samples over the range' : `no run processed bytes in ${observations.length} points`)];
  }
  return [fitPoints(frame, running, {
    what: 'the bytes processed per second', bounds: THROUGHPUT_PER_CORE,
    solve: (o) => solveMonotone((t) => o.cpuCores * t, o.bytesPerSecond, THROUGHPUT_PER_CORE.min, THROUGHPUT_PER_CORE.max),
    predict: (o, t) => o.cpuCores * t,
    observed: (o) => o.bytesPerSecond,
  })];
}
