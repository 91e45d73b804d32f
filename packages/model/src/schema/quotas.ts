/**
 * GPU quotas of the plan's cloud account: how many GPUs of a model (or in all) the provider lets
 * the cluster run. GCP grants GPU quota per model and region (NVIDIA_H100_GPUS,
 * https://cloud.google.com/compute/resource-usage#gpu_quota); AWS and Azure grant vCPUs per
 * instance family, which the plan states here as the GPUs those vCPUs carry (p5.48xlarge: 192
 * vCPUs per 8 GPUs).
 */
import { z } from 'zod';
import { findGpu, gpuNames } from '../catalog/gpus.ts';
import { unknownNameMessage } from '../catalog/names.ts';
import { integer } from './fields.ts';

const gpuCount = (description: string) => integer(description, { max: 10_000_000, allowZero: true });

export const quotasSchema = z
  .strictObject({
    gpus: z
      .record(z.string(), gpuCount('GPUs of this model the provider allows.'))
      .transform((byModel, ctx) => {
        const canonical: Record<string, number> = {};
        for (const [id, limit] of Object.entries(byModel)) {
          const gpu = findGpu(id);
          if (!gpu) {
            ctx.addIssue({ code: 'custom', path: [id], message: unknownNameMessage('GPU', id, gpuNames) });
            continue;
          }
          if (canonical[gpu.id] !== undefined) ctx.addIssue({ code: 'custom', path: [id], message: `names ${gpu.id} a second time` });
          canonical[gpu.id] = limit;
        }
        return canonical;
      })
      .optional()
      .meta({ description: 'GPU quota per GPU model, by catalog id (e.g. { H100-SXM-80GB: 64 }).' }),
    totalGpus: gpuCount('GPUs of any model the provider allows in all.').optional(),
  })
  .meta({ description: 'GPU quotas of the cloud account: the GPUs on the plan\'s nodes must stay within them, or the plan is not complete; `headroom forecast` names the month each is passed.' });

export type Quotas = z.output<typeof quotasSchema>;
