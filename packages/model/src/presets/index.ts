/**
 * Bundled example plans, shared by the CLI (`headroom presets`, `init`), the web app's gallery and
 * the tests. Kept as YAML text so `init` writes them with their comments.
 */
import { batchScoring } from './batch-scoring.ts';
import { chatAssistant } from './chat-assistant.ts';
import { featurePipeline } from './feature-pipeline.ts';
import { fineTuning } from './fine-tuning.ts';
import { frontierLlm } from './frontier-llm.ts';
import { llmChat } from './llm-chat.ts';
import { rag } from './rag.ts';
import { smallModelsOnMig } from './small-models-on-mig.ts';
import { spotBatch } from './spot-batch.ts';

export interface PlanPreset {
  name: string;
  title: string;
  description: string;
  yaml: string;
}

export const planPresets: readonly PlanPreset[] = [chatAssistant, llmChat, frontierLlm, rag, fineTuning, batchScoring, spotBatch, featurePipeline, smallModelsOnMig];

export function findPlanPreset(name: string): PlanPreset | undefined {
  return planPresets.find((p) => p.name === name);
}
