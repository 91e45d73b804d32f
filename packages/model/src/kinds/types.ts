/** What a workload kind provides: its input schema, its sizing and the signals that verify it. */
import type { z } from 'zod';
import type { Assumptions } from '../catalog/assumptions.ts';
import type { GpuSpec, Provider } from '../catalog/types.ts';
import type { Trail } from '../sizing/explain.ts';
import type { Candidate, PerReplica, ReplicaBounds, StorageNeed, WorkloadSizing } from '../sizing/types.ts';

export type Redundancy = 'none' | 'n+1' | 'zone';

/** What a kind's sizing function may know beyond its own workload. */
export interface SizingContext {
  assumptions: Assumptions;
  targetUtilization: number;
  redundancy: Redundancy;
  zones: number;
  provider: Provider;
  /** GPUs per node on the pool the workload will run on (for whole-node jobs such as training). */
  gpusPerNode(gpu: GpuSpec): number;
  /** Most GPUs of this model any node can carry, in the plan's pools or the provider's catalog. */
  maxGpusPerNode(gpu: GpuSpec): number;
  /** Cheapest on-demand USD per GPU-hour for the GPU on the plan's provider, when the catalog has one. */
  gpuHourlyUsd(gpu: GpuSpec): number | undefined;
  /** Fastest inter-node GPU network of the nodes that carry the GPU (plan pools or catalog), bytes/s; undefined where none has one. */
  gpuNetworkBytesPerSecond(gpu: GpuSpec): number | undefined;
}

/** A kind's sizing before the plan-wide steps (node pools, totals) are added. */
export interface KindSizing {
  replicas: ReplicaBounds;
  perReplica: PerReplica;
  storage: StorageNeed[];
  details: Record<string, number>;
  activeHoursPerMonth: number;
  /** Configurations compared, when the kind searches (llm-inference). */
  candidates?: Candidate[];
}

export type MetricSource = 'cadvisor' | 'kube-state-metrics' | 'kubelet' | 'dcgm' | 'vllm' | 'triton' | 'headroom' | 'plan';

/** One alert a signal raises when production breaks the plan. */
export interface SignalAlert {
  /** CamelCase, prefixed Headroom. */
  name: string;
  severity: 'critical' | 'warning' | 'info';
  /** Breach: observed above or below planned × threshold (or threshold alone with no planned series), or differing from planned by more than threshold (a fraction). */
  breach: 'above' | 'below' | 'differs';
  threshold: number;
  /** Prometheus duration the breach must last, e.g. "15m". */
  for: string;
  /** Static one-line summary. */
  summary: string;
  /** Runbook file name (without .md) under docs/runbooks. */
  runbook: string;
}

/**
 * A raw series for generated rule tests: value(t) = start + perSecond × t (t in seconds). `level`
 * says which pod labels the exporter puts on it: `container` (cAdvisor, kube-state-metrics'
 * container metrics: namespace, pod, container), `pod` (kube-state-metrics' pod metrics, cAdvisor's
 * pod cgroup, a runtime scraped through pod annotations: namespace and pod), `object` (an object's
 * own series such as an HPA's or a CronJob's: namespace only). Default `container`.
 */
export interface FixtureSeries {
  metric: string;
  labels?: Record<string, string>;
  start: number;
  perSecond: number;
  level?: 'container' | 'pod' | 'object';
}

/**
 * A production signal that checks a planning assumption. `query` is PromQL over the whole cluster
 * label (one value per cluster) with placeholders the generators fill (they never compute sizing):
 * - `{{selector}}`: matchers for series carrying the pod's labels (the workload's namespace);
 * - `{{containerSelector}}`: the same for container-level series (real containers only, or
 *   `match.container`);
 * - `{{pods}}`: `* on (cluster, namespace, pod) group_left () <the workload's pods>`, the join that
 *   keeps the workload's pods (found through their owner), written after a per-pod expression;
 * - `{{by}}`: `by (cluster)`, the grouping of every aggregation; `{{cluster}}`: the label's name;
 * - `{{orZero}}`: `or` zero in every cluster that runs the plan and kube-state-metrics, for counts
 *   that must read zero rather than be absent;
 * - `{{record:<signal id>}}`: another signal's recorded series for this workload;
 * - `{{window}}` (rate window), `{{namespace}}`, `{{workload}}`, `{{owner}}` (the owning
 *   Deployment, StatefulSet, Job or CronJob), `{{plan}}`.
 * A query whose every `{{pods}}` closes a `{{by}}` aggregation and that names no single workload
 * (no `{{workload}}`, `{{owner}}`, `{{record:...}}`) is recorded by one rule for all the workloads
 * of a namespace: there `{{by}}` also keeps plan, namespace, workload and kind, `{{pods}}` attaches
 * them (`group_left (plan, workload, kind)`), and `{{orZero}}` takes its zeros from `planned`.
 */
export interface Signal {
  id: string;
  title: string;
  /** What good looks like, for the panel description and the alert text. */
  description: string;
  /** The explain step (or detail) whose assumption this signal tests. */
  checks: string;
  /** Grafana unit id: 's', 'bytes', 'percentunit', 'reqps', 'short', 'cores'... */
  unit: string;
  query: string;
  /**
   * PromQL (same placeholders) present whenever the signal's source publishes it for the
   * workload's pods. When set, HeadroomSignalMissing fires while the workload's pods run and this
   * is absent. Unset for signals whose absence is normal (no restarts, no autoscaler, no volume).
   */
  presence?: string;
  /**
   * The plan series the observed value is compared with, joined on plan and workload; `forecast`,
   * the series with this calendar month's forecast of the same figure (growth forecast), drawn
   * beside it when the exporter publishes it (plans with spec.growth.start).
   */
  planned?: { metric: string; labels?: Record<string, string>; forecast?: { metric: string } };
  source: MetricSource;
  alerts: SignalAlert[];
  /**
   * Raw series that drive `query` to `value` (in the signal's unit) when evaluated `atSeconds`
   * after the series start, for generated rule tests; `planned` reads one of the workload's plan
   * series (name and extra labels) for queries that combine them with production metrics. Labels may use {{workload}}, {{namespace}}
   * and {{pvc}}; the generator adds the workload's namespace, pod and container labels.
   */
  fixture(value: number, atSeconds: number, planned: (metric: string, labels?: Record<string, string>) => number): FixtureSeries[];
}

/** A latency objective backed by a histogram: the generators build SLO burn-rate rules from it. */
export interface LatencyObjective {
  id: string;
  title: string;
  /** Histogram base name (without _bucket/_count). */
  histogram: string;
  /** Older name of the same histogram, read too where a runtime renamed it. */
  formerHistogram?: string;
  thresholdSeconds: number;
  /** The histogram's bucket bounds as the runtime publishes them, when fixed (seconds). */
  buckets?: readonly number[];
  /** Fraction of requests that must be within the threshold (p95 → 0.95). */
  objective: number;
  /** The plan's slo label on headroom_plan_latency_slo_seconds. */
  slo: string;
  source: MetricSource;
}

/** How a kind's pods run: a long-lived service, a job, or a job whose pods must all start together. */
export type RunsAs = 'service' | 'job' | 'gang-job';

export interface KindDefinition<Schema extends z.ZodType = z.ZodType> {
  kind: string;
  title: string;
  runsAs: RunsAs;
  schema: Schema;
  size(workload: z.output<Schema>, context: SizingContext, trail: Trail): KindSizing;
  signals(workload: z.output<Schema>, sizing: WorkloadSizing): Signal[];
  /** Latency objectives with histograms to compute error budgets from. */
  objectives(workload: z.output<Schema>, sizing: WorkloadSizing): LatencyObjective[];
}

/** Helper that keeps the schema's output type attached to the sizing and signals functions. */
export const defineKind = <Schema extends z.ZodType>(definition: KindDefinition<Schema>): KindDefinition<Schema> => definition;
