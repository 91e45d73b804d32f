/**
 * Production metrics that test an LLM plan's assumptions, from vLLM's /metrics. vLLM renamed some
 * metrics (v0.7+: vllm:kv_cache_usage_perc for vllm:gpu_cache_usage_perc, and
 * vllm:inter_token_latency_seconds for vllm:time_per_output_token_seconds); both names are read.
 * vLLM's Python client prints bucket bounds as floats ("1.0"), so `le` is matched by value. The
 * series are found by pod (owner), never by container: vLLM charts name the container `vllm`, and
 * scraping through pod annotations adds no container label at all. The fixtures carry
 * container="vllm", the chart's shape.
 */
import { counter, gauge } from '../../signals/fixtures.ts';
import { presentWhen } from '../../signals/presence.ts';
import type { WorkloadSizing } from '../../sizing/types.ts';
import type { LatencyObjective, Signal } from '../types.ts';
import type { LlmInferenceWorkload } from './schema.ts';

/**
 * vLLM's default histogram bounds (vllm/v1/metrics/loggers.py). The SLO burn-rate rules read the
 * bucket at the SLO or, for an SLO off these bounds, the nearest one below it (and say so).
 */
export const vllmTtftBucketsSeconds = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640, 2560];
export const vllmInterTokenBucketsSeconds = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80];

/** vLLM's labels on its series as the chart deploys it: the model and the container `vllm`. */
const VLLM = { model_name: 'meta-llama/Llama-3.1-8B-Instruct', container: 'vllm' };

export function llmInferenceSignals(w: LlmInferenceWorkload): Signal[] {
  if (w.metrics.runtime !== 'vllm') return [];
  return [
    {
      id: 'request-rate', title: 'Requests per second', unit: 'reqps', source: 'vllm', checks: 'requestsPerSecondPerReplica',
      description: 'Completed requests per second across replicas. Good: at or below the planned peak.',
      query: 'sum {{by}} (rate(vllm:request_success_total{{{selector}}}[{{window}}]) {{pods}})',
      planned: { metric: 'headroom_plan_peak_requests_per_second', forecast: { metric: 'headroom_plan_forecast_peak_requests_per_second' } },
      alerts: [{ name: 'HeadroomTrafficAbovePlannedPeak', severity: 'warning', breach: 'above', threshold: 1, for: '15m', runbook: 'traffic-above-planned-peak',
        summary: 'Traffic is above the peak the plan was sized for.' }],
      presence: presentWhen('vllm:request_success_total'),
      fixture: counter('vllm:request_success_total', { ...VLLM, finished_reason: 'stop' }),
    },
    {
      id: 'kv-cache-usage', title: 'KV cache usage', unit: 'percentunit', source: 'vllm', checks: 'kvCacheCapacityTokens',
      description: 'Fraction of the KV cache in use on the busiest replica. Good: below 90% at peak; at 100% vLLM preempts sequences and latency climbs.',
      query: 'max {{by}} ((vllm:kv_cache_usage_perc{{{selector}}} or vllm:gpu_cache_usage_perc{{{selector}}}) {{pods}})',
      alerts: [{ name: 'HeadroomKVCacheSaturated', severity: 'warning', breach: 'above', threshold: 0.9, for: '10m', runbook: 'kv-cache-saturated',
        summary: 'The KV cache is nearly full: replicas hold fewer concurrent sequences than planned.' }],
      presence: presentWhen('vllm:kv_cache_usage_perc', 'vllm:gpu_cache_usage_perc'),
      fixture: gauge('vllm:kv_cache_usage_perc', VLLM),
    },
    {
      id: 'queued-requests', title: 'Requests waiting', unit: 'short', source: 'vllm', checks: 'maxConcurrentSequences',
      description: 'Requests queued for a decode slot across replicas. Good: near zero; a standing queue means fewer concurrent sequences fit than planned.',
      query: 'sum {{by}} (vllm:num_requests_waiting{{{selector}}} {{pods}})',
      alerts: [{ name: 'HeadroomRequestsQueueing', severity: 'warning', breach: 'above', threshold: 1, for: '10m', runbook: 'requests-queueing',
        summary: 'Requests are queueing for a decode slot.' }],
      presence: presentWhen('vllm:num_requests_waiting'),
      fixture: gauge('vllm:num_requests_waiting', VLLM),
    },
    {
      id: 'generation-tokens', title: 'Generated tokens per second', unit: 'short', source: 'vllm', checks: 'decodeTokensPerSecondPerReplica',
      description: 'Output tokens per second across replicas. Good: at or below the planned peak output rate.',
      query: 'sum {{by}} (rate(vllm:generation_tokens_total{{{selector}}}[{{window}}]) {{pods}})',
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'peak_output_tokens_per_second' } },
      alerts: [],
      fixture: counter('vllm:generation_tokens_total', VLLM),
    },
  ];
}

export function llmInferenceObjectives(w: LlmInferenceWorkload, sizing: WorkloadSizing): LatencyObjective[] {
  if (w.metrics.runtime !== 'vllm') return [];
  const objectives: LatencyObjective[] = [];
  if (sizing.details.timeToFirstTokenSloSeconds !== undefined) {
    objectives.push({ id: 'ttft', title: 'Time to first token', histogram: 'vllm:time_to_first_token_seconds', thresholdSeconds: sizing.details.timeToFirstTokenSloSeconds,
      buckets: vllmTtftBucketsSeconds, objective: 0.95, slo: 'time_to_first_token', source: 'vllm' });
  }
  if (sizing.details.interTokenLatencySloSeconds !== undefined) {
    objectives.push({ id: 'itl', title: 'Inter-token latency', histogram: 'vllm:inter_token_latency_seconds', formerHistogram: 'vllm:time_per_output_token_seconds',
      thresholdSeconds: sizing.details.interTokenLatencySloSeconds, buckets: vllmInterTokenBucketsSeconds, objective: 0.95, slo: 'inter_token_latency', source: 'vllm' });
  }
  return objectives;
}
