/** Production metrics that test a model-serving plan: latency against the SLO, busy workers. */
import type { Signal } from '../types.ts';
import type { ModelServingWorkload } from './schema.ts';

export function modelServingSignals(w: ModelServingWorkload): Signal[] {
  if (w.metrics.runtime === 'none') return [];
  const histogram = w.metrics.runtime === 'triton' ? 'nv_inference_request_duration_us' : 'headroom_request_duration_seconds';
  const scale = w.metrics.runtime === 'triton' ? ' / 1e6' : '';
  const signals: Signal[] = [];
  if (w.metrics.runtime === 'headroom') {
    signals.push({
      id: 'latency-p95', title: 'Request latency p95', unit: 's', source: 'headroom', checks: 'workersForSlo',
      description: 'p95 request latency. Good: under the SLO; above it, the Erlang C worker count was too small for the real traffic or service time.',
      query: `histogram_quantile(0.95, sum by (le) (rate(${histogram}_bucket{{{selector}}}[{{window}}])))${scale}`,
      planned: { metric: 'headroom_plan_latency_slo_seconds', labels: { slo: 'latency_p95' } },
      breach: 'above', threshold: 1, severity: 'critical',
    });
    signals.push({
      id: 'in-flight', title: 'Requests in flight', unit: 'short', source: 'headroom', checks: 'offeredLoadErlangs',
      description: 'Requests being served or queued. Good: below the planned busy workers divided by target utilisation.',
      query: 'sum(headroom_requests_in_flight{{{selector}}})',
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'offered_load_workers' } },
      breach: 'above', threshold: 1.3, severity: 'warning',
    });
  }
  return signals;
}
