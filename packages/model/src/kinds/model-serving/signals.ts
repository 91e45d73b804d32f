/**
 * Production metrics that test a model-serving plan: traffic against the planned peak and busy
 * workers against the Erlang C assumption. With `metrics.runtime: headroom`, the exporter's
 * instrumentation provides them; with Triton, its own request counter.
 */
import { counter, gauge } from '../../signals/fixtures.ts';
import { presentWhen } from '../../signals/presence.ts';
import type { WorkloadSizing } from '../../sizing/types.ts';
import type { LatencyObjective, Signal } from '../types.ts';
import type { ModelServingWorkload } from './schema.ts';

const requests = { headroom: 'headroom_requests_total', triton: 'nv_inference_request_success' } as const;

export function modelServingSignals(w: ModelServingWorkload): Signal[] {
  if (w.metrics.runtime === 'none') return [];
  const signals: Signal[] = [{
    id: 'request-rate', title: 'Requests per second', unit: 'reqps', source: w.metrics.runtime, checks: 'offeredLoadErlangs',
    description: 'Requests per second across replicas. Good: at or below the planned peak.',
    query: `sum {{by}} (rate(${requests[w.metrics.runtime]}{{{selector}}}[{{window}}]) {{pods}})`,
    presence: presentWhen(requests[w.metrics.runtime]),
    planned: { metric: 'headroom_plan_peak_requests_per_second', forecast: { metric: 'headroom_plan_forecast_peak_requests_per_second' } },
    alerts: [{ name: 'HeadroomTrafficAbovePlannedPeak', severity: 'warning', breach: 'above', threshold: 1, for: '15m', runbook: 'traffic-above-planned-peak',
      summary: 'Traffic is above the peak the plan was sized for.' }],
    fixture: counter(requests[w.metrics.runtime], w.metrics.runtime === 'triton' ? { model: 'ranker', version: '1', container: 'tritonserver' } : {}),
  }];
  if (w.metrics.runtime === 'headroom') {
    signals.push({
      id: 'in-flight', title: 'Requests in flight', unit: 'short', source: 'headroom', checks: 'offeredLoadErlangs',
      description: 'Requests being served or queued across replicas. Good: below the planned busy workers divided by target utilisation.',
      query: 'sum {{by}} (headroom_requests_in_flight{{{selector}}} {{pods}})',
      presence: presentWhen('headroom_requests_in_flight'),
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'offered_load_erlangs' } },
      alerts: [],
      fixture: gauge('headroom_requests_in_flight'),
    });
  }
  return signals;
}

export function modelServingObjectives(w: ModelServingWorkload, sizing: WorkloadSizing): LatencyObjective[] {
  const slo = sizing.details.latencySloSeconds;
  if (w.metrics.runtime !== 'headroom' || slo === undefined) return [];
  return [{ id: 'latency', title: 'Request latency', histogram: 'headroom_request_duration_seconds', thresholdSeconds: slo, objective: 0.95, slo: 'latency_p95', source: 'headroom' }];
}
