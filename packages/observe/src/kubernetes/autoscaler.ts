/**
 * A HorizontalPodAutoscaler (autoscaling/v2) for a service: between the sized minimum (kept for
 * availability) and maximum replicas, on CPU at the plan's target utilisation.
 */
import { stringify } from 'yaml';
import { objectMeta } from './labels.ts';
import type { Manifest } from './yaml-text.ts';
import type { WorkloadInput } from './workload-input.ts';

/** Starting target for the queue metric: requests waiting per pod. Tune it against time to first token. */
export const VLLM_WAITING_TARGET = '5';

/** The commented alternative for LLM servers: scale on vLLM's queue through prometheus-adapter. */
export function vllmQueueAlternative(namespace: string): string {
  const adapterRule = [{
    seriesQuery: `vllm:num_requests_waiting{namespace="${namespace}",pod!=""}`,
    resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
    name: { matches: '^vllm:num_requests_waiting$', as: 'vllm_num_requests_waiting' },
    metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
  }];
  const metrics = [{ type: 'Pods', pods: { metric: { name: 'vllm_num_requests_waiting' }, target: { type: 'AverageValue', averageValue: VLLM_WAITING_TARGET } } }];
  const indent = (text: string) => text.trimEnd().split('\n').map((line) => `  ${line}`).join('\n');
  return `CPU is a poor autoscaling signal for a GPU model server: the work runs on the GPU, CPU stays low
while requests queue, and this HPA may never scale up. Scale on the server's queue instead: vLLM's
gauge vllm:num_requests_waiting (requests admitted but not yet running). Expose it through the
custom metrics API, e.g. with this prometheus-adapter rule (the metric renamed without the colon):
${indent(stringify({ rules: adapterRule }, { lineWidth: 0 }))}
then replace the metrics below with:
${indent(stringify({ metrics }, { lineWidth: 0 }))}
${VLLM_WAITING_TARGET} waiting requests per pod is a starting point: lower it until time to first token meets its
objective at peak. Replace rather than add: with two metrics, one that cannot be read stops the
HPA from scaling down.`;
}

export function autoscaler(input: WorkloadInput): Manifest {
  const { name } = input.workload;
  const { replicas } = input.sizing;
  const percent = Math.round(input.targetUtilization * 100);
  // The HPA needs at least one replica (scaling to zero is behind a feature gate).
  const minReplicas = Math.max(1, replicas.min);
  const maxReplicas = Math.max(minReplicas, replicas.max);
  const llm = input.sizing.kind === 'llm-inference';
  return {
    object: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: objectMeta(name, input.target.namespace, input.labels),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas,
        maxReplicas,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } }],
      },
    },
    comment: `minReplicas ${minReplicas}: kept for availability whatever the traffic; maxReplicas ${maxReplicas}: the sized ceiling.
At peak the plan expects ${replicas.peak} replicas at ${percent}% of their CPU request (targetUtilization ${input.targetUtilization}).`,
    ...(llm ? { keyComments: [{ path: ['spec', 'metrics'], comment: vllmQueueAlternative(input.target.namespace) }] } : {}),
  };
}
