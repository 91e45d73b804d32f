/** What a workload kind provides: its input schema, its sizing and the signals that verify it. */
import type { z } from 'zod';
import type { Assumptions } from '../catalog/assumptions.ts';
import type { GpuSpec, Provider } from '../catalog/types.ts';
import type { Trail } from '../sizing/explain.ts';
import type { PerReplica, ReplicaBounds, StorageNeed, WorkloadSizing } from '../sizing/types.ts';

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
}

/** A kind's sizing before the plan-wide steps (node pools, totals) are added. */
export interface KindSizing {
  replicas: ReplicaBounds;
  perReplica: PerReplica;
  storage: StorageNeed[];
  details: Record<string, number>;
  activeHoursPerMonth: number;
}

export type MetricSource = 'cadvisor' | 'kube-state-metrics' | 'dcgm' | 'vllm' | 'triton' | 'headroom' | 'plan';

/**
 * A production signal that checks a planning assumption. `query` is PromQL in which `{{selector}}`
 * stands for the workload's pod matchers (namespace, pod regex, container) and `{{workload}}` for
 * its name; the generators fill both and never compute sizing themselves.
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
  /** The plan series the observed value is compared with, joined on `workload`. */
  planned?: { metric: string; labels?: Record<string, string> };
  /** The observed value breaks the plan when it goes `above` or `below` planned × threshold. */
  breach: 'above' | 'below';
  threshold: number;
  severity: 'critical' | 'warning' | 'info';
  source: MetricSource;
}

export interface KindDefinition<Schema extends z.ZodType = z.ZodType> {
  kind: string;
  title: string;
  schema: Schema;
  size(workload: z.output<Schema>, context: SizingContext, trail: Trail): KindSizing;
  signals(workload: z.output<Schema>, sizing: WorkloadSizing): Signal[];
}

/** Helper that keeps the schema's output type attached to the sizing and signals functions. */
export const defineKind = <Schema extends z.ZodType>(definition: KindDefinition<Schema>): KindDefinition<Schema> => definition;
