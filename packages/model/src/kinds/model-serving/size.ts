/**
 * Latency-bound serving: Erlang C (M/M/c) picks the smallest worker count whose p95 latency meets
 * the SLO at peak; target utilisation and redundancy then set the replicas. The queue is modelled
 * as one pool of workers behind a least-request balancer, which per-replica queues only approach.
 */
import { GiB, HOURS_PER_MONTH } from '../../units.ts';
import { serversForWaitQuantile, waitProbabilityBeyond } from '../../sizing/erlang.ts';
import type { Trail } from '../../sizing/explain.ts';
import { serviceReplicas } from '../../sizing/replicas.ts';
import type { KindSizing, SizingContext } from '../types.ts';
import type { ModelServingWorkload } from './schema.ts';

const LATENCY_QUANTILE = 0.95;
const ERLANG_SOURCE = 'Erlang C (M/M/c): P(wait > t) = C(c, a) × exp(−(cμ − λ)t); Kleinrock, Queueing Systems vol. 1, §3.5.';

export function sizeModelServing(w: ModelServingWorkload, ctx: SizingContext, trail: Trail): KindSizing {
  const a = ctx.assumptions;
  const arrivalRate = w.traffic.peakRequestsPerSecond;
  const serviceRate = 1 / w.serviceTime;
  const offeredLoadErlangs = trail.step(
    { id: 'offeredLoadErlangs', label: 'Offered load (busy workers at peak)', unit: 'workers', formula: 'peakRequestsPerSecond × serviceTime',
      inputs: { peakRequestsPerSecond: arrivalRate, serviceTime: w.serviceTime }, source: 'Little\'s law.' },
    arrivalRate * w.serviceTime,
  );
  let latencyFloorReplicas = 0;
  let workersForSlo = 0;
  const slo = w.slo.latencyP95;
  if (slo !== undefined) {
    const maxWaitSeconds = slo - w.serviceTime;
    if (maxWaitSeconds <= 0) {
      trail.warn('SERVING_SLO_BELOW_SERVICE_TIME', `The p95 latency SLO (${slo * 1000} ms) is not above the mean service time (${w.serviceTime * 1000} ms): no worker count meets it; sized for utilisation only.`);
    } else {
      const found = serversForWaitQuantile(arrivalRate, serviceRate, maxWaitSeconds, LATENCY_QUANTILE);
      workersForSlo = trail.step(
        { id: 'workersForSlo', label: 'Workers for the p95 latency SLO', unit: 'workers',
          formula: 'smallest c with C(c, a) × exp(−(c/serviceTime − λ) × (latencyP95 − serviceTime)) ≤ 0.05',
          inputs: { peakRequestsPerSecond: arrivalRate, serviceTime: w.serviceTime, latencyP95: slo }, source: ERLANG_SOURCE },
        found ?? Math.ceil(offeredLoadErlangs / ctx.targetUtilization),
      );
      trail.step(
        { id: 'waitBeyondSloProbability', label: 'Probability a request waits past the SLO with that many workers', unit: 'ratio',
          formula: 'C(c, a) × exp(−(cμ − λ) × (latencyP95 − serviceTime))', inputs: { workers: workersForSlo, offeredLoadErlangs }, source: ERLANG_SOURCE },
        waitProbabilityBeyond(workersForSlo, arrivalRate, serviceRate, maxWaitSeconds),
      );
      latencyFloorReplicas = Math.ceil(workersForSlo / w.workersPerReplica);
    }
  }
  const replicas = serviceReplicas(trail, {
    loadInReplicas: offeredLoadErlangs / w.workersPerReplica,
    latencyFloorReplicas,
    targetUtilization: ctx.targetUtilization, redundancy: ctx.redundancy, zones: ctx.zones, burstFactor: a.burstFactor,
    ...(w.minReplicas !== undefined ? { minReplicas: w.minReplicas } : {}),
    ...(w.maxReplicas !== undefined ? { maxReplicas: w.maxReplicas } : {}),
  });

  const modelResidentBytes = w.model.sizeBytes * a.modelMemoryOverhead;
  const copies = w.modelMemory === 'per-worker' ? w.workersPerReplica : 1;
  const cpuCores = trail.step(
    { id: 'cpuCoresPerReplica', label: 'CPU per replica', unit: 'cores', formula: 'workersPerReplica × cpuCoresPerWorker',
      inputs: { workersPerReplica: w.workersPerReplica, cpuCoresPerWorker: a.cpuCoresPerWorker } },
    w.workersPerReplica * a.cpuCoresPerWorker,
  );
  const onGpu = w.device === 'gpu' && w.accelerator !== undefined;
  const memoryBytes = trail.step(
    { id: 'memoryBytesPerReplica', label: 'Memory per replica', unit: 'bytes',
      formula: onGpu
        ? 'servingBaseMemory + modelSize × modelMemoryOverhead (host staging; the model lives in GPU memory)'
        : `servingBaseMemory + modelSize × modelMemoryOverhead × ${w.modelMemory === 'per-worker' ? 'workersPerReplica' : '1 (shared)'}`,
      inputs: { servingBaseMemoryBytes: a.servingBaseMemoryBytes, modelSizeBytes: w.model.sizeBytes, modelMemoryOverhead: a.modelMemoryOverhead, copies: onGpu ? 1 : copies } },
    a.servingBaseMemoryBytes + modelResidentBytes * (onGpu ? 1 : copies),
  );
  let gpuMemoryNeeded = 0;
  if (onGpu) {
    gpuMemoryNeeded = trail.step(
      { id: 'gpuMemoryBytesNeeded', label: 'GPU memory the model needs', unit: 'bytes', formula: 'modelSize × modelMemoryOverhead × copies',
        inputs: { modelSizeBytes: w.model.sizeBytes, modelMemoryOverhead: a.modelMemoryOverhead, copies } },
      modelResidentBytes * copies,
    );
    if (gpuMemoryNeeded > w.accelerator!.gpu.memoryBytes * a.gpuMemoryUtilization) {
      trail.warn('SERVING_MODEL_DOES_NOT_FIT_GPU', `${copies} cop${copies === 1 ? 'y' : 'ies'} of the model need ${(gpuMemoryNeeded / GiB).toFixed(1)} GiB, more than ${w.accelerator!.gpu.id} offers; use modelMemory: shared, fewer workers or a larger GPU.`);
    }
  }
  const ephemeralStorageBytes = w.model.sizeBytes + GiB;
  const capacityPerReplica = (w.workersPerReplica * serviceRate) * ctx.targetUtilization;
  return {
    replicas,
    perReplica: {
      cpuCores, memoryBytes, gpus: onGpu ? 1 : 0,
      ...(onGpu ? { gpuModel: w.accelerator!.gpu.id, gpuMemoryBytes: w.accelerator!.gpu.memoryBytes } : {}),
      ephemeralStorageBytes,
    },
    storage: [{ name: 'model-artifact', bytes: w.model.sizeBytes, purpose: 'Model artifact in the registry or object store, pulled by each replica' }],
    details: {
      offeredLoadErlangs, workersForSlo, workersPerReplica: w.workersPerReplica, serviceTimeSeconds: w.serviceTime,
      peakRequestsPerSecond: arrivalRate, requestsPerSecondPerReplica: capacityPerReplica,
      ...(slo !== undefined ? { latencySloSeconds: slo } : {}),
      ...(onGpu ? { gpuMemoryBytesNeeded: gpuMemoryNeeded } : {}),
    },
    activeHoursPerMonth: HOURS_PER_MONTH,
  };
}
