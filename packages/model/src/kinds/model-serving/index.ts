import { defineKind } from '../types.ts';
import { modelServingSchema } from './schema.ts';
import { modelServingSignals } from './signals.ts';
import { sizeModelServing } from './size.ts';

export const modelServing = defineKind({
  kind: 'model-serving',
  title: 'Model serving',
  schema: modelServingSchema,
  size: sizeModelServing,
  signals: modelServingSignals,
});
