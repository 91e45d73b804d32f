import type { PlanPreset } from './index.ts';

export const llmChat: PlanPreset = {
  name: 'llm-chat',
  title: 'LLM chat',
  description: 'Llama 3.1 70B behind a chat front end on GKE, with time-to-first-token and inter-token SLOs and zone redundancy; traffic grows 15 % a month against a capped H100 pool.',
  yaml: `# A 70B chat model served with vLLM; Headroom picks the tensor parallel degree.
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: llm-chat, namespace: chat }
spec:
  defaults: { targetUtilization: 0.7, redundancy: zone, zones: 3 }
  # headroom forecast: traffic grows 15 % a month from December 2026; the H100 pool is capped at
  # 6 nodes (the autoscaler's max) and the project has 64 H100s of quota.
  growth: { monthly: 0.15, months: 12, start: 2026-12 }
  cluster:
    provider: gke
    nodePools:
      - { name: system, instanceType: n2-standard-8 }
      - { name: h100, instanceType: a3-highgpu-8g, maxNodes: 6 }
    quotas: { gpus: { H100-SXM-80GB: 64 } }
  monitoring: { scrapeInterval: 15 s, retention: 30 d }
  workloads:
    - name: chat-70b
      kind: llm-inference
      model: { preset: llama-3.1-70b, precision: bf16 }
      traffic: { peakRequestsPerSecond: 12, inputTokens: 1500, outputTokens: 400, maxContextTokens: 16384 }
      slo: { timeToFirstToken: 2.5 s, interTokenLatency: 75 ms }
      accelerator: { gpu: H100-SXM-80GB, tensorParallel: auto }
      metrics: { runtime: vllm }
    - name: chat-gateway
      kind: model-serving
      device: cpu
      traffic: { peakRequestsPerSecond: 12 }
      serviceTime: 20 ms
      workersPerReplica: 2
      model: { sizeBytes: 50 MiB }
      slo: { latencyP95: 100 ms }
`,
};
