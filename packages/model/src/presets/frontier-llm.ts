import type { PlanPreset } from './index.ts';

export const frontierLlm: PlanPreset = {
  name: 'frontier-llm',
  title: 'Frontier LLMs',
  description: 'A mixture-of-experts model (Qwen3 235B-A22B in FP8) and a model larger than one node (Llama 3.1 405B in bf16, tensor parallel within a node, pipeline parallel across two) on EKS.',
  yaml: `# Two 2026-era deployments: an MoE model whose decode reads only the experts a batch routes to,
# and a dense 405B model whose replica spans two 8-GPU nodes (TP 8 x PP 2).
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: frontier-llm, namespace: llm }
spec:
  defaults: { targetUtilization: 0.7, redundancy: n+1, zones: 3 }
  cluster:
    provider: eks
    nodePools:
      - { name: h200, instanceType: p5en.48xlarge }
      - { name: h100, instanceType: p5.48xlarge }
  workloads:
    - name: qwen3-moe
      kind: llm-inference
      model: { preset: qwen3-235b-a22b, precision: fp8 }
      kvCachePrecision: fp8
      traffic: { peakRequestsPerSecond: 8, inputTokens: 2000, outputTokens: 500, maxContextTokens: 32768 }
      slo: { timeToFirstToken: 2.5 s, interTokenLatency: 50 ms }
      accelerator: { gpu: H200-SXM-141GB }
      nodePool: h200
      metrics: { runtime: vllm }
    - name: llama-405b
      kind: llm-inference
      model: { preset: llama-3.1-405b, precision: bf16 }
      traffic: { peakRequestsPerSecond: 1, inputTokens: 1000, outputTokens: 300, maxContextTokens: 16384 }
      slo: { timeToFirstToken: 5 s, interTokenLatency: 100 ms }
      accelerator: { gpu: H100-SXM-80GB }
      nodePool: h100
      metrics: { runtime: vllm }
`,
};
