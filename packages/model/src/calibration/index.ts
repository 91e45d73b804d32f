/**
 * Calibration from production (issue 18): a workload's observed figures in, the plan's efficiency
 * assumptions out, each with its error and points or a named refusal. Pure: the CLI queries
 * Prometheus and writes the plan; this only fits and re-plans.
 */
import { findGpu } from '../catalog/gpus.ts';
import type { DataPipelineWorkload } from '../kinds/data-pipeline/schema.ts';
import type { LlmInferenceWorkload } from '../kinds/llm-inference/schema.ts';
import type { ModelServingWorkload } from '../kinds/model-serving/schema.ts';
import type { Plan } from '../schema/plan.ts';
import { sizePlan, workloadAssumptions } from '../sizing/size-plan.ts';
import type { Sizing, WorkloadSizing } from '../sizing/types.ts';
import type { CalibrationFit } from './fit.ts';
import { fitLlm, type LlmObservation } from './llm.ts';
import { fitPipeline, type PipelineObservation } from './pipeline.ts';
import { fitServing, type ServingObservation } from './serving.ts';

export { MAX_RELATIVE_ERROR, MIN_POINTS, type CalibratedName, type CalibrationFit, type RefusalCode } from './fit.ts';
export { fitLlm, LLM_METRICS, llmTimings, splitObservation, type LlmLayout, type LlmObservation } from './llm.ts';
export { fitPipeline, PIPELINE_METRICS, type PipelineObservation } from './pipeline.ts';
export { fitServing, meanSojournSeconds, SERVING_METRICS, type ServingObservation } from './serving.ts';

/** What was observed for one workload; `missing` names metrics that returned no samples at all. */
export type Observations =
  | { kind: 'llm-inference'; points: readonly LlmObservation[]; missing: readonly string[] }
  | { kind: 'model-serving'; points: readonly ServingObservation[]; missing: readonly string[] }
  | { kind: 'data-pipeline'; points: readonly PipelineObservation[]; missing: readonly string[] };

/** Kinds calibration can fit. */
export const calibratedKinds = ['llm-inference', 'model-serving', 'data-pipeline'] as const;

export function calibrateWorkload(plan: Plan, sizing: Sizing, name: string, observed: Observations): CalibrationFit[] {
  const w = plan.spec.workloads.find((x) => x.name === name);
  const sized = sizing.workloads.find((x) => x.name === name);
  if (!w || !sized) throw new Error(`internal: no workload "${name}" in the plan`);
  if (w.kind !== observed.kind) throw new Error(`internal: workload "${name}" is ${w.kind}, observations are for ${observed.kind}`);
  const a = workloadAssumptions(plan, w);
  switch (observed.kind) {
    case 'llm-inference': {
      const gpu = findGpu(sized.perReplica.gpuModel ?? '');
      if (!gpu) throw new Error(`internal: workload "${name}" was sized without a GPU model`);
      return fitLlm(w as LlmInferenceWorkload, {
        gpu, tensorParallel: sized.details.tensorParallel!, pipelineParallel: sized.details.pipelineParallel ?? 1, nodesPerReplica: sized.details.nodesPerReplica ?? 1,
      }, a, observed.points, observed.missing);
    }
    case 'model-serving': return fitServing(w as ModelServingWorkload, a, observed.points, observed.missing);
    case 'data-pipeline': return fitPipeline(w as DataPipelineWorkload, observed.points, observed.missing);
  }
}

/** Fits that set a plan value: fitted, and not refused. */
export const acceptedFits = (fits: readonly CalibrationFit[]) => fits.filter((f): f is CalibrationFit & { value: number } => f.refusal === undefined && f.value !== undefined);

/** The plan with each workload's accepted fits in place (assumption overrides or the kind's field), for re-sizing. */
export function applyCalibration(plan: Plan, fits: ReadonlyMap<string, readonly CalibrationFit[]>): Plan {
  return {
    ...plan,
    spec: {
      ...plan.spec,
      workloads: plan.spec.workloads.map((w) => {
        const accepted = acceptedFits(fits.get(w.name) ?? []);
        if (accepted.length === 0) return w;
        let next: typeof w = { ...w, assumptions: { ...w.assumptions } };
        for (const fit of accepted) {
          next = fit.field[0] === 'assumptions'
            ? { ...next, assumptions: { ...next.assumptions, [fit.field[1]!]: fit.value } }
            : { ...next, [fit.field[0]!]: fit.value } as typeof w;
        }
        return next;
      }),
    },
  };
}

/** What a workload's sizing says, before and after calibration: the figures the fits move. */
export interface SizingFigures {
  replicasPeak: number;
  gpus: number;
  cpuCores: number;
  /** LLM: requests/s and generated tokens/s one replica serves; pipelines: cores needed. */
  requestsPerSecondPerReplica?: number;
  decodeTokensPerSecondPerReplica?: number;
  coresNeeded?: number;
}

export interface CalibrationImpact {
  /** The plan sized with the accepted fits. */
  sizing: Sizing;
  workloads: { workload: string; before: SizingFigures; after: SizingFigures }[];
  totals: { before: { gpus: number; costPerMonthUsd: number }; after: { gpus: number; costPerMonthUsd: number } };
}

function figures(w: WorkloadSizing): SizingFigures {
  const d = w.details;
  return {
    replicasPeak: w.replicas.peak, gpus: w.total.gpus, cpuCores: w.total.cpuCores,
    ...(d.requestsPerSecondPerReplica !== undefined ? { requestsPerSecondPerReplica: d.requestsPerSecondPerReplica } : {}),
    ...(d.decodeTokensPerSecondPerReplica !== undefined ? { decodeTokensPerSecondPerReplica: d.decodeTokensPerSecondPerReplica } : {}),
    ...(d.coresNeeded !== undefined ? { coresNeeded: d.coresNeeded } : {}),
  };
}

/** The plan re-sized with the accepted fits, and per calibrated workload its figures before and after. */
export function calibrationImpact(plan: Plan, before: Sizing, fits: ReadonlyMap<string, readonly CalibrationFit[]>): CalibrationImpact {
  const after = sizePlan(applyCalibration(plan, fits));
  return {
    sizing: after,
    workloads: [...fits.keys()].map((name) => ({
      workload: name,
      before: figures(before.workloads.find((w) => w.name === name)!),
      after: figures(after.workloads.find((w) => w.name === name)!),
    })),
    totals: {
      before: { gpus: before.cluster.totals.gpus, costPerMonthUsd: before.cluster.costPerMonthUsd },
      after: { gpus: after.cluster.totals.gpus, costPerMonthUsd: after.cluster.costPerMonthUsd },
    },
  };
}
