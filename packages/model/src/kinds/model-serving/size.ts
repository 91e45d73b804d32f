/**
 * Latency-bound serving: the exact M/M/c sojourn-time distribution (waiting plus service) picks
 * the smallest worker count whose p95 latency meets the SLO at peak; target utilisation and
 * redundancy then set the replicas. The queue is modelled as one pool of workers behind a
 * least-request balancer, which per-replica queues only approach.
 */
import { GiB, HOURS_PER_MONTH } from '../../units.ts';
import { serversForSojournQuantile, serversForWaitProbability, serviceOnlyProbabilityBeyond, sojournProbabilityBeyond } from '../../sizing/erlang.ts';
import type { Trail } from '../../sizing/explain.ts';
import { explainShare, gpuShare, sharedGpu } from '../gpu-sharing.ts';
import { serviceReplicas } from '../../sizing/replicas.ts';
import type { KindSizing, SizingContext } from '../types.ts';
import type { ModelServingWorkload } from './schema.ts';

const LATENCY_QUANTILE = 0.95;
const SOJOURN_SOURCE = 'M/M/c sojourn time (wait + service), FCFS: P(T > t) = (1 − C)e^(−μt) + C·e^(−μt)(1 + μ(1 − e^(−(cμ−λ−μ)t))/(cμ−λ−μ)); '
  + 'Gross, Shortle, Thompson & Harris, Fundamentals of Queueing Theory (4th ed.), §2.3; C = Erlang C (Kleinrock, Queueing Systems vol. 1, §3.5).';

export function sizeModelServing(w: ModelServingWorkload, ctx: SizingContext, trail: Trail): KindSizing {
  const a = ctx.assumptions;
  const arrivalRate = w.traffic.peakRequestsPerSecond;
  const share = w.device === 'gpu' && w.accelerator && w.gpuSharing ? gpuShare(w.accelerator.gpu, w.gpuSharing) : undefined;
  const serviceTime = share ? shareServiceTime(w, share.computeFraction, trail) : w.serviceTime;
  const serviceRate = 1 / serviceTime;
  const offeredLoadErlangs = trail.step(
    { id: 'offeredLoadErlangs', label: 'Offered load (busy workers at peak)', unit: 'workers', formula: 'peakRequestsPerSecond × serviceTime',
      inputs: { peakRequestsPerSecond: arrivalRate, serviceTime: serviceTime }, source: 'Little\'s law.' },
    arrivalRate * serviceTime,
  );
  let latencyFloorReplicas = 0;
  let workersForSlo = 0;
  const slo = w.slo.latencyP95;
  if (slo !== undefined) {
    const found = serversForSojournQuantile(arrivalRate, serviceRate, slo, LATENCY_QUANTILE);
    if (found === undefined) {
      const serviceP95 = Math.log(1 / (1 - LATENCY_QUANTILE)) * serviceTime;
      trail.infeasibility('SERVING_SLO_INFEASIBLE', `The p95 latency SLO (${(slo * 1000).toFixed(1)} ms) is below the p95 of the service time alone (${(serviceP95 * 1000).toFixed(1)} ms = ln 20 × ${(serviceTime * 1000).toFixed(1)} ms mean, exponential service): no worker count meets it. Sized with enough workers that 95% of requests never wait, the closest queueing can get.`);
    }
    workersForSlo = trail.step(
      found !== undefined
        ? { id: 'workersForSlo', label: 'Workers for the p95 latency SLO', unit: 'workers',
            formula: 'smallest c with P(sojourn > latencyP95) ≤ 0.05 in an M/M/c queue (sojourn = wait + service)',
            inputs: { peakRequestsPerSecond: arrivalRate, serviceTime: serviceTime, latencyP95: slo }, source: SOJOURN_SOURCE }
        : { id: 'workersForSlo', label: 'Workers so that 95% of requests never wait (the SLO is infeasible)', unit: 'workers',
            formula: 'smallest c with ErlangC(c, offeredLoad) ≤ 0.05', inputs: { offeredLoadErlangs }, source: SOJOURN_SOURCE },
      found ?? serversForWaitProbability(offeredLoadErlangs, 1 - LATENCY_QUANTILE),
    );
    trail.step(
      { id: 'sojournBeyondSloProbability', label: 'Probability a request takes longer than the SLO with that many workers', unit: 'ratio',
        formula: 'P(sojourn > latencyP95) for the M/M/c queue; at least e^(−latencyP95 / serviceTime) whatever the workers',
        inputs: { workers: workersForSlo, offeredLoadErlangs, serviceOnlyFloor: serviceOnlyProbabilityBeyond(serviceRate, slo) }, source: SOJOURN_SOURCE },
      sojournProbabilityBeyond(workersForSlo, arrivalRate, serviceRate, slo),
    );
    latencyFloorReplicas = Math.ceil(workersForSlo / w.workersPerReplica);
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
    if (share) {
      explainShare(trail, w.accelerator!.gpu, share);
      if (gpuMemoryNeeded > share.memoryBytes * a.gpuMemoryUtilization) {
        const what = share.mode === 'mig' ? `a MIG ${share.profile} instance of ${w.accelerator!.gpu.id}` : `a 1/${share.instancesPerGpu} time-slice of ${w.accelerator!.gpu.id}`;
        trail.infeasibility('SERVING_MODEL_DOES_NOT_FIT_GPU_SHARE', `${copies} cop${copies === 1 ? 'y' : 'ies'} of the model need ${(gpuMemoryNeeded / GiB).toFixed(1)} GiB, more than the ${(share.memoryBytes * a.gpuMemoryUtilization / GiB).toFixed(1)} GiB ${what} offers at gpuMemoryUtilization ${a.gpuMemoryUtilization}; use a larger profile, fewer time-slicing replicas, modelMemory: shared or fewer workers.`);
      }
    } else if (gpuMemoryNeeded > w.accelerator!.gpu.memoryBytes * a.gpuMemoryUtilization) {
      trail.infeasibility('SERVING_MODEL_DOES_NOT_FIT_GPU', `${copies} cop${copies === 1 ? 'y' : 'ies'} of the model need ${(gpuMemoryNeeded / GiB).toFixed(1)} GiB, more than ${w.accelerator!.gpu.id} offers; use modelMemory: shared, fewer workers or a larger GPU.`);
    }
  }
  const ephemeralStorageBytes = w.model.sizeBytes + GiB;
  const capacityPerReplica = (w.workersPerReplica * serviceRate) * ctx.targetUtilization;
  return {
    replicas,
    perReplica: {
      cpuCores, memoryBytes, gpus: onGpu ? 1 : 0,
      ...(onGpu ? { gpuModel: w.accelerator!.gpu.id, gpuMemoryBytes: share ? sharedGpu(w.accelerator!.gpu, share).memoryBytes : w.accelerator!.gpu.memoryBytes } : {}),
      ...(share ? { gpuShare: share } : {}),
      ephemeralStorageBytes,
    },
    storage: [{ name: 'model-artifact', bytes: w.model.sizeBytes, purpose: 'Model artifact in the registry or object store, pulled by each replica' }],
    details: {
      offeredLoadErlangs, workersForSlo, workersPerReplica: w.workersPerReplica, serviceTimeSeconds: serviceTime,
      peakRequestsPerSecond: arrivalRate, requestsPerSecondPerReplica: capacityPerReplica,
      ...(slo !== undefined ? { latencySloSeconds: slo } : {}),
      ...(onGpu ? { gpuMemoryBytesNeeded: gpuMemoryNeeded } : {}),
    },
    activeHoursPerMonth: HOURS_PER_MONTH,
  };
}

/**
 * Mean service time on a GPU share: the plan's serviceTime is measured on the whole GPU, and a share
 * with a fraction f of the compute serves a request in serviceTime / f (compute-bound inference;
 * time-slicing's 1/N is the same turn-taking). Never faster than on the whole GPU.
 */
function shareServiceTime(w: ModelServingWorkload, computeFraction: number, trail: Trail): number {
  return trail.step(
    { id: 'serviceTimeOnShare', label: 'Mean service time on the GPU share', unit: 's', formula: 'serviceTime (whole GPU) / computeFraction of the share',
      inputs: { serviceTime: w.serviceTime, computeFraction },
      source: 'Inference kernels are bound by the SMs (MIG: compute slices / 7) or by the turns a time-sliced pod gets (1 / replicasPerGpu).' },
    w.serviceTime / computeFraction,
  );
}
