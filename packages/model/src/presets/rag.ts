import type { PlanPreset } from './index.ts';

export const rag: PlanPreset = {
  name: 'rag',
  title: 'RAG with embeddings',
  description: 'Retrieval-augmented generation: a GPU embedding service, an 8B generator with long prompts, and a nightly re-embedding job.',
  yaml: `# Retrieval-augmented generation on EKS: query embeddings, generation, nightly corpus re-embedding.
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: rag, namespace: search }
spec:
  defaults: { targetUtilization: 0.65, redundancy: n+1, zones: 3 }
  cluster:
    provider: eks
    nodePools:
      - { name: general, instanceType: m5.2xlarge }
      - { name: l4, instanceType: g6.xlarge }
      - { name: a10g, instanceType: g5.xlarge }
  workloads:
    - name: query-embedder
      kind: model-serving
      device: gpu
      accelerator: { gpu: L4-24GB }
      traffic: { peakRequestsPerSecond: 300 }
      serviceTime: 8 ms
      workersPerReplica: 4
      modelMemory: shared
      model: { sizeBytes: 1.3 GiB }
      slo: { latencyP95: 50 ms }
    - name: generator
      kind: llm-inference
      model: { preset: llama-3.1-8b, precision: fp8 }
      traffic: { peakRequestsPerSecond: 6, inputTokens: 3500, outputTokens: 300, maxContextTokens: 8192 }
      slo: { timeToFirstToken: 2.5 s, interTokenLatency: 75 ms }
      accelerator: { gpu: L4-24GB }
    - name: corpus-reembed
      kind: batch-inference
      items: 2e7
      window: 4 h
      perItem: { gpuTime: 3 ms }
      accelerator: { gpu: A10G-24GB }
      inputBytesPerItem: 2 KiB
      outputBytesPerItem: 3 KiB
`,
};
