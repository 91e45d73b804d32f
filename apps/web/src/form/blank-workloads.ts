/**
 * "Add workload" → a blank workload of each kind: the fewest fields the kind's schema requires,
 * with modest values to overwrite, valid and sizable as added (blank-workloads.test.ts adds each to
 * every bundled preset and sizes it). LLM serving leaves the GPU to the search (`gpu: auto`);
 * training needs one named, and H100-SXM-80GB is the GPU every provider of the catalog offers
 * (EKS p5, GKE a3, AKS ND H100 v5).
 */
export interface BlankWorkload {
  kind: string;
  /** A YAML mapping at column 0, as plan-document's addWorkload takes it. */
  yaml: string;
}

export const blankWorkloads: readonly BlankWorkload[] = [
  {
    kind: 'llm-inference',
    yaml: `name: llm
kind: llm-inference
model: { preset: llama-3.1-8b }
traffic: { peakRequestsPerSecond: 1, inputTokens: 1000, outputTokens: 250 }
accelerator: { gpu: auto }
`,
  },
  {
    kind: 'model-serving',
    yaml: `name: model
kind: model-serving
traffic: { peakRequestsPerSecond: 10 }
serviceTime: 25 ms
model: { sizeBytes: 1 GiB }
`,
  },
  {
    kind: 'training',
    yaml: `name: training
kind: training
model: { preset: llama-3.1-8b }
method: lora
dataset: { tokens: 1e8 }
epochs: 1
deadline: 24 h
accelerator: { gpu: H100-SXM-80GB }
`,
  },
  {
    kind: 'batch-inference',
    yaml: `name: batch
kind: batch-inference
items: 1e6
window: 6 h
perItem: { cpuTime: 10 ms }
`,
  },
  {
    kind: 'data-pipeline',
    yaml: `name: pipeline
kind: data-pipeline
input: { bytesPerRun: 10 GB, runsPerDay: 1 }
window: 1 h
throughputPerCore: 40 MB/s
retention: 7 d
`,
  },
];
