import { defineKind } from '../types.ts';
import { dataPipelineSchema } from './schema.ts';
import { dataPipelineSignals } from './signals.ts';
import { sizeDataPipeline } from './size.ts';

export const dataPipeline = defineKind({
  kind: 'data-pipeline',
  title: 'Data pipeline',
  runsAs: 'job',
  schema: dataPipelineSchema,
  size: sizeDataPipeline,
  signals: dataPipelineSignals,
  objectives: () => [],
});
