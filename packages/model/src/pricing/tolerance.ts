/**
 * Which workloads may run on spot / preemptible nodes. A node can be taken back at any time
 * (AWS: two minutes' notice; GCP and Azure: 30 seconds), so only work that can resume or re-run
 * may go there: batch inference and data pipelines (an interrupted pod's share re-runs), training
 * that writes checkpoints at a stated interval (it resumes from the last one). A service's base
 * replicas must not vanish with a node: serving (llm-inference, model-serving) is refused on spot
 * pools; Headroom does not split a service into on-demand base and spot burst replicas.
 */
import type { Workload } from '../schema/plan.ts';

export type InterruptionTolerance = { tolerant: true; how: 'rerun' | 'checkpoint' } | { tolerant: false; reason: string };

export function interruptionTolerance(w: Workload): InterruptionTolerance {
  switch (w.kind) {
    case 'batch-inference':
    case 'data-pipeline':
      return { tolerant: true, how: 'rerun' };
    case 'training':
      return w.checkpoints.interval !== undefined
        ? { tolerant: true, how: 'checkpoint' }
        : { tolerant: false, reason: 'a training run without checkpoints.interval loses all its work when a node is taken back' };
    default:
      return { tolerant: false, reason: `a ${w.kind} service must keep its base replicas when a node is taken back (Headroom does not split serving into on-demand base and spot burst replicas)` };
  }
}
