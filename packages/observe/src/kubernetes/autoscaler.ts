/**
 * Autoscaling on what saturates the workload. CPU services: a HorizontalPodAutoscaler
 * (autoscaling/v2) on CPU at the plan's target utilisation. GPU model servers: CPU stays low while
 * requests queue, so a CPU HPA may never scale up; they get a KEDA ScaledObject with Prometheus
 * triggers instead: vLLM's waiting requests and KV-cache usage for LLM servers, GPU utilisation
 * (dcgm-exporter) for the others. The prometheus-adapter HPA is the commented alternative without
 * KEDA. Bounds are the sized minimum (kept for availability) and maximum.
 */
import { stringify } from 'yaml';
import type { KitConfig } from '../config.ts';
import { signalRecord } from '../promql/names.ts';
import { renderQuery, ruleScope } from '../promql/selectors.ts';
import { objectMeta } from './labels.ts';
import { runtimeOf } from './serving-metrics.ts';
import { LEADER_WORKER_SET } from './workload-patch.ts';
import type { Manifest } from './yaml-text.ts';
import type { WorkloadInput } from './workload-input.ts';

/** Starting target for the queue metric: requests waiting per pod. Tune it against time to first token. */
export const VLLM_WAITING_TARGET = '5';
/**
 * KV-cache usage to scale out at: below HeadroomKVCacheSaturated's 90%, so replicas are added before
 * vLLM starts preempting sequences.
 */
export const KV_CACHE_TARGET = '0.8';

/** The commented alternative without KEDA: scale on vLLM's queue through prometheus-adapter and the custom metrics API. */
export function vllmQueueAlternative(namespace: string): string {
  const adapterRule = [{
    seriesQuery: `vllm:num_requests_waiting{namespace="${namespace}",pod!=""}`,
    resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
    name: { matches: '^vllm:num_requests_waiting$', as: 'vllm_num_requests_waiting' },
    metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
  }];
  const metrics = [{ type: 'Pods', pods: { metric: { name: 'vllm_num_requests_waiting' }, target: { type: 'AverageValue', averageValue: VLLM_WAITING_TARGET } } }];
  const indent = (text: string) => text.trimEnd().split('\n').map((line) => `  ${line}`).join('\n');
  return `Without KEDA: a HorizontalPodAutoscaler (autoscaling/v2, same bounds) on vLLM's queue through
prometheus-adapter. Expose the gauge vllm:num_requests_waiting (requests admitted but not yet running)
through the custom metrics API with this adapter rule (the metric renamed without the colon):
${indent(stringify({ rules: adapterRule }, { lineWidth: 0 }))}
and give the HPA these metrics:
${indent(stringify({ metrics }, { lineWidth: 0 }))}
Do not scale such a server on CPU: the work runs on the GPU, CPU stays low while requests queue,
and a CPU HPA may never scale up.`;
}

/** What the autoscaler scales: the Deployment, or the LeaderWorkerSet's scale subresource (replicas = groups). */
function scaleTarget(input: WorkloadInput): { apiVersion: string; kind: string; name: string } {
  const { name } = input.workload;
  return input.target.podsPerReplica > 1 ? { ...LEADER_WORKER_SET, name } : { apiVersion: 'apps/v1', kind: 'Deployment', name };
}

function bounds(input: WorkloadInput): { min: number; max: number } {
  // The HPA needs at least one replica (scaling to zero is behind a feature gate).
  const min = Math.max(1, input.sizing.replicas.min);
  return { min, max: Math.max(min, input.sizing.replicas.max) };
}

function boundsComment(input: WorkloadInput, min: number, max: number, on: string): string {
  return `minReplicas ${min}: kept for availability whatever the traffic; maxReplicas ${max}: the sized ceiling.
At peak the plan expects ${input.sizing.replicas.peak} replicas ${on}.`;
}

function cpuAutoscaler(input: WorkloadInput): Manifest {
  const { name } = input.workload;
  const percent = Math.round(input.targetUtilization * 100);
  const { min, max } = bounds(input);
  return {
    object: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: objectMeta(name, input.target.namespace, input.labels),
      spec: {
        scaleTargetRef: scaleTarget(input),
        minReplicas: min,
        maxReplicas: max,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } }],
      },
    },
    comment: boundsComment(input, min, max, `at ${percent}% of their CPU request (targetUtilization ${input.targetUtilization})`),
  };
}

interface Trigger { metricType: 'AverageValue' | 'Value'; query: string; threshold: string }

/** Triggers for a GPU server: the runtime's queue and KV cache for vLLM, GPU utilisation otherwise. */
function gpuTriggers(input: WorkloadInput, config: KitConfig): { triggers: Trigger[]; about: string } {
  const key = `{plan="${input.plan}", workload="${input.workload.name}"}`;
  if (input.sizing.kind === 'llm-inference' && runtimeOf(input.workload) === 'vllm') {
    return {
      triggers: [
        { metricType: 'AverageValue', query: `sum(${signalRecord('queued-requests')}${key})`, threshold: VLLM_WAITING_TARGET },
        { metricType: 'Value', query: `max(${signalRecord('kv-cache-usage')}${key})`, threshold: KV_CACHE_TARGET },
      ],
      about: `on vLLM's queue (${VLLM_WAITING_TARGET} waiting requests per replica, a starting point: lower it until time to first token
meets its objective at peak) and its KV cache (scale out above ${KV_CACHE_TARGET} on the busiest replica, before vLLM
preempts sequences at 100%)`,
    };
  }
  const percent = Math.round(input.targetUtilization * 100);
  if (input.sizing.perReplica.gpuShare?.mode === 'mig') {
    // dcgm-exporter reports no DCGM_FI_DEV_GPU_UTIL for MIG devices; the graphics engine's active ratio is per instance.
    const active = renderQuery('avg(DCGM_FI_PROF_GR_ENGINE_ACTIVE{{{selector}}, GPU_I_PROFILE!=""} {{pods}}) * 100', input.target, ruleScope(config));
    return {
      triggers: [{ metricType: 'Value', query: active, threshold: String(percent) }],
      about: `on the MIG instances' activity (dcgm-exporter's DCGM_FI_PROF_GR_ENGINE_ACTIVE per GPU_I_ID, as a percentage;
it reports no DCGM_FI_DEV_GPU_UTIL for MIG devices; ${percent}% = targetUtilization ${input.targetUtilization})`,
    };
  }
  const utilization = renderQuery('avg(DCGM_FI_DEV_GPU_UTIL{{{selector}}} {{pods}})', input.target, ruleScope(config));
  return {
    triggers: [{ metricType: 'Value', query: utilization, threshold: String(percent) }],
    about: `on GPU utilisation (dcgm-exporter's DCGM_FI_DEV_GPU_UTIL, ${percent}% = targetUtilization ${input.targetUtilization})`,
  };
}

function kedaScaledObject(input: WorkloadInput, config: KitConfig): Manifest {
  const { name } = input.workload;
  const { min, max } = bounds(input);
  const { triggers, about } = gpuTriggers(input, config);
  const vllm = triggers.length > 1;
  return {
    object: {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: objectMeta(name, input.target.namespace, input.labels),
      spec: {
        scaleTargetRef: scaleTarget(input),
        minReplicaCount: min,
        maxReplicaCount: max,
        triggers: triggers.map((t) => ({ type: 'prometheus', metricType: t.metricType, metadata: { serverAddress: config.prometheusUrl, query: t.query, threshold: t.threshold } })),
      },
    },
    comment: `${boundsComment(input, min, max, `scaled ${about}`)}
KEDA (keda.sh) creates and drives the HorizontalPodAutoscaler keda-hpa-${name}. The queries read the kit's
recording rules, so load its rules first; serverAddress is the Prometheus that evaluates them. Where one
Prometheus (Thanos, Mimir) serves several clusters, add the ${config.clusterLabel} label to each query.`,
    ...(vllm ? { keyComments: [{ path: ['spec', 'triggers'], comment: vllmQueueAlternative(input.target.namespace) }] } : {}),
  };
}

/** The autoscaler a service gets: KEDA on what saturates a GPU server, a CPU HPA otherwise. */
export function autoscaler(input: WorkloadInput, config: KitConfig): Manifest {
  return input.sizing.perReplica.gpus > 0 ? kedaScaledObject(input, config) : cpuAutoscaler(input);
}
