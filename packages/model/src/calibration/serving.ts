/**
 * Model serving: service time and CPU per worker from what the Headroom instrumentation reports.
 * The sizing's M/M/c queue (kinds/model-serving/size.ts) is inverted: with λ requests/s per replica
 * and c = workersPerReplica, the mean time in system is S + C(c, λS) · S / (c − λS) (Erlang C;
 * Kleinrock 1975, §3.5), so serviceTime is the S at which that equals the observed mean latency.
 * A busy worker keeps cpuCoresPerWorker cores busy, so cores used = λ × S × cpuCoresPerWorker.
 */
import { assumptionCatalog, type Assumptions } from '../catalog/assumptions.ts';
import type { ModelServingWorkload } from '../kinds/model-serving/schema.ts';
import { erlangC } from '../sizing/erlang.ts';
import { fitPoints, refused, solveMonotone, type CalibrationFit } from './fit.ts';

/** One instant, per replica. */
export interface ServingObservation {
  time: number;
  /** rate(headroom_requests_total) */
  requestsPerSecond: number;
  /** rate(headroom_request_duration_seconds_sum) / rate(…_count) */
  meanLatencySeconds: number;
  /** rate(container_cpu_usage_seconds_total) */
  cpuCores: number;
}

export const SERVING_METRICS = ['headroom_requests_total', 'headroom_request_duration_seconds', 'container_cpu_usage_seconds_total'] as const;

/** Mean time in an M/M/c system: service plus the Erlang C wait. */
export function meanSojournSeconds(workers: number, arrivalRate: number, serviceSeconds: number): number {
  const load = arrivalRate * serviceSeconds;
  if (load >= workers) return Number.POSITIVE_INFINITY;
  return serviceSeconds + (erlangC(workers, load) * serviceSeconds) / (workers - load);
}

/** serviceTime's schema bounds (kinds/model-serving/schema.ts). */
const SERVICE_TIME = { min: 1e-6, max: 3600 };

export function fitServing(w: ModelServingWorkload, a: Assumptions, observations: readonly ServingObservation[], missing: readonly string[] = []): CalibrationFit[] {
  const c = w.workersPerReplica;
  const serviceFrame = { name: 'serviceTime' as const, field: ['serviceTime'], unit: 'seconds' as const, previous: w.serviceTime, metrics: SERVING_METRICS.slice(0, 2), observedPoints: observations.length,
    basis: 'mean latency = S + ErlangC(workersPerReplica, requests/s × S) × S / (workersPerReplica − requests/s × S), solved for S' };
  const cpuFrame = { name: 'cpuCoresPerWorker' as const, field: ['assumptions', 'cpuCoresPerWorker'], unit: 'cores' as const, previous: a.cpuCoresPerWorker, metrics: SERVING_METRICS, observedPoints: observations.length,
    basis: 'CPU cores used = requests/s × serviceTime × cpuCoresPerWorker, per replica' };
  if (missing.length > 0) {
    const message = `no samples of ${missing.join(', ')} over the range`;
    return [refused(serviceFrame, 0, 'no-data', message), refused(cpuFrame, 0, 'no-data', message)];
  }
  const busy = observations.filter((o) => o.requestsPerSecond > 0 && o.meanLatencySeconds > 0);
  if (busy.length === 0) {
    const code = observations.length === 0 ? 'no-data' : 'idle';
    const message = observations.length === 0 ? 'no samples over the range' : `none of ${observations.length} points served requests`;
    return [refused(serviceFrame, 0, code, message), refused(cpuFrame, 0, code, message)];
  }
  // Above this share of busy workers the queue, not the service, sets the latency (saturated).
  const maxUtilization = 0.9;
  const service = fitPoints(serviceFrame, busy, {
    what: 'the mean request latency', bounds: SERVICE_TIME,
    solve: (o) => solveMonotone((s) => meanSojournSeconds(c, o.requestsPerSecond, s), o.meanLatencySeconds, SERVICE_TIME.min, Math.min(SERVICE_TIME.max, (maxUtilization * c) / o.requestsPerSecond)),
    predict: (o, s) => meanSojournSeconds(c, o.requestsPerSecond, s),
    observed: (o) => o.meanLatencySeconds,
  });
  if (service.refusal || service.value === undefined) {
    return [service, refused(cpuFrame, 0, service.refusal?.code ?? 'no-data', `needs the service time, which was not fitted (${service.refusal?.message ?? 'no value'})`)];
  }
  const serviceSeconds = service.value;
  const cpuBounds = { min: assumptionCatalog.cpuCoresPerWorker.min, max: assumptionCatalog.cpuCoresPerWorker.max };
  const cpu = fitPoints(cpuFrame, busy.filter((o) => o.cpuCores > 0), {
    what: 'the CPU cores used', bounds: cpuBounds,
    solve: (o) => solveMonotone((k) => o.requestsPerSecond * serviceSeconds * k, o.cpuCores, cpuBounds.min, cpuBounds.max),
    predict: (o, k) => o.requestsPerSecond * serviceSeconds * k,
    observed: (o) => o.cpuCores,
  });
  return [service, cpu];
}
