/**
 * Whether each workload meets its objective (infeasible and why, not placed), and what one run of
 * a job costs, read from a Sizing. Display only: every figure is one the model computed (its
 * `details`, `infeasible`, node pools); the one derivation here, the cost of a run, is spelled out
 * with its inputs so it can be traced.
 */
import type { Sizing, WorkloadSizing } from '@headroom/model';
import { formatSeconds } from '../format.ts';

const SECONDS_PER_HOUR = 3600;

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
  | { ok: false; /** A few words for the Summary. */ short: string; why: string };

/**
 * What one run of a job costs. A job alone in its node pool: the pool's nodes × the USD per
 * node-hour its pricing model bills (on-demand or spot) × the hours one run takes; a committed pool
 * bills every hour whether the job runs or not, so it has no per-run cost (its showback is the figure). An unplaced job:
 * its estimated monthly cost × run hours / active hours per month. A pool shared with other
 * workloads has no per-workload split, so its run cost is not given rather than guessed.
 */
export function runCost(sizing: Sizing, w: WorkloadSizing): RunCost | undefined {
  const seconds = runSeconds(w);
  if (seconds === undefined) return undefined;
  const runHours = seconds / SECONDS_PER_HOUR;
  const unplaced = sizing.cluster.unplaced.find((u) => u.workload === w.name);
  if (unplaced) {
    if (w.activeHoursPerMonth <= 0) return { ok: false, short: 'no run hours', why: 'the job runs no hours in a month' };
    if (unplaced.estimatedCostPerMonthUsd === null) return { ok: false, short: 'no known price', why: 'no instance type in the catalog carries its GPU, so no price is known' };
    return {
      ok: true,
      usd: (unplaced.estimatedCostPerMonthUsd * runHours) / w.activeHoursPerMonth,
      formula: 'estimated cost per month (unplaced) × run hours / active hours per month',
      inputs: { estimatedCostPerMonthUsd: unplaced.estimatedCostPerMonthUsd, runHours, activeHoursPerMonth: w.activeHoursPerMonth },
    };
  }
  const pool = sizing.cluster.nodePools.find((p) => p.name === w.nodePool);
  if (!pool) return { ok: false, short: 'no node pool', why: `node pool ${w.nodePool} is not in the sizing` };
  const others = pool.workloads.filter((name) => name !== w.name);
  if (others.length > 0) return { ok: false, short: 'shared pool, not split', why: `it shares node pool ${pool.name} with ${others.join(', ')}, whose cost is not split by workload` };
  if (pool.pricing === 'commit-1y' || pool.pricing === 'commit-3y') {
    return { ok: false, short: 'committed pool', why: `node pool ${pool.name} is a ${pool.pricing} commitment, billed every hour whether the job runs or not; its monthly share is the showback` };
  }
  return {
    ok: true,
    usd: pool.nodes * pool.usdPerHour * runHours,
    formula: `nodes × ${pool.pricing} USD per node-hour × run hours`,
    inputs: { nodes: pool.nodes, [pool.pricing === 'spot' ? 'spotUsdPerHour' : 'onDemandUsdPerHour']: pool.usdPerHour, runHours },
  };
}
