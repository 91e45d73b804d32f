/**
 * Progress counters for the job kinds, under the names their signals read. Each job process
 * reports what it did itself; Prometheus adds namespace, pod and container, and the queries sum
 * over pods.
 */
import { Counter, Gauge, Registry } from 'prom-client';

export interface JobMetricsOptions {
  /** Registry to register on (default: a new one, available as `.registry`). */
  registry?: Registry;
}

export interface TrainingMetrics {
  readonly registry: Registry;
  /** `headroom_training_tokens_total`. */
  readonly tokens: Counter;
  countTokens(n: number): void;
}

export function createTrainingMetrics(options: JobMetricsOptions = {}): TrainingMetrics {
  const registry = options.registry ?? new Registry();
  const tokens = new Counter({
    name: 'headroom_training_tokens_total',
    help: 'Training tokens processed by this process; with tensor or pipeline parallelism, count on one rank per data-parallel replica.',
    registers: [registry],
  });
  return { registry, tokens, countTokens: (n) => tokens.inc(n) };
}

export interface BatchMetrics {
  readonly registry: Registry;
  /** `headroom_batch_items_total`. */
  readonly items: Counter;
  countItems(n?: number): void;
}

export function createBatchMetrics(options: JobMetricsOptions = {}): BatchMetrics {
  const registry = options.registry ?? new Registry();
  const items = new Counter({
    name: 'headroom_batch_items_total',
    help: 'Items this batch worker has processed.',
    registers: [registry],
  });
  return { registry, items, countItems: (n = 1) => items.inc(n) };
}

export interface PipelineMetrics {
  readonly registry: Registry;
  /** `headroom_pipeline_bytes_total`. */
  readonly bytes: Counter;
  /** `headroom_pipeline_last_run_duration_seconds`. */
  readonly lastRunDuration: Gauge;
  countBytes(n: number): void;
  /** Start timing a run; the returned function records its duration (first call only) and returns it in seconds. */
  startRun(): () => number;
}

export function createPipelineMetrics(options: JobMetricsOptions = {}): PipelineMetrics {
  const registry = options.registry ?? new Registry();
  const bytes = new Counter({
    name: 'headroom_pipeline_bytes_total',
    help: 'Input bytes this pipeline worker has processed.',
    registers: [registry],
  });
  const lastRunDuration = new Gauge({
    name: 'headroom_pipeline_last_run_duration_seconds',
    help: 'Duration of the last completed pipeline run.',
    registers: [registry],
  });
  return {
    registry, bytes, lastRunDuration,
    countBytes: (n) => bytes.inc(n),
    startRun() {
      const started = performance.now();
      let seconds: number | undefined;
      return () => {
        if (seconds === undefined) {
          seconds = (performance.now() - started) / 1000;
          lastRunDuration.set(seconds);
        }
        return seconds;
      };
    },
  };
}
