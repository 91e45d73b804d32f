import { z } from 'zod';
import { amount, bytes, integer, seconds } from '../../schema/fields.ts';
import { accelerator, modelSchema, workloadBase } from '../common.ts';

export const trainingSchema = z
  .strictObject({
    ...workloadBase,
    kind: z.literal('training'),
    model: modelSchema({ requireArchitecture: false, precisionDefault: 'bf16', precisionFromPreset: false }).meta({
      description: 'The trained model: a preset, or its parameter count (the architecture is then estimated for activation memory).',
    }),
    method: z.enum(['full', 'lora', 'qlora']).default('full').meta({ description: 'full: all weights train; lora: low-rank adapters on frozen 16-bit weights; qlora: adapters on frozen 4-bit weights.' }),
    dataset: z.strictObject({
      tokens: amount('Training tokens per epoch.', { min: 1, max: 1e15 }),
      bytes: bytes('Stored size of the dataset (default: tokens × datasetBytesPerToken).').optional(),
    }).meta({ description: 'The training data.' }),
    epochs: amount('Passes over the dataset.', { max: 1000 }).default(1),
    sequenceLength: integer('Tokens per training sequence.', { min: 1, max: 1e7 }).default(4096),
    microBatchSize: integer('Sequences per GPU per forward pass.', { min: 1, max: 4096 }).default(1),
    globalBatchSize: integer('Sequences per optimizer step across all data-parallel ranks; sets the micro-batches per pipeline (globalBatchSize / (microBatchSize × data-parallel ranks)) and so the pipeline bubble. Default: 4 × pipelineParallel micro-batches per pipeline.', { min: 1, max: 1e8 }).optional(),
    deadline: seconds('Wall-clock time the run must finish in.', { min: 60, max: 365 * 86_400 }),
    accelerator,
    parallelism: z
      .strictObject({
        zeroStage: z.literal([0, 1, 2, 3]).default(0).meta({ description: 'ZeRO / FSDP stage: 0 none, 1 optimizer states, 2 plus gradients, 3 plus weights partitioned across data-parallel ranks.' }),
        activationCheckpointing: z.boolean().default(false).meta({ description: 'Recompute activations in the backward pass instead of storing them.' }),
        tensorParallel: z.literal([1, 2, 4, 8]).default(1).meta({ description: 'Tensor parallel degree: each layer\'s weights split over this many GPUs (within a node).' }),
        pipelineParallel: integer('Pipeline stages: the layers split over this many GPU groups (BLOOM-176B: 12). Model states split over tensorParallel × pipelineParallel GPUs; the rest of the GPUs are data-parallel ranks.', { min: 1, max: 256 }).default(1),
        expertParallel: integer('Mixture of experts: data-parallel ranks the routed experts are spread over (each holds experts / expertParallel of them); must divide the experts.', { min: 1, max: 4096 }).default(1),
      })
      .default({ zeroStage: 0, activationCheckpointing: false, tensorParallel: 1, pipelineParallel: 1, expertParallel: 1 })
      .meta({ description: 'How the run is parallelised and what it keeps in memory.' }),
    checkpoints: z
      .strictObject({
        keep: integer('Checkpoints kept on storage.', { min: 1, max: 1000 }).default(2),
        interval: seconds('Time between checkpoints. Required to run on a spot pool: each interruption loses on average half of it (docs/sizing.md, "Pricing models").', { min: 60, max: 30 * 86_400 }).optional(),
      })
      .default({ keep: 2 })
      .meta({ description: 'Checkpoint retention and interval.' }),
  })
  .superRefine((w, ctx) => {
    const ep = w.parallelism.expertParallel;
    if (ep === 1) return;
    const experts = w.model.experts;
    if (experts === undefined) ctx.addIssue({ code: 'custom', path: ['parallelism', 'expertParallel'], message: 'needs a mixture-of-experts model (model.experts)' });
    else if (experts % ep !== 0) ctx.addIssue({ code: 'custom', path: ['parallelism', 'expertParallel'], message: `must divide the model's ${experts} experts (got ${ep})` });
  })
  .meta({ description: 'A pre-training or fine-tuning run with a deadline.' });

export type TrainingWorkload = z.output<typeof trainingSchema>;
