import { z } from 'zod';
import { amount, bytes, bytesPerSecond, seconds } from '../../schema/fields.ts';
import { workloadBase } from '../common.ts';

export const dataPipelineSchema = z
  .strictObject({
    ...workloadBase,
    kind: z.literal('data-pipeline'),
    input: z.strictObject({
      bytesPerRun: bytes('Data read per run.', { max: 1e18 }),
      runsPerDay: amount('Runs per day (hourly: 24).', { max: 86_400 }),
    }).meta({ description: 'Data read per run and how often runs start.' }),
    window: seconds('Time one run must finish in.', { min: 1, max: 30 * 86_400 }),
    throughputPerCore: bytesPerSecond('Data one core processes per second (measure it on a sample).', { min: 1000, max: 1e11 }),
    retention: seconds('How long outputs are kept.', { min: 1, max: 100 * 365 * 86_400 }),
    outputRatio: amount('Output bytes per input byte before compression.', { max: 100, allowZero: true }).default(1),
    compressionRatio: amount('Stored size divides by this (Parquet with zstd: often 3-5).', { min: 1, max: 100 }).default(1),
    replication: amount('Copies stored (object stores: 1, their durability is built in; HDFS: 3).', { min: 1, max: 10 }).default(1),
  })
  .superRefine((w, ctx) => {
    if (w.input.runsPerDay * w.window > 86_400) {
      ctx.addIssue({ code: 'custom', path: ['window'], message: `runs overlap: ${w.input.runsPerDay} runs per day of ${w.window} s each exceed a day` });
    }
  })
  .meta({ description: 'A recurring ETL or feature pipeline (Spark, Beam, Ray Data) that must finish each run within a window.' });

export type DataPipelineWorkload = z.output<typeof dataPipelineSchema>;
