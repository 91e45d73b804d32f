/**
 * The resources snippet: a strategic-merge patch shaped like the workload's Deployment (services) or
 * Job (jobs). Merged into the real object it sets the named container's resources and the pod's
 * placement and labels, leaving everything else alone (containers merge by name).
 */
import { objectMeta } from './labels.ts';
import { shareResourceComment } from './gpu-sharing.ts';
import { containerResources, placementComments, podPlacement, resourcesComment } from './pod-resources.ts';
import { bytesQuantity, cpuQuantity } from './quantities.ts';
import type { WorkloadInput } from './workload-input.ts';
import type { Manifest, YamlPath } from './yaml-text.ts';

/** One line on what was sized, for the comments. */
export function sizingSummary(input: WorkloadInput): string {
  const { replicas, perReplica } = input.sizing;
  const count = replicas.min === replicas.max ? `${replicas.peak} replicas` : `${replicas.min} to ${replicas.max} replicas (${replicas.peak} at peak)`;
  const share = perReplica.gpuShare;
  const gpus = perReplica.gpus <= 0 ? ''
    : share ? `, ${share.mode === 'mig' ? `a MIG ${share.profile} instance` : `a 1/${share.instancesPerGpu} time-slice`} of ${perReplica.gpuModel ?? 'GPU'}`
    : `, ${perReplica.gpus} × ${perReplica.gpuModel ?? 'GPU'}`;
  return `${input.workload.name} (${input.sizing.kind}): ${count}, each cpu ${cpuQuantity(perReplica.cpuCores)}, memory ${bytesQuantity(perReplica.memoryBytes)}${gpus}.`;
}

function usage(input: WorkloadInput): string {
  const { name } = input.workload;
  const { namespace } = input.target;
  const peak = input.sizing.replicas.peak;
  switch (input.shape) {
    case 'service':
      return `Strategic-merge patch for the Deployment ${name} in ${namespace}: use it as a kustomize patch, or save this
document alone and run kubectl patch deployment ${name} -n ${namespace} --type strategic --patch-file <file>.`;
    case 'job':
      return `Strategic-merge patch for the pod template of the Job ${name} in ${namespace} (for a CronJob, the same
under spec.jobTemplate). A Job's template cannot change once created: patch the manifest (kustomize).
The plan runs ${peak} pods at once: set the Job's parallelism to ${peak}. Operators that create the pods
(Spark, Ray, Argo) take the same resources and placement in their own pod templates.`;
    case 'gang-job':
      return `For the pod template of the training job ${name} in ${namespace}: shaped as a Job, but copy spec.template
into whatever runs the training (a PyTorchJob's Worker replica spec, a JobSet, an indexed Job with
completionMode: Indexed, completions and parallelism ${peak}).
Gang scheduling: all ${peak} pods must run at once. A partial set holds its GPUs while it waits for the
rest, and two partial jobs can deadlock the pool. Admit the pods together with a gang scheduler:
Kueue, Volcano (minAvailable: ${peak}) or the coscheduling plugin (PodGroup minMember: ${peak}).`;
  }
}

export function workloadPatch(input: WorkloadInput): Manifest {
  const { perReplica } = input.sizing;
  const service = input.shape === 'service';
  const placement = podPlacement(perReplica, input.pool);
  const comments = placementComments(perReplica, input.pool);
  const podSpec: YamlPath = ['spec', 'template', 'spec'];
  return {
    object: {
      apiVersion: service ? 'apps/v1' : 'batch/v1',
      kind: service ? 'Deployment' : 'Job',
      metadata: objectMeta(input.workload.name, input.target.namespace, input.labels),
      spec: {
        template: {
          metadata: { labels: input.labels },
          spec: {
            ...placement,
            containers: [{ name: input.target.container, resources: containerResources(perReplica) }],
          },
        },
      },
    },
    comment: `${sizingSummary(input)}\n${usage(input)}`,
    keyComments: [
      ...(service ? [{ path: ['spec', 'template', 'metadata', 'labels'], comment: 'The PodDisruptionBudget selects the pods by app.kubernetes.io/name. If the Deployment\'s selector\nalready uses that label with another value, drop it here and use that value in the budget.' }] : []),
      ...(comments.nodeSelector ? [{ path: [...podSpec, 'nodeSelector'], comment: comments.nodeSelector }] : []),
      ...(comments.tolerations ? [{ path: [...podSpec, 'tolerations'], comment: comments.tolerations }] : []),
      { path: [...podSpec, 'containers', 0, 'resources'], comment: perReplica.gpuShare ? `${resourcesComment}\n${shareResourceComment(perReplica.gpuShare)}` : resourcesComment },
    ],
  };
}
