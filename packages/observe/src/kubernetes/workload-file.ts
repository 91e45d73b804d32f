/** One file per workload: its resources snippet, plus an autoscaler and a PodDisruptionBudget for services. */
import type { GeneratedFile, KitConfig } from '../config.ts';
import { autoscaler } from './autoscaler.ts';
import { disruptionBudget } from './disruption-budget.ts';
import { fileHeader } from './header.ts';
import type { WorkloadInput } from './workload-input.ts';
import { workloadPatch } from './workload-patch.ts';
import { manifestsText } from './yaml-text.ts';

export const workloadPath = (workload: string) => `kubernetes/workloads/${workload}.yaml`;

export function workloadFile(input: WorkloadInput, config: KitConfig): GeneratedFile {
  const service = input.shape === 'service';
  const scaler = input.sizing.perReplica.gpus > 0 ? 'KEDA ScaledObject' : 'HorizontalPodAutoscaler';
  const target = input.target.podsPerReplica > 1 ? 'the LeaderWorkerSet\'s templates' : 'a patch for the Deployment';
  const about = service
    ? `Resources and placement (${target}), then the ${scaler} and the\nPodDisruptionBudget to apply as they are.`
    : 'Resources and placement for the job\'s pods (a patch).';
  return {
    path: workloadPath(input.workload.name),
    contents: manifestsText(fileHeader(input.plan, about), [
      workloadPatch(input),
      ...(service ? [autoscaler(input, config), disruptionBudget(input)] : []),
    ]),
  };
}
