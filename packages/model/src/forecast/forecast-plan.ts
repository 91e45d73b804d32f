/**
 * Month-by-month sizing under the plan's growth: each month, every workload's load is scaled by
 * its multiplier (growth.ts), the plan is re-sized with the same sizePlan as `headroom size`, and
 * the first month a pool needs more than its maxNodes, or the GPUs pass a quota, is an exhaustion.
 */
import type { Plan } from '../schema/plan.ts';
import { MAX_FORECAST_MONTHS, startMonth } from '../schema/growth.ts';
import { implausibleFigures } from '../sizing/plausibility.ts';
import { sizePlan } from '../sizing/size-plan.ts';
import type { Sizing } from '../sizing/types.ts';
import { growthRule, loadMultiplier } from './growth.ts';
import { scaleLoad } from './scale-load.ts';
import type { Forecast, ForecastExhaustion, ForecastMonth } from './types.ts';

export interface ForecastOptions {
  /** Horizon in months (default spec.growth.months, else 12). */
  months?: number;
}

/** The calendar month `month` months after `start` (YYYY-MM[-DD]), as YYYY-MM. */
export function calendarMonth(start: string, month: number): string {
  const s = startMonth(start);
  const index = s.year * 12 + (s.month - 1) + month;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function forecastPlan(plan: Plan, options: ForecastOptions = {}): Forecast {
  const steps = forecastSteps(plan, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The forecast one month per step (each `next()` sizes one month), returning the Forecast: a
 * caller that must stay responsive (the calculator's worker) can stop between months.
 */
export function* forecastSteps(plan: Plan, options: ForecastOptions = {}): Generator<ForecastMonth, Forecast, void> {
  const horizon = options.months ?? plan.spec.growth?.months ?? 12;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_FORECAST_MONTHS) {
    throw new RangeError(`months must be a whole number from 1 to ${MAX_FORECAST_MONTHS} (got ${horizon})`);
  }
  const start = plan.spec.growth?.start;
  const rules = plan.spec.workloads.map((w, i) => growthRule(plan, w, i));
  const months: ForecastMonth[] = [];
  let stopped: Forecast['stopped'];
  for (let month = 0; month <= horizon; month++) {
    const multipliers = rules.map((rule) => loadMultiplier(rule, month));
    const scaled = plan.spec.workloads.map((w, i) => scaleLoad(w, multipliers[i]!));
    const sizing = sizePlan({ ...plan, spec: { ...plan.spec, workloads: scaled.map((s) => s.workload) } });
    // Past the bounds of any real cluster the figures say nothing more (and compounding would soon
    // overflow): the forecast ends there and says why, as `headroom size` refuses such a plan.
    const implausible = implausibleFigures(sizing);
    if (implausible.length > 0) {
      stopped = { month, reasons: implausible.map((issue) => issue.message) };
      break;
    }
    const entry = monthOf(sizing, month, start, scaled.map((s, i) => ({ ...s, multiplier: multipliers[i]! })));
    months.push(entry);
    yield entry;
  }
  return {
    plan: plan.metadata.name,
    horizonMonths: horizon,
    ...(start ? { start } : {}),
    growth: rules.map((r) => ({ workload: r.workload, monthly: r.monthly, source: r.source, peaks: [...r.peaks].map(([month, multiplier]) => ({ month, multiplier })) })),
    months,
    exhaustion: exhaustion(months, start),
    ...(stopped ? { stopped } : {}),
  };
}

function monthOf(sizing: Sizing, month: number, start: string | undefined, scaled: { field: string; planned: number; scaled: number; multiplier: number }[]): ForecastMonth {
  return {
    month,
    ...(start ? { date: calendarMonth(start, month) } : {}),
    gpus: sizing.cluster.totals.gpus,
    nodes: sizing.cluster.nodePools.reduce((n, p) => n + p.nodesNeeded, 0),
    costPerMonthUsd: sizing.cluster.costPerMonthUsd,
    complete: sizing.complete,
    nodePools: sizing.cluster.nodePools.map((p) => ({ name: p.name, nodes: p.nodesNeeded, ...(p.maxNodes !== undefined ? { maxNodes: p.maxNodes } : {}), ...(p.gpuModel ? { gpuModel: p.gpuModel } : {}) })),
    quotas: sizing.cluster.quotas.map((q) => ({ gpuModel: q.gpuModel, limitGpus: q.limitGpus, neededGpus: q.neededGpus })),
    workloads: sizing.workloads.map((w, i) => ({
      name: w.name, multiplier: scaled[i]!.multiplier, field: scaled[i]!.field, planned: scaled[i]!.planned, scaled: scaled[i]!.scaled,
      replicas: w.replicas.peak, gpus: w.total.gpus, feasible: w.feasible,
    })),
  };
}

/** The first month each pool passes its maxNodes and each quota is passed; none when it never is within the horizon. */
function exhaustion(months: readonly ForecastMonth[], start: string | undefined): ForecastExhaustion[] {
  const found = new Map<string, ForecastExhaustion>();
  const dated = (month: number) => (start ? { date: calendarMonth(start, month) } : {});
  for (const m of months) {
    for (const p of m.nodePools) {
      const key = `maxNodes/${p.name}`;
      if (p.maxNodes === undefined || found.has(key) || p.nodes <= p.maxNodes) continue;
      found.set(key, { kind: 'maxNodes', pool: p.name, month: m.month, ...dated(m.month), limit: p.maxNodes, needed: p.nodes });
    }
    for (const q of m.quotas) {
      const key = `quota/${q.gpuModel}`;
      if (found.has(key) || q.neededGpus <= q.limitGpus) continue;
      const pools = m.nodePools.filter((p) => p.nodes > 0 && p.gpuModel !== undefined && (q.gpuModel === 'total' || p.gpuModel === q.gpuModel));
      found.set(key, { kind: 'quota', pool: pools.map((p) => p.name).join(', '), gpuModel: q.gpuModel, month: m.month, ...dated(m.month), limit: q.limitGpus, needed: q.neededGpus });
    }
  }
  return [...found.values()];
}
