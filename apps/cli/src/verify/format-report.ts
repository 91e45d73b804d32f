/** The verify report as readable text: one table per workload, then recommendations. */
import { formatBytes, formatCores, formatDuration, table } from '../format.ts';
import type { CheckResult, Recommendation, VerifyReport } from '@headroom/observe';

export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  switch (unit) {
    case 'bytes': return formatBytes(value);
    case 'cores': return `${formatCores(Number(value.toPrecision(3)))} cores`;
    case 's': return formatDuration(value);
    case 'percentunit': return `${(value * 100).toFixed(1)}%`;
    case 'reqps': return `${Number(value.toPrecision(3))} req/s`;
    case 'Bps': return `${formatBytes(value)}/s`;
    default: return String(Number(value.toPrecision(3)));
  }
}

const VERDICT_TEXT: Record<CheckResult['verdict'], string> = {
  'under-provisioned': 'UNDER-PROVISIONED',
  'over-provisioned': 'over-provisioned',
  'differs-from-plan': 'differs from plan',
  'within-plan': 'within plan',
  'not-judged': '-',
  'no-data': 'no data',
};

function why(check: CheckResult): string {
  const breached = check.outcomes.filter((o) => o.breached);
  if (breached.length > 0) {
    return breached.map((o) => `${o.alert}: ${formatValue(o.observed, check.unit)} ${o.breach === 'below' ? '<' : o.breach === 'above' ? '>' : '≠'} ${formatValue(o.limit, check.unit)}${o.heldSeconds > 0 ? ` for ${formatDuration(o.heldSeconds)}` : ''}`).join('; ');
  }
  return check.note ?? '';
}

function recommendation(r: Recommendation): string {
  const perReplica = r.recommendedPerReplica !== undefined ? `, ${formatValue(r.recommendedPerReplica, r.unit)} per replica (plan ${formatValue(r.plannedPerReplica, r.unit)})` : '';
  return `  ${r.resource}: ${formatValue(r.recommendedTotal, r.unit)} total from ${r.basis} (observed ${formatValue(r.observed, r.unit)}, plan ${formatValue(r.plannedTotal, r.unit)})${perReplica}${r.actionable ? '' : ' [informational]'}`;
}

export function formatReport(report: VerifyReport, server: string, rangeText: string): string {
  const out: string[] = [`Plan ${report.plan} against ${server}, last ${rangeText} (step ${report.range.stepSeconds} s, rate window ${report.range.rateWindow})`, ''];
  for (const w of report.workloads) {
    out.push(`${w.workload} (${w.kind}, ${w.namespace}): ${VERDICT_TEXT[w.verdict]}`);
    out.push(table(
      ['check', 'planned', 'p50', 'p95', 'max', 'headroom', 'verdict', 'why'],
      w.checks.map((c) => [
        c.title, formatValue(c.planned, c.unit), formatValue(c.summary?.p50, c.unit), formatValue(c.summary?.p95, c.unit), formatValue(c.summary?.max, c.unit),
        c.headroomPercent === undefined ? '-' : `${c.headroomPercent.toFixed(0)}%`, VERDICT_TEXT[c.verdict], why(c),
      ]),
    ).split('\n').map((line) => `  ${line}`).join('\n'));
    if (w.recommendations.length > 0) out.push(' recommendations (VPA/KRR style):', ...w.recommendations.map(recommendation));
    out.push('');
  }
  out.push(report.underProvisioned.length > 0
    ? `FAIL: under-provisioned: ${report.underProvisioned.join(', ')}`
    : 'OK: no workload is under-provisioned');
  return `${out.join('\n')}\n`;
}
