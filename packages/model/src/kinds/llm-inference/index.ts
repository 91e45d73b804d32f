import { defineKind } from '../types.ts';
import { llmInferenceSchema } from './schema.ts';
import { llmInferenceObjectives, llmInferenceSignals } from './signals.ts';
import { sizeLlmInference } from './size.ts';

export const llmInference = defineKind({
  kind: 'llm-inference',
  title: 'LLM serving',
  runsAs: 'service',
  schema: llmInferenceSchema,
  size: sizeLlmInference,
  signals: llmInferenceSignals,
  objectives: llmInferenceObjectives,
});
