/** Schema pieces every workload kind shares. */
import { z } from 'zod';
import { ambiguousGpuName, findGpu, gpuNames, gpus } from '../catalog/gpus.ts';
import { findModelPreset, modelPresetNames, modelPresets } from '../catalog/model-presets.ts';
import { unknownNameMessage } from '../catalog/names.ts';
import type { GpuSpec, ModelArchitecture, TransformerShape } from '../catalog/types.ts';
import { calibrationBlock } from '../schema/calibration.ts';
import { amount, assumptionOverrides, dnsLabel, integer, ratio, regex } from '../schema/fields.ts';
import { workloadGrowthSchema } from '../schema/growth.ts';

export const redundancy = z
  .enum(['none', 'n+1', 'zone'])
  .meta({ description: 'none: no spare; n+1: one spare replica; zone: survive the loss of one zone.' });

/** Fields every workload accepts, whatever its kind. */
export const workloadBase = {
  name: dnsLabel('Workload name, unique in the plan; also the default pod prefix and container name.'),
  targetUtilization: ratio('Fraction of capacity to run at, at peak. Overrides spec.defaults.targetUtilization.', 0.05, 1).optional(),
  redundancy: redundancy.optional(),
  minReplicas: integer('Replicas to keep at least, whatever the traffic.', { max: 10_000, allowZero: true }).optional(),
  maxReplicas: integer('Ceiling for the autoscaler.', { min: 1, max: 100_000 }).optional(),
  nodePool: z.string().min(1).optional().meta({ description: 'Name of the spec.cluster.nodePools entry to run on (default: the first that fits).' }),
  match: z
    .strictObject({
      namespace: dnsLabel('Namespace of the pods (default: the plan namespace).').optional(),
      pod: regex('Regular expression (RE2, as Prometheus reads it) matching the pod names; overrides finding the pods by their owner (default: the Deployment, StatefulSet, Job or CronJob named like the workload, through kube-state-metrics owner series).').optional(),
      // Kubernetes container names are DNS-1123 labels; the name lands in Deployments and PromQL.
      container: dnsLabel('Container name, a DNS-1123 label: narrows container-level series such as cAdvisor\'s (default: every container of the pods but the pause container).').optional(),
    })
    .optional()
    .meta({ description: 'How generated PromQL finds this workload\'s pods.' }),
  assumptions: assumptionOverrides.optional(),
  calibration: calibrationBlock.optional(),
  growth: workloadGrowthSchema.optional(),
};

const knownGpus = () => gpus.map((g) => g.id).join(', ');

/** Why `id` names no single catalog GPU: ambiguous (the GPUs it could be) or unknown (the nearest ids). */
function gpuNameProblem(id: string, extra = ''): string | undefined {
  if (findGpu(id)) return undefined;
  const could = ambiguousGpuName(id);
  if (could) return `GPU ${JSON.stringify(id)} could be ${could.slice(0, -1).join(', ')} or ${could.at(-1)}: name one (they differ in memory or bandwidth)`;
  return unknownNameMessage('GPU', id, gpuNames, extra);
}

export const gpuId = z
  .string()
  .superRefine((id, ctx) => {
    const problem = gpuNameProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((id) => findGpu(id) as GpuSpec)
  .meta({ description: `GPU model, one of the catalog ids (${knownGpus()}), matched whatever the case and by short names that fit one GPU, such as H100-SXM or A100-40GB (the Sizing reports the id).` });

/** A GPU id, or `auto` to let Headroom choose. */
export const gpuIdOrAuto = z
  .string()
  .superRefine((id, ctx) => {
    const problem = id === 'auto' ? undefined : gpuNameProblem(id, ' (or auto)');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((id): GpuSpec | 'auto' => (id === 'auto' ? 'auto' : (findGpu(id) as GpuSpec)))
  .meta({ description: `GPU model (${knownGpus()}; short names that fit one GPU, such as H100-SXM or A100-40GB, match too), or auto for the cheapest that meets the plan.` });

export const accelerator = z
  .strictObject({ gpu: gpuId })
  .meta({ description: 'The GPU model the workload runs on.' });

export const precision = z.enum(['fp32', 'fp16', 'bf16', 'fp8', 'int8', 'int4', 'fp4']);
export type Precision = z.infer<typeof precision>;

/**
 * Bytes per quantized weight, scales included. int4 carries one fp16 scale per group of 128
 * weights (GPTQ/AWQ default group size): 2/128 bytes. fp4 is NVFP4: 4-bit E2M1 values plus one FP8
 * (E4M3) scale per 16 (NVIDIA, "Introducing NVFP4", 2025): 1/16 byte; MXFP4 (OCP Microscaling
 * spec v1.0: one E8M0 scale per 32) is 3% smaller, so fp4 sizes conservatively for both. fp8 and
 * int8 carry per-tensor or per-channel scales, negligible per weight.
 */
export const bytesPerParameter: Record<Precision, number> = { fp32: 4, fp16: 2, bf16: 2, fp8: 1, int8: 1, int4: 0.5 + 2 / 128, fp4: 0.5 + 1 / 16 };

const architectureFields = {
  preset: z
    .string()
    .superRefine((id, ctx) => {
      if (!findModelPreset(id)) ctx.addIssue({ code: 'custom', message: unknownNameMessage('model preset', id, modelPresetNames) });
    })
    .optional()
    .meta({ description: `A published model whose architecture fills the fields not given: a preset id (${modelPresets.map((m) => m.id).join(', ')}) or its Hugging Face id (meta-llama/Llama-3.1-8B-Instruct), whatever the case.` }),
  config: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Path to the model\'s Hugging Face config.json, relative to the plan file (CLI only): its architecture and precision fill the fields not given here; fields beside it override. Not with preset.' }),
  parameters: amount('Total parameters.', { min: 1e5, max: 1e13 }).optional(),
  activeParameters: amount('Parameters used per token (mixture-of-experts models); default: parameters.', { min: 1e5, max: 1e13 }).optional(),
  layers: integer('Transformer layers (num_hidden_layers).', { min: 1, max: 1000 }).optional(),
  hiddenSize: integer('Hidden size (hidden_size).', { min: 16, max: 1e6 }).optional(),
  attentionHeads: integer('Attention heads (num_attention_heads).', { min: 1, max: 4096 }).optional(),
  kvHeads: integer('Key/value heads (num_key_value_heads; fewer than attentionHeads with grouped-query attention).', { min: 1, max: 4096 }).optional(),
  headDim: integer('Dimension per head (default hiddenSize / attentionHeads).', { min: 1, max: 4096 }).optional(),
  maxContextTokens: integer('Context length the model supports.', { min: 1, max: 1e8 }).optional(),
  experts: integer('Mixture of experts: routed experts per layer (num_local_experts / n_routed_experts).', { min: 2, max: 4096 }).optional(),
  expertsPerToken: integer('Mixture of experts: experts each token is routed to (num_experts_per_tok).', { min: 1, max: 4096 }).optional(),
  slidingWindow: integer('Sliding-window attention: tokens a windowed layer attends to (sliding_window).', { min: 1, max: 1e8 }).optional(),
  slidingWindowLayers: integer('Layers that use the sliding window (default: all, when slidingWindow is given).', { min: 0, max: 1000, allowZero: true }).optional(),
  kvLoraRank: integer('Multi-head latent attention: rank of the compressed KV (kv_lora_rank).', { min: 1, max: 65536 }).optional(),
  qkRopeHeadDim: integer('Multi-head latent attention: decoupled RoPE key dimension cached beside the latent (qk_rope_head_dim).', { min: 1, max: 4096 }).optional(),
  vocabSize: integer('Vocabulary size (vocab_size): sizes the embedding table and LM head kept in 16 bits in quantized checkpoints.', { min: 1, max: 1e7 }).optional(),
  tieWordEmbeddings: z.boolean().optional().meta({ description: 'The LM head shares the embedding table (tie_word_embeddings).' }),
};

/** A plan's model with its preset, config and fields resolved; `slidingWindowLayers` is set whenever `slidingWindow` is. */
export interface ResolvedModel extends TransformerShape {
  preset?: string;
  tieWordEmbeddings: boolean;
  /** True when the architecture was estimated from the parameter count. */
  estimatedArchitecture: boolean;
}

const OPTIONAL_ARCHITECTURE = ['maxContextTokens', 'experts', 'expertsPerToken', 'slidingWindow', 'kvLoraRank', 'qkRopeHeadDim', 'vocabSize'] as const;

/**
 * A dense decoder has about 12 × layers × hiddenSize² parameters (Kaplan et al. 2020, table 1),
 * and published models keep hiddenSize / layers near 128 (Llama 2 7B: 4096/32). Used only when a
 * plan gives a parameter count without the architecture.
 */
function estimateArchitecture(parameters: number): Pick<ResolvedModel, 'layers' | 'hiddenSize' | 'attentionHeads' | 'kvHeads' | 'headDim'> {
  const hiddenSize = Math.max(1, Math.round(Math.cbrt((parameters * 128) / 12) / 128)) * 128;
  const layers = Math.max(1, Math.round(parameters / (12 * hiddenSize * hiddenSize)));
  const attentionHeads = hiddenSize / 128;
  return { layers, hiddenSize, attentionHeads, kvHeads: attentionHeads, headDim: 128 };
}

/** Names the preset a model came from by its canonical id and config.json, for an explain step's source. */
export function presetNote(preset: string | undefined): string {
  const found = preset === undefined ? undefined : findModelPreset(preset);
  return found ? `Model preset ${found.id} (${found.source}). ` : '';
}

/**
 * The precision a preset's checkpoint is served in when the plan names none: as published, except
 * fp32 checkpoints, which vLLM's `--dtype auto` serves in 16 bits ("auto will use FP16 precision
 * for FP32 and FP16 models, and BF16 precision for BF16 models": vLLM engine arguments).
 */
const servedPrecision = (published: Precision): Precision => (published === 'fp32' ? 'bf16' : published);

/**
 * A model given by preset, by fields, or both (fields override the preset). Precision: the plan's,
 * else (with `precisionFromPreset`, for serving) the preset's published one, else the default.
 */
export function modelSchema(options: { requireArchitecture: boolean; precisionDefault: Precision; precisionFromPreset: boolean }) {
  return z
    .strictObject({
      ...architectureFields,
      precision: precision.optional().meta({
        description: options.precisionFromPreset
          ? `Precision of the weights (default: the preset's published precision, fp32 served as bf16; ${options.precisionDefault} without a preset).`
          : `Precision of the weights (default: ${options.precisionDefault}).`,
      }),
    })
    .transform((given, ctx) => {
      const preset: Partial<ModelArchitecture> = (given.preset && findModelPreset(given.preset)) || {};
      const merged = { ...preset, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as Partial<ModelArchitecture> & { precision: Precision };
      merged.precision = given.precision ?? (options.precisionFromPreset && preset.precision ? servedPrecision(preset.precision) : options.precisionDefault);
      if (merged.parameters === undefined) {
        ctx.addIssue({ code: 'custom', path: ['parameters'], message: 'is required unless `preset` names a published model' });
        return z.NEVER;
      }
      const complete = merged.layers !== undefined && merged.hiddenSize !== undefined && merged.attentionHeads !== undefined;
      if (!complete && options.requireArchitecture) {
        for (const field of ['layers', 'hiddenSize', 'attentionHeads'] as const) {
          if (merged[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required unless `preset` names a published model' });
        }
        return z.NEVER;
      }
      const architecture = complete
        ? {
            layers: merged.layers!,
            hiddenSize: merged.hiddenSize!,
            attentionHeads: merged.attentionHeads!,
            kvHeads: merged.kvHeads ?? merged.attentionHeads!,
            headDim: merged.headDim ?? merged.hiddenSize! / merged.attentionHeads!,
          }
        : estimateArchitecture(merged.parameters);
      const resolved: ResolvedModel & { precision: Precision } = {
        ...(given.preset ? { preset: findModelPreset(given.preset)!.id } : {}),
        parameters: merged.parameters,
        activeParameters: merged.activeParameters ?? merged.parameters,
        ...architecture,
        ...Object.fromEntries(OPTIONAL_ARCHITECTURE.filter((k) => merged[k] !== undefined).map((k) => [k, merged[k]])),
        ...(merged.slidingWindow !== undefined ? { slidingWindowLayers: merged.slidingWindowLayers ?? architecture.layers } : {}),
        tieWordEmbeddings: merged.tieWordEmbeddings ?? false,
        estimatedArchitecture: !complete,
        precision: merged.precision,
      };
      checkArchitecture(resolved, ctx);
      if (resolved.kvHeads > resolved.attentionHeads) {
        ctx.addIssue({ code: 'custom', path: ['kvHeads'], message: `must not exceed attentionHeads (${resolved.attentionHeads})` });
      }
      if (resolved.activeParameters > resolved.parameters) {
        ctx.addIssue({ code: 'custom', path: ['activeParameters'], message: `must not exceed parameters (${resolved.parameters})` });
      }
      return resolved;
    });
}

/** Cross-field rules of the architecture fields, each naming the field at fault. */
function checkArchitecture(m: ResolvedModel, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if ((m.experts === undefined) !== (m.expertsPerToken === undefined)) {
    issue(m.experts === undefined ? 'experts' : 'expertsPerToken', 'experts and expertsPerToken go together (a mixture-of-experts model needs both)');
  }
  if (m.experts !== undefined && m.expertsPerToken !== undefined) {
    if (m.expertsPerToken >= m.experts) issue('expertsPerToken', `must be fewer than experts (${m.experts})`);
    else if (m.activeParameters >= m.parameters) issue('activeParameters', 'must be below parameters for a mixture-of-experts model (the parameters one token uses)');
  }
  if (m.slidingWindowLayers !== undefined && m.slidingWindowLayers > m.layers) issue('slidingWindowLayers', `must not exceed layers (${m.layers})`);
  if ((m.kvLoraRank === undefined) !== (m.qkRopeHeadDim === undefined)) {
    issue(m.kvLoraRank === undefined ? 'kvLoraRank' : 'qkRopeHeadDim', 'kvLoraRank and qkRopeHeadDim go together (multi-head latent attention caches both)');
  }
}
