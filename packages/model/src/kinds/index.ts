/** The workload kinds. Adding a kind is adding its folder and one line here; no generator changes. */
import { batchInference } from './batch-inference/index.ts';
import { dataPipeline } from './data-pipeline/index.ts';
import { llmInference } from './llm-inference/index.ts';
import { modelServing } from './model-serving/index.ts';
import { training } from './training/index.ts';

export const kinds = [llmInference, modelServing, training, batchInference, dataPipeline] as const;
export type WorkloadKind = (typeof kinds)[number]['kind'];
export { batchInference, dataPipeline, llmInference, modelServing, training };
