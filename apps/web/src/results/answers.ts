/**
 * The answers a user came for, read from a Sizing: a verdict per workload (meets its objective,
 * infeasible and why, not placed), the figures each kind's users look for, and what a job's run
 * costs. Display only: every figure is one the model computed (its `details`, `candidates`,
 * `infeasible`, node pools); the one derivation here, the cost of a run, is spelled out with its
 * inputs so it can be traced.
 */
import type { Candidate, NodePoolSizing, Sizing, WorkloadSizing } from '@headroom/model';
import { formatNumber, formatSeconds, formatUsd } from '../format.ts';

const SECONDS_PER_HOUR = 3600;

/** "1 GPU", "2 GPUs": a count with its noun, singular or plural as the count asks. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}

export type VerdictState = 'meets' | 'infeasible' | 'not-placed';

export interface Verdict {
  /** The worst of what applies: not placed over infeasible over meets. */
  state: VerdictState;
  /** One line: "meets TTFT 1 s and ITL 50 ms", "infeasible", "not placed". */
  headline: string;
  /** Why: the model's infeasibility messages and the unplaced reason. */
  reasons: string[];
}

/** Whether the workload meets its objective, is infeasible, or could not be placed, and why. */
export function workloadVerdict(sizing: Sizing, w: WorkloadSizing): Verdict {
  const unplaced = sizing.cluster.unplaced.find((u) => u.workload === w.name);
  const infeasible = w.feasible ? [] : (w.infeasible ?? []).map((i) => i.message);
  const reasons = [...infeasible, ...(unplaced ? [`Not placed: ${unplaced.reason}`] : [])];
  if (unplaced) return { state: 'not-placed', headline: w.feasible ? 'not placed' : 'infeasible and not placed', reasons };
  if (!w.feasible) return { state: 'infeasible', headline: 'infeasible', reasons: reasons.length > 0 ? reasons : ['The model marked it infeasible without a reason.'] };
  return { state: 'meets', headline: meetsHeadline(w), reasons: [] };
}

function meetsHeadline(w: WorkloadSizing): string {
  const d = w.details;
  switch (w.kind) {
    case 'llm-inference': {
      const slos = [
        d.timeToFirstTokenSloSeconds !== undefined ? `TTFT ${formatSeconds(d.timeToFirstTokenSloSeconds)}` : undefined,
        d.interTokenLatencySloSeconds !== undefined ? `ITL ${formatSeconds(d.interTokenLatencySloSeconds)}` : undefined,
      ].filter((s) => s !== undefined);
      return slos.length > 0 ? `meets ${slos.join(' and ')}` : 'sized for peak traffic (no latency SLO set)';
    }
    case 'model-serving':
      return d.latencySloSeconds !== undefined ? `meets p95 ${formatSeconds(d.latencySloSeconds)}` : 'sized for peak traffic (no latency SLO set)';
    case 'training':
      return withinHeadline('meets its', 'deadline', d.wallClockSeconds, d.deadlineSeconds);
    case 'batch-inference':
      return withinHeadline('fits its', 'window', d.wallClockSeconds, d.windowSeconds);
    case 'data-pipeline':
      return withinHeadline('fits its', 'window', d.runSeconds, d.windowSeconds);
    default:
      return 'feasible';
  }
}

/** "meets its 24 h deadline (5.2 h)", or without figures when the model gave none. */
function withinHeadline(verb: string, noun: string, seconds: number | undefined, limitSeconds: number | undefined): string {
  if (seconds === undefined || limitSeconds === undefined) return `${verb} ${noun}`;
  return `${verb} ${formatSeconds(limitSeconds)} ${noun} (${formatSeconds(seconds)})`;
}

/** Seconds one run of a job takes (training, batch, pipeline); undefined for services. */
export function runSeconds(w: WorkloadSizing): number | undefined {
  if (w.runsAs === 'service') return undefined;
  return w.kind === 'data-pipeline' ? w.details.runSeconds : w.details.wallClockSeconds;
}

export type RunCost =
  | { ok: true; usd: number; formula: string; inputs: Record<string, number> }
  | { ok: false; why: string };

/**
 * What one run of a job costs. A job alone in its node pool: the pool's nodes × the instance's
 * on-demand USD per hour (the pool's own cost step) × the hours one run takes. An unplaced job:
 * its estimated monthly cost × run hours / active hours per month. A pool shared with other
 * workloads has no per-workload split, so its run cost is not given rather than guessed.
 */
export function runCost(sizing: Sizing, w: WorkloadSizing): RunCost | undefined {
  const seconds = runSeconds(w);
  if (seconds === undefined) return undefined;
  const runHours = seconds / SECONDS_PER_HOUR;
  const unplaced = sizing.cluster.unplaced.find((u) => u.workload === w.name);
  if (unplaced) {
    if (w.activeHoursPerMonth <= 0) return { ok: false, why: 'the job runs no hours in a month' };
    return {
      ok: true,
      usd: (unplaced.estimatedCostPerMonthUsd * runHours) / w.activeHoursPerMonth,
      formula: 'estimated cost per month (unplaced) × run hours / active hours per month',
      inputs: { estimatedCostPerMonthUsd: unplaced.estimatedCostPerMonthUsd, runHours, activeHoursPerMonth: w.activeHoursPerMonth },
    };
  }
  const pool = sizing.cluster.nodePools.find((p) => p.name === w.nodePool);
  if (!pool) return { ok: false, why: `node pool ${w.nodePool} is not in the sizing` };
  const others = pool.workloads.filter((name) => name !== w.name);
  if (others.length > 0) return { ok: false, why: `it shares node pool ${pool.name} with ${others.join(', ')}, whose cost is not split by workload` };
  const usdPerHour = onDemandUsdPerHour(pool);
  if (usdPerHour === undefined) return { ok: false, why: `node pool ${pool.name} gives no hourly price` };
  return {
    ok: true,
    usd: pool.nodes * usdPerHour * runHours,
    formula: 'nodes × on-demand USD per node-hour × run hours',
    inputs: { nodes: pool.nodes, onDemandUsdPerHour: usdPerHour, runHours },
  };
}

/** The instance's hourly price, as the pool's cost step used it (packages/model cluster/size-cluster.ts). */
function onDemandUsdPerHour(pool: NodePoolSizing): number | undefined {
  return pool.explain.find((step) => step.id === 'costPerMonthUsd')?.inputs.onDemandUsdPerHour;
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
}

/** The figures a kind's users look for, from the model's named details. */
export function workloadFigures(sizing: Sizing, w: WorkloadSizing): Figure[] {
  switch (w.kind) {
    case 'llm-inference':
      return llmFigures(w);
    case 'training':
      return trainingFigures(sizing, w);
    case 'batch-inference':
      return windowFigures(sizing, w, w.details.wallClockSeconds);
    case 'data-pipeline':
      return windowFigures(sizing, w, w.details.runSeconds);
    case 'model-serving':
      return servingFigures(w);
    default:
      return [];
  }
}

function versus(value: number | undefined, target: number | undefined, label: string, targetWord: string): Figure[] {
  if (value === undefined) return [];
  const figure: Figure = { label, value: formatSeconds(value) };
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
    figures.push({ label: 'Configuration', value: `${w.perReplica.gpuModel ?? 'GPU'} × TP ${d.tensorParallel} × PP ${d.pipelineParallel} (${counted(w.perReplica.gpus, 'GPU')} per replica)` });
  }
  figures.push({ label: 'Replicas at peak', value: formatNumber(w.replicas.peak) });
  if (d.decodeTokensPerSecondPerReplica !== undefined) {
    figures.push({ label: 'Output tokens/s per replica', value: formatNumber(d.decodeTokensPerSecondPerReplica) });
    figures.push({
      label: 'Output tokens/s in total',
      value: formatNumber(d.decodeTokensPerSecondPerReplica * w.replicas.peak),
      ...(d.peakOutputTokensPerSecond !== undefined ? { target: `peak demand ${formatNumber(d.peakOutputTokensPerSecond)}`, meets: d.decodeTokensPerSecondPerReplica * w.replicas.peak >= d.peakOutputTokensPerSecond } : {}),
    });
  }
  if (d.kvCacheCapacityTokens !== undefined) figures.push({ label: 'KV cache per replica', value: counted(Math.floor(d.kvCacheCapacityTokens), 'token') });
  if (d.maxConcurrentSequences !== undefined) figures.push({ label: 'Concurrent sequences per replica', value: counted(Math.floor(d.maxConcurrentSequences), 'sequence') });
  figures.push(...versus(d.timeToFirstTokenSeconds, d.timeToFirstTokenSloSeconds, 'Predicted TTFT', 'SLO'));
  figures.push(...versus(d.decodeStepSeconds, d.interTokenLatencySloSeconds, 'Predicted ITL', 'SLO'));
  const chosen = w.candidates?.find((c) => isChosenCandidate(w, c));
  if (chosen) figures.push({ label: 'Binding constraint', value: limitLabel(chosen.limitedBy) });
  return figures;
}

function trainingFigures(sizing: Sizing, w: WorkloadSizing): Figure[] {
  const d = w.details;
  const figures = versus(d.wallClockSeconds, d.deadlineSeconds, 'Wall-clock', 'deadline');
  figures.push({ label: 'GPUs', value: formatNumber(w.total.gpus) });
  if (d.gpuHours !== undefined) figures.push({ label: 'GPU-hours', value: formatNumber(d.gpuHours) });
  figures.push(...runCostFigure(sizing, w));
  return figures;
}

function windowFigures(sizing: Sizing, w: WorkloadSizing, seconds: number | undefined): Figure[] {
  const figures = versus(seconds, w.details.windowSeconds, 'Run time', 'window');
  figures.push({ label: w.total.gpus > 0 ? 'GPUs' : 'CPU cores', value: formatNumber(w.total.gpus > 0 ? w.total.gpus : w.total.cpuCores) });
  figures.push(...runCostFigure(sizing, w));
  return figures;
}

function servingFigures(w: WorkloadSizing): Figure[] {
  const d = w.details;
  const figures: Figure[] = [];
  const workersPerReplica = d.workersPerReplica ?? 1;
  figures.push({ label: 'Workers at peak', value: `${counted(w.replicas.peak * workersPerReplica, 'worker')} (${counted(w.replicas.peak, 'replica')} × ${workersPerReplica})` });
  if (d.workersForSlo !== undefined && d.workersForSlo > 0) figures.push({ label: 'Workers the p95 SLO needs', value: formatNumber(d.workersForSlo) });
  const beyond = w.explain.find((s) => s.id === 'sojournBeyondSloProbability')?.value;
  if (d.latencySloSeconds !== undefined && beyond !== undefined) {
    figures.push({
      label: `Requests slower than ${formatSeconds(d.latencySloSeconds)}`,
      value: `${formatNumber(beyond * 100)} %`,
      target: 'p95 SLO allows 5 %',
      meets: beyond <= 0.05 + 1e-12,
    });
  }
  if (d.serviceTimeSeconds !== undefined) figures.push({ label: 'Mean service time', value: formatSeconds(d.serviceTimeSeconds) });
  return figures;
}

function runCostFigure(sizing: Sizing, w: WorkloadSizing): Figure[] {
  const cost = runCost(sizing, w);
  if (!cost) return [];
  return [{ label: 'Cost of a run', value: cost.ok ? formatUsd(cost.usd) : `not separable (${cost.why})` }];
}
