/**
 * Growth of a plan's load over time (issue 18): a compounding monthly rate for the whole plan, a
 * horizon, a calendar start, and per-workload overrides with dated peaks. The forecast
 * (forecast/forecast-plan.ts) reads these; `headroom size` ignores them.
 */
import { z } from 'zod';
import { amount, integer } from './fields.ts';

/** Longest horizon accepted: ten years of months. A longer one is a typo, and each month is one sizing. */
export const MAX_FORECAST_MONTHS = 120;

/**
 * Compounding rate per month: 0.15 is +15 % a month. From -0.5 (load halving each month, the
 * steepest decline taken as deliberate) to 10 (eleven-fold each month, beyond any launch curve).
 */
const monthlyRate = (description: string) => amount(description, { min: -0.5, max: 10, allowZero: true });

const peak = z.strictObject({
  month: integer('Month of the peak, counted from 0 (the plan\'s month, spec.growth.start).', { max: MAX_FORECAST_MONTHS, allowZero: true }),
  multiplier: amount('Load in that month as a multiple of the trend (2: twice the compounded load, e.g. a seasonal sale).', { min: 0.01, max: 1000 }),
}).meta({ description: 'A dated peak: one month\'s load is the trend times the multiplier.' });

/** A workload's own growth: its rate replaces the plan's; peaks apply on top of the trend. */
export const workloadGrowthSchema = z
  .strictObject({
    monthly: monthlyRate('This workload\'s compounding growth of load per month (replaces spec.growth.monthly; 0.15 is +15 %/month).').optional(),
    peaks: z.array(peak).max(MAX_FORECAST_MONTHS + 1).default([]).meta({ description: 'Dated peaks of this workload, at most one per month.' }),
  })
  .superRefine((g, ctx) => {
    const seen = new Set<number>();
    g.peaks.forEach((p, i) => {
      if (seen.has(p.month)) ctx.addIssue({ code: 'custom', path: ['peaks', i, 'month'], message: `month ${p.month} already has a peak; give one multiplier per month` });
      seen.add(p.month);
    });
  })
  .meta({ description: 'How this workload\'s load grows in `headroom forecast`. Training workloads grow only when they state this (their dataset tokens scale).' });

/** A calendar month, YYYY-MM, or a day, YYYY-MM-DD (the month it falls in is month 0). */
const calendarMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, { message: 'must be a date YYYY-MM or YYYY-MM-DD (e.g. 2026-12 or 2026-12-01)' })
  .meta({ description: 'Calendar month of month 0, YYYY-MM or YYYY-MM-DD: dates the forecast and lets the exporter publish the current month\'s forecast load.' });

export const planGrowthSchema = z
  .strictObject({
    monthly: monthlyRate('Compounding growth of every workload\'s load per month (0.15 is +15 %/month); workloads may override it. Training is not scaled by it.').default(0),
    months: integer('Forecast horizon in months (headroom forecast --months overrides it).', { min: 1, max: MAX_FORECAST_MONTHS }).default(12),
    start: calendarMonth.optional(),
  })
  .meta({ description: 'Load growth over time for `headroom forecast`: month by month sizing, and the month each node pool or GPU quota runs out.' });

export type PlanGrowth = z.output<typeof planGrowthSchema>;
export type WorkloadGrowth = z.output<typeof workloadGrowthSchema>;

/** Month 0's first day (UTC) as [year, month 1-12]. */
export function startMonth(start: string): { year: number; month: number } {
  return { year: Number(start.slice(0, 4)), month: Number(start.slice(5, 7)) };
}
