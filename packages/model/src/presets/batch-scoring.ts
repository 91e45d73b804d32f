import type { PlanPreset } from './index.ts';

export const batchScoring: PlanPreset = {
  name: 'batch-scoring',
  title: 'Nightly batch scoring',
  description: 'Nightly scoring of every customer on CPUs and image tagging on GPUs, each within its window.',
  yaml: `# Nightly batch jobs on GKE: CPU scoring and GPU image tagging.
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: batch-scoring, namespace: batch }
spec:
  defaults: { targetUtilization: 0.8, redundancy: none, zones: 1 }
  cluster: { provider: gke }
  workloads:
    - name: churn-scores
      kind: batch-inference
      items: 4e7
      window: 3 h
      perItem: { cpuTime: 6 ms }
      inputBytesPerItem: 1 KiB
      outputBytesPerItem: 64 B
    - name: image-tags
      kind: batch-inference
      items: 8e6
      window: 5 h
      perItem: { gpuTime: 15 ms }
      accelerator: { gpu: L4-24GB }
      outputBytesPerItem: 512 B
`,
};
