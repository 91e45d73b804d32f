import { z } from 'zod';
import { amount, integer, seconds } from '../../schema/fields.ts';
import { gpuIdOrAuto, modelSchema, workloadBase } from '../common.ts';
import { checkGpuSharing, gpuSharingSchema } from '../gpu-sharing.ts';

export const llmInferenceSchema = z
  .strictObject({
    ...workloadBase,
    kind: z.literal('llm-inference'),
    model: modelSchema({ requireArchitecture: true, precisionDefault: 'bf16', precisionFromPreset: true }).meta({
      description: 'The served model: a preset, its architecture, or both (fields override the preset).',
    }),
    kvCachePrecision: z
      .enum(['fp32', 'fp16', 'bf16', 'fp8'])
      .optional()
      .meta({ description: 'Precision of the KV cache (default: 16-bit, or fp32 for an fp32 model).' }),
    traffic: z.strictObject({
      peakRequestsPerSecond: amount('Peak requests per second across all replicas.', { max: 1e6 }),
      inputTokens: integer('Mean prompt tokens per request.', { min: 1, max: 1e7 }),
      outputTokens: integer('Mean generated tokens per request.', { min: 1, max: 1e7 }),
      maxContextTokens: integer('Longest context (prompt + output) a request may use (default: the model\'s, else input + output).', { min: 1, max: 1e8 }).optional(),
    }).meta({ description: 'Traffic at peak.' }),
    slo: z
      .strictObject({
        timeToFirstToken: seconds('Target time to first token (p95).', { min: 1e-3, max: 3600 }).optional(),
        interTokenLatency: seconds('Target time between output tokens (p95).', { min: 1e-4, max: 60 }).optional(),
      })
      .default({})
      .meta({ description: 'Latency objectives (p95).' }),
    accelerator: z
      .strictObject({
        gpu: gpuIdOrAuto.default('auto'),
        tensorParallel: z
          .literal(['auto', 1, 2, 4, 8])
          .default('auto')
          .meta({ description: 'GPUs per pipeline stage (tensor parallel degree), or auto: the cheapest power of two that fits weights and a useful KV cache.' }),
        pipelineParallel: z
          .union([z.literal('auto'), z.int().min(1).max(64)])
          .default('auto')
          .meta({ description: 'Pipeline stages per replica (usually one per node), or auto: 1, or the fewest stages that fit when the largest tensor parallel degree does not.' }),
      })
      .default({ gpu: 'auto', tensorParallel: 'auto', pipelineParallel: 'auto' })
      .meta({ description: 'GPU model and GPUs per replica.' }),
    gpuSharing: gpuSharingSchema.optional(),
    metrics: z
      .strictObject({
        runtime: z.enum(['vllm', 'triton', 'headroom', 'none']).default('vllm').meta({ description: 'Which serving metrics exist in production.' }),
      })
      .default({ runtime: 'vllm' })
      .meta({ description: 'Which production metrics verify this workload.' }),
  })
  .superRefine((w, ctx) => {
    if (!w.gpuSharing) return;
    const { gpu, tensorParallel, pipelineParallel } = w.accelerator;
    if (gpu === 'auto') {
      ctx.addIssue({ code: 'custom', path: ['accelerator', 'gpu'], message: 'must name a GPU (not auto) when gpuSharing is set: the share is a part of that GPU' });
      return;
    }
    if (tensorParallel !== 'auto' && tensorParallel !== 1) ctx.addIssue({ code: 'custom', path: ['accelerator', 'tensorParallel'], message: 'must be 1 (or auto) with gpuSharing: a replica on a GPU share runs on that one share' });
    if (pipelineParallel !== 'auto' && pipelineParallel !== 1) ctx.addIssue({ code: 'custom', path: ['accelerator', 'pipelineParallel'], message: 'must be 1 (or auto) with gpuSharing: a replica on a GPU share runs on that one share' });
    checkGpuSharing(gpu, w.gpuSharing, ctx, ['gpuSharing']);
  })
  .meta({ description: 'An LLM served with continuous batching (vLLM, TGI, TensorRT-LLM, Triton).' });

export type LlmInferenceWorkload = z.output<typeof llmInferenceSchema>;
