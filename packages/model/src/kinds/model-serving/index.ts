import { defineKind } from '../types.ts';
import { modelServingSchema } from './schema.ts';
import { modelServingObjectives, modelServingSignals } from './signals.ts';
import { sizeModelServing } from './size.ts';

export const modelServing = defineKind({
  kind: 'model-serving',
  title: 'Model serving',
  runsAs: 'service',
  schema: modelServingSchema,
  size: sizeModelServing,
  signals: modelServingSignals,
  objectives: modelServingObjectives,
});
