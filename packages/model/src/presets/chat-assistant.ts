import type { PlanPreset } from './index.ts';

export const chatAssistant: PlanPreset = {
  name: 'chat-assistant',
  title: 'Chat assistant platform',
  description: 'The DESIGN.md example: an 8B chat LLM, a CPU ranker, a full fine-tune, nightly embeddings and a feature pipeline on EKS.',
  yaml: `# Headroom example plan: one workload of each kind on EKS.
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: chat-assistant, namespace: ml-prod }
spec:
  defaults: { targetUtilization: 0.7, redundancy: n+1, zones: 3 }
  cluster:
    provider: eks
    nodePools:
      - { name: general, instanceType: m5.2xlarge }
      - { name: gpu, instanceType: p5.48xlarge }
  compliance: { frameworks: [pci-dss], auditEventsPerSecond: 200, auditEventBytes: 1 KiB }
  monitoring: { scrapeInterval: 30 s, retention: 15 d }
  workloads:
    - name: chat-llm
      kind: llm-inference
      model: { parameters: 8e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, precision: bf16 }
      traffic: { peakRequestsPerSecond: 20, inputTokens: 1000, outputTokens: 250, maxContextTokens: 8192 }
      slo: { timeToFirstToken: 1 s, interTokenLatency: 50 ms }
      accelerator: { gpu: H100-SXM-80GB }
      metrics: { runtime: vllm }
    - name: ranker
      kind: model-serving
      device: cpu
      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 25 ms          # mean time one request holds one worker
      workersPerReplica: 4
      model: { sizeBytes: 1.5 GiB }
      slo: { latencyP95: 150 ms }
    - name: finetune
      kind: training
      model: { parameters: 7e9, precision: bf16 }
      method: full
      dataset: { tokens: 2e9 }
      epochs: 2
      deadline: 24 h
      accelerator: { gpu: A100-SXM-80GB }
      parallelism: { zeroStage: 3, activationCheckpointing: true }
      checkpoints: { keep: 3 }
    - name: embed-nightly
      kind: batch-inference
      items: 5e7
      window: 6 h
      perItem: { gpuTime: 4 ms }
      accelerator: { gpu: L4-24GB }
      outputBytesPerItem: 3 KiB
    - name: features
      kind: data-pipeline
      input: { bytesPerRun: 500 GB, runsPerDay: 24 }
      window: 45 min
      throughputPerCore: 40 MB/s
      retention: 30 d
`,
};
