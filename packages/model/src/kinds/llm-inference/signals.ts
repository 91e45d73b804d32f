/**
 * Production metrics that test an LLM plan's assumptions. vLLM renamed some metrics (v0.7+:
 * vllm:kv_cache_usage_perc, vllm:inter_token_latency_seconds); both names are read with `or`.
 */
import type { Signal } from '../types.ts';
import type { LlmInferenceWorkload } from './schema.ts';

const vllmRuntime = (w: LlmInferenceWorkload) => w.metrics.runtime === 'vllm';

export function llmInferenceSignals(w: LlmInferenceWorkload): Signal[] {
  if (!vllmRuntime(w)) return [];
  const p95 = (metric: string) => `histogram_quantile(0.95, sum by (le) (rate(${metric}_bucket{{{selector}}}[{{window}}])))`;
  return [
    {
      id: 'kv-cache-usage', title: 'KV cache usage', unit: 'percentunit', source: 'vllm', checks: 'kvCacheCapacityTokens',
      description: 'Fraction of the KV cache in use. Good: below 90% at peak; at 100% requests are preempted and latency climbs.',
      query: 'max(vllm:kv_cache_usage_perc{{{selector}}} or vllm:gpu_cache_usage_perc{{{selector}}})',
      breach: 'above', threshold: 0.9, severity: 'warning',
    },
    {
      id: 'queued-requests', title: 'Requests waiting', unit: 'short', source: 'vllm', checks: 'maxConcurrentSequences',
      description: 'Requests queued for a decode slot. Good: near zero; a standing queue means the replicas hold fewer sequences than planned.',
      query: 'sum(vllm:num_requests_waiting{{{selector}}})',
      breach: 'above', threshold: 1, severity: 'warning',
    },
    {
      id: 'ttft-p95', title: 'Time to first token p95', unit: 's', source: 'vllm', checks: 'timeToFirstTokenSeconds',
      description: 'p95 time to first token. Good: under the SLO.',
      query: p95('vllm:time_to_first_token_seconds'),
      planned: { metric: 'headroom_plan_latency_slo_seconds', labels: { slo: 'time_to_first_token' } },
      breach: 'above', threshold: 1, severity: 'critical',
    },
    {
      id: 'itl-p95', title: 'Inter-token latency p95', unit: 's', source: 'vllm', checks: 'decodeStepSeconds',
      description: 'p95 time between output tokens. Good: under the SLO.',
      query: `(${p95('vllm:inter_token_latency_seconds')}) or (${p95('vllm:time_per_output_token_seconds')})`,
      planned: { metric: 'headroom_plan_latency_slo_seconds', labels: { slo: 'inter_token_latency' } },
      breach: 'above', threshold: 1, severity: 'critical',
    },
    {
      id: 'generation-tokens', title: 'Generated tokens per second', unit: 'short', source: 'vllm', checks: 'decodeTokensPerSecondPerReplica',
      description: 'Output tokens per second across replicas. Good: below the planned peak output rate.',
      query: 'sum(rate(vllm:generation_tokens_total{{{selector}}}[{{window}}]))',
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'peak_output_tokens_per_second' } },
      breach: 'above', threshold: 1, severity: 'warning',
    },
  ];
}
