/**
 * `headroom forecast <plan> [--json] [--months N]`: the plan sized month by month under
 * spec.growth, and the month each node pool passes its maxNodes or a GPU quota is passed. Exits
 * like `size`: 3 when the plan is not complete today (month 0), after printing; a limit reached in
 * a later month is the forecast's answer, printed, not a failure.
 */
import { forecastPlan, MAX_FORECAST_MONTHS, planHasGrowth, type Forecast, type PlanLimits } from '@headroom/model';
import { CliError } from '../errors.ts';
import { formatUsd, table } from '../format.ts';
import { loadPlanText, sizeLoadedPlan } from '../plan-input.ts';
import { INCOMPLETE_EXIT_CODE, type SizeResult } from './size.ts';

export function forecastCommand(file: string | undefined, options: { json: boolean; months?: string; preset?: string; limits?: Partial<PlanLimits> }): SizeResult {
  const months = options.months === undefined ? undefined : parseMonths(options.months);
  const { plan, source } = loadPlanText(file, options.preset, options.limits);
  // Month 0 is `headroom size`: an implausible plan is refused the same way, exit 1.
  const today = sizeLoadedPlan(plan, source);
  const forecast = forecastPlan(plan, months === undefined ? {} : { months });
  const output = options.json ? `${JSON.stringify(forecast, null, 2)}\n` : report(forecast, planHasGrowth(plan));
  if (today.complete) return { output, exitCode: 0, stderr: '' };
  return { output, exitCode: INCOMPLETE_EXIT_CODE, stderr: `headroom: the plan is not complete today (month 0); run headroom size ${file ?? `--preset ${options.preset}`} for the reasons\n` };
}

function parseMonths(text: string): number {
  const months = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(months) || months < 1 || months > MAX_FORECAST_MONTHS) {
    throw new CliError(`--months must be a whole number from 1 to ${MAX_FORECAST_MONTHS} (got "${text}")`, 2);
  }
  return months;
}

const monthLabel = (m: { month: number; date?: string }) => (m.date ? `${m.month} (${m.date})` : String(m.month));

function report(f: Forecast, hasGrowth: boolean): string {
  const out: string[] = [`Forecast of plan ${f.plan}: ${f.horizonMonths} months${f.start ? ` from ${f.start}` : ''}`, ''];
  if (!hasGrowth) out.push('The plan states no growth (spec.growth or a workload\'s growth): every month repeats month 0.', '');
  out.push(table(['workload', 'growth/month', 'from', 'peaks'], f.growth.map((g) => [
    g.workload, `${+(g.monthly * 100).toFixed(2)}%`, g.source, g.peaks.map((p) => `month ${p.month} × ${p.multiplier}`).join(', ') || '-',
  ])), '');
  const pools = f.months[0]?.nodePools.map((p) => p.name) ?? [];
  out.push(table(
    ['month', 'GPUs', 'nodes', 'USD/month', ...pools.map((name) => `${name} nodes`), 'complete'],
    f.months.map((m) => [
      monthLabel(m), String(m.gpus), String(m.nodes), formatUsd(m.costPerMonthUsd),
      ...pools.map((name) => {
        const p = m.nodePools.find((x) => x.name === name);
        return p ? `${p.nodes}${p.maxNodes !== undefined ? `/${p.maxNodes}` : ''}` : '0';
      }),
      m.complete ? 'yes' : 'NO',
    ]),
  ));
  out.push('');
  if (f.exhaustion.length === 0) out.push(`No stated limit (maxNodes, GPU quota) is reached within ${f.horizonMonths} months.`);
  else {
    out.push('Limits reached:');
    for (const e of f.exhaustion) {
      out.push(e.kind === 'maxNodes'
        ? `  month ${monthLabel(e)}: pool ${e.pool} needs ${e.needed} nodes, maxNodes ${e.limit}`
        : `  month ${monthLabel(e)}: ${e.gpuModel === 'total' ? 'GPUs in all' : `${e.gpuModel} GPUs`} needed ${e.needed}, quota ${e.limit}${e.pool ? ` (pools ${e.pool})` : ''}`);
    }
  }
  if (f.stopped) out.push('', `The forecast stops at month ${f.stopped.month}: ${f.stopped.reasons.join('; ')}.`);
  return `${out.join('\n')}\n`;
}
