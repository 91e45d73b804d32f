/**
 * The figures each kind's users look for, read from the model's named details: LLM configuration,
 * throughput, KV capacity and predicted latencies against the SLO; training wall-clock, GPU-hours
 * and the cost of a run; batch and pipeline run time against the window; model serving workers
 * and p95. Display only.
 */
import type { Candidate, Sizing, WorkloadSizing } from '@headroom/model';
import { formatNumber, formatSeconds, formatUsd } from '../format.ts';
import { runCost } from './verdicts.ts';

/** "1 GPU", "2 GPUs": a count with its noun, singular or plural as the count asks. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}

/** What sets an LLM configuration's replica count or rules it out, in words. */
export function limitLabel(limitedBy: string): string {
  return LIMIT_LABELS[limitedBy] ?? limitedBy;
}

const LIMIT_LABELS: Record<string, string> = {
  kvCache: 'KV cache',
  interTokenLatency: 'ITL SLO',
  maxNumSeqs: 'max_num_seqs',
  NO_INSTANCE_TYPE: 'no instance type',
  LLM_MODEL_DOES_NOT_FIT: 'model does not fit',
  LLM_CONTEXT_DOES_NOT_FIT: 'context does not fit',
  LLM_TTFT_SLO_INFEASIBLE: 'TTFT SLO',
  LLM_ITL_SLO_INFEASIBLE: 'ITL SLO',
  LLM_LAYOUT_UNSUPPORTED: 'layout unsupported',
  LLM_NO_GPU_FITS: 'no priced GPU',
};

/** True when `c` is the configuration the workload was sized with. */
export function isChosenCandidate(w: WorkloadSizing, c: Candidate): boolean {
  return c.gpu === w.perReplica.gpuModel && c.tensorParallel === w.details.tensorParallel && c.pipelineParallel === w.details.pipelineParallel;
}

/** One figure on a workload's card: a label, the value in human units and, when it has one, its target. */
export interface Figure {
  label: string;
  value: string;
  /** "≤ 1 s SLO", "of a 24 h deadline". */
  target?: string;
  /** Whether the value meets its target; undefined when it has none. */
  meets?: boolean;
  /** The id of the workload's explain step that computed the value, when one did. */
  step?: string;
}

/** `id` when the workload's explanation has that step. */
function stepIn(w: WorkloadSizing, id: string): { step?: string } {
  return w.explain.some((s) => s.id === id) ? { step: id } : {};
}

/** The figures a kind's users look for, from the model's named details, then the workload's showback. */
export function workloadFigures(sizing: Sizing, w: WorkloadSizing): Figure[] {
  return [...kindFigures(sizing, w), showbackFigure(w)];
}

/** The workload's share of the cluster cost (the model's showback: its pools' node cost, idle capacity included). */
export function showbackFigure(w: WorkloadSizing): Figure {
  const { costPerMonthUsd, share } = w.showback;
  return { label: 'Showback', value: costPerMonthUsd === null ? 'unknown: no price for its nodes' : `${formatUsd(costPerMonthUsd)}/month (${Math.round(share * 100)}% of the cluster)` };
}

function kindFigures(sizing: Sizing, w: WorkloadSizing): Figure[] {
  switch (w.kind) {
    case 'llm-inference':
      return llmFigures(w);
    case 'training':
      return trainingFigures(sizing, w);
    case 'batch-inference':
      return windowFigures(sizing, w, w.details.wallClockSeconds, 'wallClockSeconds');
    case 'data-pipeline':
      return windowFigures(sizing, w, w.details.runSeconds, 'runSeconds');
    case 'model-serving':
      return servingFigures(w);
    default:
      return [];
  }
}

function versus(w: WorkloadSizing, step: string, value: number | undefined, target: number | undefined, label: string, targetWord: string): Figure[] {
  if (value === undefined) return [];
  const figure: Figure = { label, value: formatSeconds(value), ...stepIn(w, step) };
  if (target !== undefined) {
    figure.target = `${targetWord} ${formatSeconds(target)}`;
    figure.meets = value <= target;
  }
  return [figure];
}

function llmFigures(w: WorkloadSizing): Figure[] {
  const d = w.details;
  const figures: Figure[] = [];
  if (d.tensorParallel !== undefined && d.pipelineParallel !== undefined) {
    const configuration = stepIn(w, 'configurationChoice').step ?? 'tensorParallel';
    figures.push({ label: 'Configuration', value: `${w.perReplica.gpuModel ?? 'GPU'} × TP ${d.tensorParallel} × PP ${d.pipelineParallel} (${counted(w.perReplica.gpus, 'GPU')} per replica)`, ...stepIn(w, configuration) });
  }
  figures.push({ label: 'Replicas at peak', value: formatNumber(w.replicas.peak), ...stepIn(w, 'replicasPeak') });
  if (d.decodeTokensPerSecondPerReplica !== undefined) {
    figures.push({ label: 'Output tokens/s per replica', value: formatNumber(d.decodeTokensPerSecondPerReplica), ...stepIn(w, 'decodeTokensPerSecondPerReplica') });
    figures.push({
      label: 'Output tokens/s in total',
      value: formatNumber(d.decodeTokensPerSecondPerReplica * w.replicas.peak),
      ...stepIn(w, 'decodeTokensPerSecondPerReplica'),
      ...(d.peakOutputTokensPerSecond !== undefined ? { target: `peak demand ${formatNumber(d.peakOutputTokensPerSecond)}`, meets: d.decodeTokensPerSecondPerReplica * w.replicas.peak >= d.peakOutputTokensPerSecond } : {}),
    });
  }
  if (d.kvCacheCapacityTokens !== undefined) figures.push({ label: 'KV cache per replica', value: counted(Math.floor(d.kvCacheCapacityTokens), 'token'), ...stepIn(w, 'kvCacheCapacityTokens') });
  if (d.maxConcurrentSequences !== undefined) figures.push({ label: 'Concurrent sequences per replica', value: counted(Math.floor(d.maxConcurrentSequences), 'sequence'), ...stepIn(w, 'maxConcurrentSequences') });
  figures.push(...versus(w, 'timeToFirstTokenSeconds', d.timeToFirstTokenSeconds, d.timeToFirstTokenSloSeconds, 'Predicted TTFT', 'SLO'));
  figures.push(...versus(w, 'decodeStepSeconds', d.decodeStepSeconds, d.interTokenLatencySloSeconds, 'Predicted ITL', 'SLO'));
  const chosen = w.candidates?.find((c) => isChosenCandidate(w, c));
  if (chosen) figures.push({ label: 'Binding constraint', value: limitLabel(chosen.limitedBy), ...stepIn(w, 'maxConcurrentSequences') });
  return figures;
}

function trainingFigures(sizing: Sizing, w: WorkloadSizing): Figure[] {
  const d = w.details;
  const figures = versus(w, 'wallClockSeconds', d.wallClockSeconds, d.deadlineSeconds, 'Wall-clock', 'deadline');
  figures.push({ label: 'GPUs', value: formatNumber(w.total.gpus), ...stepIn(w, 'gpus') });
  if (d.gpuHours !== undefined) figures.push({ label: 'GPU-hours', value: formatNumber(d.gpuHours), ...stepIn(w, 'gpuHours') });
  figures.push(...runCostFigure(sizing, w));
  return figures;
}

function windowFigures(sizing: Sizing, w: WorkloadSizing, seconds: number | undefined, step: string): Figure[] {
  const figures = versus(w, step, seconds, w.details.windowSeconds, 'Run time', 'window');
  const onGpu = w.total.gpus > 0;
  figures.push({ label: onGpu ? 'GPUs' : 'CPU cores', value: formatNumber(onGpu ? w.total.gpus : w.total.cpuCores), ...stepIn(w, onGpu ? 'gpusNeeded' : 'coresNeeded') });
  figures.push(...runCostFigure(sizing, w));
  return figures;
}

function servingFigures(w: WorkloadSizing): Figure[] {
  const d = w.details;
  const figures: Figure[] = [];
  const workersPerReplica = d.workersPerReplica ?? 1;
  figures.push({ label: 'Workers at peak', value: `${counted(w.replicas.peak * workersPerReplica, 'worker')} (${counted(w.replicas.peak, 'replica')} × ${workersPerReplica})`, ...stepIn(w, 'replicasPeak') });
  if (d.workersForSlo !== undefined && d.workersForSlo > 0) figures.push({ label: 'Workers the p95 SLO needs', value: formatNumber(d.workersForSlo), ...stepIn(w, 'workersForSlo') });
  const beyond = w.explain.find((s) => s.id === 'sojournBeyondSloProbability')?.value;
  if (d.latencySloSeconds !== undefined && beyond !== undefined) {
    figures.push({
      label: `Requests slower than ${formatSeconds(d.latencySloSeconds)}`,
      value: `${formatNumber(beyond * 100)} %`,
      target: 'p95 SLO allows 5 %',
      meets: beyond <= 0.05 + 1e-12,
      step: 'sojournBeyondSloProbability',
    });
  }
  if (d.serviceTimeSeconds !== undefined) figures.push({ label: 'Mean service time', value: formatSeconds(d.serviceTimeSeconds), ...stepIn(w, 'offeredLoadErlangs') });
  return figures;
}

function runCostFigure(sizing: Sizing, w: WorkloadSizing): Figure[] {
  const cost = runCost(sizing, w);
  if (!cost) return [];
  return [{ label: 'Cost of a run', value: cost.ok ? formatUsd(cost.usd) : `not separable (${cost.why})` }];
}
