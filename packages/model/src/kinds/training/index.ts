import { defineKind } from '../types.ts';
import { trainingSchema } from './schema.ts';
import { trainingSignals } from './signals.ts';
import { sizeTraining } from './size.ts';

export const training = defineKind({
  kind: 'training',
  title: 'Training and fine-tuning',
  runsAs: 'gang-job',
  schema: trainingSchema,
  size: sizeTraining,
  signals: trainingSignals,
  objectives: () => [],
});
