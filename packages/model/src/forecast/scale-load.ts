/**
 * A workload with its load multiplied: the one figure per kind that is "how much work" (the rest,
 * such as tokens per request, service time or an SLO, stays as planned).
 */
import type { Workload } from '../schema/plan.ts';

export interface ScaledLoad {
  workload: Workload;
  /** The plan field scaled (path inside the workload) and its planned and scaled values. */
  field: string;
  planned: number;
  scaled: number;
}

export function scaleLoad(workload: Workload, multiplier: number): ScaledLoad {
  switch (workload.kind) {
    case 'llm-inference':
    case 'model-serving': {
      const planned = workload.traffic.peakRequestsPerSecond;
      const scaled = planned * multiplier;
      return { workload: { ...workload, traffic: { ...workload.traffic, peakRequestsPerSecond: scaled } } as Workload, field: 'traffic.peakRequestsPerSecond', planned, scaled };
    }
    case 'batch-inference': {
      const planned = workload.items;
      const scaled = planned * multiplier;
      return { workload: { ...workload, items: scaled }, field: 'items', planned, scaled };
    }
    case 'data-pipeline': {
      const planned = workload.input.bytesPerRun;
      const scaled = planned * multiplier;
      return { workload: { ...workload, input: { ...workload.input, bytesPerRun: scaled } }, field: 'input.bytesPerRun', planned, scaled };
    }
    case 'training': {
      const planned = workload.dataset.tokens;
      const scaled = planned * multiplier;
      const dataset = { ...workload.dataset, tokens: scaled, ...(workload.dataset.bytes !== undefined ? { bytes: workload.dataset.bytes * multiplier } : {}) };
      return { workload: { ...workload, dataset }, field: 'dataset.tokens', planned, scaled };
    }
  }
}
