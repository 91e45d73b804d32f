import { z } from 'zod';
import { amount, bytes, integer, seconds } from '../../schema/fields.ts';
import { accelerator, workloadBase } from '../common.ts';
import { checkGpuSharing, gpuSharingSchema } from '../gpu-sharing.ts';

export const modelServingSchema = z
  .strictObject({
    ...workloadBase,
    kind: z.literal('model-serving'),
    device: z.enum(['cpu', 'gpu']).default('cpu').meta({ description: 'Where inference runs.' }),
    traffic: z.strictObject({
      peakRequestsPerSecond: amount('Peak requests per second across all replicas.', { max: 1e7 }),
    }).meta({ description: 'Traffic at peak.' }),
    serviceTime: seconds('Mean time one request holds one worker.', { min: 1e-6, max: 3600 }),
    workersPerReplica: integer('Workers (processes or threads) per replica, each serving one request at a time.', { min: 1, max: 1024 }).default(1),
    model: z.strictObject({ sizeBytes: bytes('Size of the model artifact.', { max: 1e13 }) }).meta({ description: 'The served model.' }),
    modelMemory: z
      .enum(['per-worker', 'shared'])
      .default('per-worker')
      .meta({ description: 'per-worker: each worker process loads its own copy (pre-fork servers); shared: one copy per replica (threads).' }),
    slo: z
      .strictObject({ latencyP95: seconds('Target p95 latency (queueing plus service).', { min: 1e-6, max: 3600 }).optional() })
      .default({})
      .meta({ description: 'Latency objective.' }),
    accelerator: accelerator.optional(),
    gpuSharing: gpuSharingSchema.optional(),
    metrics: z
      .strictObject({ runtime: z.enum(['triton', 'headroom', 'none']).default('headroom').meta({ description: 'Which serving metrics exist in production.' }) })
      .default({ runtime: 'headroom' })
      .meta({ description: 'Which production metrics verify this workload.' }),
  })
  .superRefine((w, ctx) => {
    if (w.device === 'gpu' && !w.accelerator) ctx.addIssue({ code: 'custom', path: ['accelerator'], message: 'is required when device is gpu' });
    if (w.device === 'cpu' && w.accelerator) ctx.addIssue({ code: 'custom', path: ['accelerator'], message: 'is only for device: gpu' });
    if (w.gpuSharing && w.device !== 'gpu') ctx.addIssue({ code: 'custom', path: ['gpuSharing'], message: 'is only for device: gpu (a share of the accelerator\'s GPU)' });
    if (w.accelerator) checkGpuSharing(w.accelerator.gpu, w.gpuSharing, ctx, ['gpuSharing']);
  })
  .meta({ description: 'A classic model behind an HTTP/gRPC server (ranking, classification, embeddings) with a fixed pool of workers.' });

export type ModelServingWorkload = z.output<typeof modelServingSchema>;
