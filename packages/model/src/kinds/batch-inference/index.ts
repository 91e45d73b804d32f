import { defineKind } from '../types.ts';
import { batchInferenceSchema } from './schema.ts';
import { batchInferenceSignals } from './signals.ts';
import { sizeBatchInference } from './size.ts';

export const batchInference = defineKind({
  kind: 'batch-inference',
  title: 'Batch inference',
  runsAs: 'job',
  schema: batchInferenceSchema,
  size: sizeBatchInference,
  signals: batchInferenceSignals,
  objectives: () => [],
});
