import { z } from 'zod';
import { amount, bytes, seconds } from '../../schema/fields.ts';
import { accelerator, workloadBase } from '../common.ts';

export const batchInferenceSchema = z
  .strictObject({
    ...workloadBase,
    kind: z.literal('batch-inference'),
    items: amount('Items to process per run.', { min: 1, max: 1e15 }),
    window: seconds('Time one run must finish in.', { min: 1, max: 365 * 86_400 }),
    runsPerMonth: amount('Runs per month (nightly: 30).', { max: 100_000 }).default(30),
    perItem: z
      .strictObject({
        gpuTime: seconds('GPU time one item takes (measured at the batch size you run).', { min: 1e-6, max: 86_400 }).optional(),
        cpuTime: seconds('CPU core time one item takes.', { min: 1e-6, max: 86_400 }).optional(),
      })
      .superRefine((p, ctx) => {
        if ((p.gpuTime === undefined) === (p.cpuTime === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of gpuTime or cpuTime' });
      })
      .meta({ description: 'Work per item: GPU time or CPU core time.' }),
    accelerator: accelerator.optional(),
    inputBytesPerItem: bytes('Stored input per item.', { max: 1e12, allowZero: true }).default(0),
    outputBytesPerItem: bytes('Stored output per item.', { max: 1e12, allowZero: true }).default(0),
  })
  .superRefine((w, ctx) => {
    // With both or neither per-item time, perItem's own error says it all.
    if ((w.perItem.gpuTime === undefined) === (w.perItem.cpuTime === undefined)) return;
    if (w.perItem.gpuTime !== undefined && !w.accelerator) ctx.addIssue({ code: 'custom', path: ['accelerator'], message: 'is required with perItem.gpuTime' });
    if (w.perItem.cpuTime !== undefined && w.accelerator) ctx.addIssue({ code: 'custom', path: ['accelerator'], message: 'is only for perItem.gpuTime' });
  })
  .meta({ description: 'An offline scoring or embedding job over a fixed set of items within a time window.' });

export type BatchInferenceWorkload = z.output<typeof batchInferenceSchema>;
