import type { PlanPreset } from './index.ts';

export const smallModelsOnMig: PlanPreset = {
  name: 'small-models-on-mig',
  title: 'Small models on GPU slices',
  description: 'A classifier and a small LLM on MIG instances of A100 80GB GPUs, and an OCR model on time-sliced L4s.',
  yaml: `# Small models share GPUs: each replica gets a MIG instance (a hardware slice with its own SMs and
# memory) or a time-slice (no isolation). Headroom sizes each replica on its share and packs the
# shares onto sliced nodes: an A100 80GB offers 7 × 1g.10gb or 3 × 2g.20gb instances.
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: small-models-on-mig, namespace: ml-prod }
spec:
  defaults: { targetUtilization: 0.7, redundancy: n+1, zones: 2 }
  cluster:
    provider: eks
    nodePools:
      - { name: a100-mig, instanceType: p4de.24xlarge }
      - { name: l4-shared, instanceType: g6.12xlarge }
  workloads:
    - name: intent-classifier
      kind: model-serving
      device: gpu
      accelerator: { gpu: A100-SXM-80GB }
      gpuSharing: { mig: 1g.10gb }     # 7 per GPU; 1/7 of the SMs, 10 GB
      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 3 ms                # measured on a whole A100: 21 ms on a 1g slice
      model: { sizeBytes: 1.2 GiB }
      slo: { latencyP95: 100 ms }
    - name: support-llm
      kind: llm-inference
      model: { preset: phi-3-mini }    # 7.6 GB of bf16 weights: too big for 1g.10gb, fits 2g.20gb
      traffic: { peakRequestsPerSecond: 2, inputTokens: 600, outputTokens: 150, maxContextTokens: 4096 }
      slo: { timeToFirstToken: 1 s, interTokenLatency: 100 ms }
      accelerator: { gpu: A100-SXM-80GB }
      gpuSharing: { mig: 2g.20gb }
      nodePool: a100-mig
    - name: ocr
      kind: model-serving
      device: gpu
      accelerator: { gpu: L4-24GB }
      gpuSharing: { timeSlicing: { replicasPerGpu: 3 } }   # no memory isolation: 8 GB each
      traffic: { peakRequestsPerSecond: 20 }
      serviceTime: 40 ms
      model: { sizeBytes: 2 GiB }
      nodePool: l4-shared
`,
};
