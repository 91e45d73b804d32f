import type { PlanPreset } from './index.ts';

export const fineTuning: PlanPreset = {
  name: 'fine-tuning',
  title: 'Fine-tuning',
  description: 'A QLoRA fine-tune of Llama 3.1 70B and a full fine-tune of Mistral 7B with ZeRO-3, each against a deadline.',
  yaml: `# Two fine-tuning runs on AKS with deadlines.
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: fine-tuning, namespace: training }
spec:
  defaults: { targetUtilization: 0.8, redundancy: none, zones: 1 }
  cluster:
    provider: aks
    nodePools:
      - { name: a100, instanceType: Standard_ND96amsr_A100_v4 }
  workloads:
    - name: support-70b-qlora
      kind: training
      model: { preset: llama-3.1-70b }
      method: qlora
      dataset: { tokens: 3e8 }
      epochs: 3
      sequenceLength: 4096
      deadline: 48 h
      accelerator: { gpu: A100-SXM-80GB }
      parallelism: { zeroStage: 3, activationCheckpointing: true }
    - name: mistral-full
      kind: training
      model: { preset: mistral-7b }
      method: full
      dataset: { tokens: 5e9 }
      epochs: 1
      deadline: 3 d
      accelerator: { gpu: A100-SXM-80GB }
      parallelism: { zeroStage: 3, activationCheckpointing: true }
      checkpoints: { keep: 3 }
`,
};
