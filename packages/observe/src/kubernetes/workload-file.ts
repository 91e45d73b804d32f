/** One file per workload: its resources snippet, plus an HPA and a PodDisruptionBudget for services. */
import type { GeneratedFile } from '../config.ts';
import { autoscaler } from './autoscaler.ts';
import { disruptionBudget } from './disruption-budget.ts';
import { fileHeader } from './header.ts';
import type { WorkloadInput } from './workload-input.ts';
import { workloadPatch } from './workload-patch.ts';
import { manifestsText } from './yaml-text.ts';

export const workloadPath = (workload: string) => `kubernetes/workloads/${workload}.yaml`;

export function workloadFile(input: WorkloadInput): GeneratedFile {
  const service = input.shape === 'service';
  const about = service
    ? 'Resources and placement (a patch for the Deployment), then the HorizontalPodAutoscaler and the\nPodDisruptionBudget to apply as they are.'
    : 'Resources and placement for the job\'s pods (a patch).';
  return {
    path: workloadPath(input.workload.name),
    contents: manifestsText(fileHeader(input.plan, about), [
      workloadPatch(input),
      ...(service ? [autoscaler(input), disruptionBudget(input)] : []),
    ]),
  };
}
