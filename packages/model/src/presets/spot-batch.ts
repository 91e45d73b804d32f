import type { PlanPreset } from './index.ts';

export const spotBatch: PlanPreset = {
  name: 'spot-batch',
  title: 'Batch and fine-tuning on spot',
  description: 'GPU image tagging and a checkpointed LoRA fine-tune on spot L4 nodes, a ranking service on a 1-year commitment; each workload\'s showback.',
  yaml: `# Spot where interruptions only cost time, a commitment where a service runs all month (EKS).
# Spot prices are dated snapshots; interruptions follow spec.assumptions.spotInterruptionRatePerMonth.
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: spot-batch, namespace: ml-batch }
spec:
  defaults: { targetUtilization: 0.7, redundancy: n+1, zones: 3 }
  cluster:
    provider: eks
    nodePools:
      - { name: l4-spot, instanceType: g6.12xlarge, pricing: spot }
      - { name: cpu-1y, instanceType: m5.xlarge, pricing: commit-1y }
  workloads:
    - name: ranker
      kind: model-serving
      device: cpu
      traffic: { peakRequestsPerSecond: 120 }
      serviceTime: 15 ms
      workersPerReplica: 2
      model: { sizeBytes: 800 MiB }
      slo: { latencyP95: 100 ms }
      nodePool: cpu-1y
    - name: image-tags
      kind: batch-inference
      items: 8e6
      window: 5 h
      perItem: { gpuTime: 15 ms }
      accelerator: { gpu: L4-24GB }
      outputBytesPerItem: 512 B
      nodePool: l4-spot
    - name: adapter-tune
      kind: training
      model: { preset: llama-3.1-8b }
      method: qlora
      dataset: { tokens: 3e8 }
      deadline: 48 h
      accelerator: { gpu: L4-24GB }
      parallelism: { activationCheckpointing: true }
      checkpoints: { keep: 2, interval: 1 h }
      nodePool: l4-spot
`,
};
