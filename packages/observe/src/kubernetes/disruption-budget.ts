/**
 * A PodDisruptionBudget (policy/v1) for a service: voluntary disruptions (node drains, upgrades)
 * keep running all but one of the replicas the plan keeps for availability. With one replica or none, the budget allows
 * one pod down, as a budget that allows none would block every node drain.
 */
import { objectMeta } from './labels.ts';
import type { Manifest } from './yaml-text.ts';
import type { WorkloadInput } from './workload-input.ts';

export function disruptionBudget(input: WorkloadInput): Manifest {
  const { name } = input.workload;
  const min = input.sizing.replicas.min;
  const pods = input.target.podsPerReplica;
  // A budget counts pods: a replica spanning several nodes is a group of `pods` pods, and losing any
  // one of them takes its whole group down, so one replica's worth of pods may go.
  const budget = min >= 2 ? { minAvailable: Math.max(1, min - 1) * pods } : { maxUnavailable: pods };
  return {
    object: {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: objectMeta(name, input.target.namespace, input.labels),
      spec: { ...budget, selector: { matchLabels: { 'app.kubernetes.io/name': name } } },
    },
    comment: pods > 1
      ? (min >= 2
        ? `Drains keep at least ${(min - 1) * pods} pods running: the groups of ${pods} pods of one fewer than the ${min} replicas kept for availability.`
        : `With ${min} replica${min === 1 ? '' : 's'} kept, a budget that kept one running would block every node drain; one group of ${pods} pods may go.`)
      : min >= 2
        ? `Drains keep at least ${min - 1} pod${min - 1 === 1 ? '' : 's'} running: one fewer than the ${min} replicas kept for availability.`
        : `With ${min} replica${min === 1 ? '' : 's'} kept, a budget that kept one running would block every node drain; one may go.`,
  };
}
