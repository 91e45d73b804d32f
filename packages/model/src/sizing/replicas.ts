/** Replica bounds for services: load at target utilisation, then redundancy, then the burst ceiling. */
import type { Redundancy } from '../kinds/types.ts';
import type { Trail } from './explain.ts';
import type { ReplicaBounds } from './types.ts';

export interface ServiceReplicaInput {
  /** Replicas' worth of work at peak if each ran at 100% (load / capacity per replica). */
  loadInReplicas: number;
  targetUtilization: number;
  redundancy: Redundancy;
  zones: number;
  burstFactor: number;
  /** Replicas a latency objective needs regardless of utilisation (e.g. from Erlang C). */
  latencyFloorReplicas?: number;
  minReplicas?: number;
  maxReplicas?: number;
}

export function serviceReplicas(trail: Trail, input: ServiceReplicaInput): ReplicaBounds {
  const { loadInReplicas, targetUtilization, redundancy, zones, burstFactor } = input;
  const latencyFloorReplicas = input.latencyFloorReplicas ?? 0;
  const atTarget = trail.step(
    { id: 'replicasForLoad', label: 'Replicas for peak load at target utilisation', unit: 'replicas',
      formula: 'max(ceil(loadInReplicas / targetUtilization), latencyFloorReplicas, 1)', inputs: { loadInReplicas, targetUtilization, latencyFloorReplicas } },
    Math.max(1, Math.ceil(roundOff(loadInReplicas / targetUtilization)), latencyFloorReplicas),
  );
  const withRedundancy = trail.step(
    {
      id: 'replicasWithRedundancy', label: `Replicas with redundancy (${redundancy})`, unit: 'replicas',
      formula: {
        none: 'replicasForLoad',
        'n+1': 'replicasForLoad + 1',
        zone: 'ceil(replicasForLoad × zones / (zones − 1)): losing one zone leaves enough',
      }[redundancy],
      inputs: { replicasForLoad: atTarget, zones },
      source: 'N+1 and zone-failure sparing as in the Google SRE book, "Managing Load" (capacity planning with N+2 / zone loss).',
    },
    redundancy === 'none' ? atTarget : redundancy === 'n+1' || zones < 2 ? atTarget + 1 : Math.ceil(roundOff((atTarget * zones) / (zones - 1))),
  );
  const availabilityFloor = redundancy === 'none' ? 1 : redundancy === 'n+1' ? 2 : Math.max(2, zones);
  const min = trail.step(
    { id: 'replicasMin', label: 'Minimum replicas (availability)', unit: 'replicas',
      formula: 'max(availability floor for the redundancy: none 1, n+1 2, zone one per zone; minReplicas)',
      inputs: { availabilityFloor, minReplicas: input.minReplicas ?? 0 } },
    Math.max(availabilityFloor, input.minReplicas ?? 0),
  );
  const peak = trail.step(
    { id: 'replicasPeak', label: 'Replicas at peak', unit: 'replicas', formula: 'max(replicasWithRedundancy, replicasMin)',
      inputs: { replicasWithRedundancy: withRedundancy, replicasMin: min } },
    Math.max(withRedundancy, min),
  );
  let max = Math.max(peak, Math.ceil(roundOff(peak * burstFactor)));
  if (input.maxReplicas !== undefined) {
    if (input.maxReplicas < peak) {
      trail.warn('MAX_REPLICAS_BELOW_PEAK', `maxReplicas ${input.maxReplicas} is below the ${peak} replicas needed at peak; the ceiling is raised to ${peak}.`);
    }
    max = Math.max(peak, input.maxReplicas);
  }
  trail.step(
    { id: 'replicasMax', label: 'Autoscaler ceiling', unit: 'replicas',
      formula: input.maxReplicas === undefined ? 'ceil(replicasPeak × burstFactor)' : 'max(replicasPeak, maxReplicas)',
      inputs: input.maxReplicas === undefined ? { replicasPeak: peak, burstFactor } : { replicasPeak: peak, maxReplicas: input.maxReplicas } },
    max,
  );
  return { min, peak, max };
}

/** Fixed-size jobs (training, batch): every bound is the size the job runs at. */
export function jobReplicas(trail: Trail, replicas: number, why: string): ReplicaBounds {
  trail.step({ id: 'replicasPeak', label: 'Replicas (job workers)', unit: 'replicas', formula: why, inputs: { replicas } }, replicas);
  return { min: replicas, peak: replicas, max: replicas };
}

/** Drops floating-point noise before ceil (3 × 0.7 / 0.7 must stay 3, not become 4). */
export function roundOff(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
