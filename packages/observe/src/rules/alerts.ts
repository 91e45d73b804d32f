/**
 * Alerting rules. One rule per (signal, alert) across all workloads of the plan: it compares the
 * recorded signal with the plan series on (plan, workload), so a changed plan needs a redeployed
 * exporter, not new rules. Plus the latency SLO burn-rate alerts and the exporter-absent alert.
 */
import type { Signal, SignalAlert } from '@headroom/model';
import type { KitConfig } from '../config.ts';
import { matcher } from '../promql/escape.ts';
import { signalRecord, sloBudgetRecord, sloErrorRatioRecord } from '../promql/names.ts';
import { planSeries } from '../promql/selectors.ts';
import type { WorkloadContext } from '../workloads.ts';
import { burnRateAlerts } from './slo-windows.ts';
import type { AlertingRule } from './types.ts';

// group_left keeps the recorded series' labels (namespace, kind) in the alert; a plain
// one-to-one `on (...)` match would keep only plan and workload.
const JOIN = 'on (plan, workload) group_left ()';

/** The plan value an alert compares with, as PromQL for one plan (all workloads). */
export function plannedExpr(plan: string, signal: Signal): string | undefined {
  return signal.planned ? planSeries(signal.planned.metric, { plan, ...signal.planned.labels }) : undefined;
}

export function alertExpr(plan: string, signal: Signal, alert: SignalAlert): string {
  const observed = `${signalRecord(signal.id)}{${matcher('plan', '=', plan)}}`;
  const planned = plannedExpr(plan, signal);
  const scaled = (expr: string) => (alert.threshold === 1 ? expr : `(${expr} * ${alert.threshold})`);
  if (!planned) {
    if (alert.breach === 'differs') throw new Error(`internal: signal ${signal.id} compares "differs" without a planned series`);
    return `${observed} ${alert.breach === 'above' ? '>' : '<'} ${alert.threshold}`;
  }
  switch (alert.breach) {
    case 'above': return `${observed} > ${JOIN} ${scaled(planned)}`;
    case 'below': return `${observed} < ${JOIN} ${scaled(planned)}`;
    case 'differs':
      return alert.threshold === 0
        ? `${observed} != ${JOIN} ${planned}`
        : `abs(${observed} - ${JOIN} ${planned}) > ${JOIN} (${planned} * ${alert.threshold})`;
  }
}

/** A Go template reading one workload's plan value at alert time, humanized. */
export function plannedTemplate(signal: Signal): string {
  if (!signal.planned) return '';
  const extra = Object.entries(signal.planned.labels ?? {}).map(([k, v]) => `,${k}=\\"${v}\\"`).join('');
  return `{{ with printf "${signal.planned.metric}{plan=%q,workload=%q${extra}}" $labels.plan $labels.workload | query }}{{ . | first | value | humanize }}{{ end }}`;
}

function describe(signal: Signal, alert: SignalAlert): string {
  const planned = signal.planned
    ? `, planned ${plannedTemplate(signal)}${alert.threshold !== 1 && alert.breach !== 'differs' ? ` (threshold ${alert.threshold} × planned)` : ''}`
    : ` (threshold ${alert.threshold})`;
  return `{{ $labels.workload }} ({{ $labels.kind }}) in {{ $labels.namespace }}: ${signal.title.toLowerCase()} is {{ $value | humanize }}${planned}. ${signal.description}`;
}

const runbookUrl = (config: KitConfig, runbook: string) => `${config.runbookBaseUrl}/${runbook}.md`;

/** Distinct (signal, alert) pairs of the plan, in first-seen order. */
export function signalAlerts(contexts: readonly WorkloadContext[]): { signal: Signal; alert: SignalAlert; workloads: WorkloadContext[] }[] {
  const found = new Map<string, { signal: Signal; alert: SignalAlert; workloads: WorkloadContext[] }>();
  for (const context of contexts) {
    for (const signal of context.signals) {
      for (const alert of signal.alerts) {
        const key = JSON.stringify([signal.id, alert.name, signal.planned, alert.breach, alert.threshold]);
        const entry = found.get(key) ?? { signal, alert, workloads: [] };
        entry.workloads.push(context);
        found.set(key, entry);
      }
    }
  }
  return [...found.values()];
}

export function signalAlertRules(plan: string, contexts: readonly WorkloadContext[], config: KitConfig): AlertingRule[] {
  return signalAlerts(contexts).map(({ signal, alert }) => ({
    alert: alert.name,
    expr: alertExpr(plan, signal, alert),
    for: alert.for,
    labels: { severity: alert.severity },
    annotations: { summary: alert.summary, description: describe(signal, alert), runbook_url: runbookUrl(config, alert.runbook) },
  }));
}

export function burnRateExpr(plan: string, windows: { long: string; short: string; burnRate: number }[]): string {
  const planMatcher = matcher('plan', '=', plan);
  const on = 'on (plan, workload, slo) group_left ()';
  const budget = (burnRate: number) => `(${sloBudgetRecord}{${planMatcher}} * ${burnRate})`;
  return windows
    .map((w) => `(${sloErrorRatioRecord(w.long)}{${planMatcher}} > ${on} ${budget(w.burnRate)} and on (plan, workload, slo) ${sloErrorRatioRecord(w.short)}{${planMatcher}} > ${on} ${budget(w.burnRate)})`)
    .join(' or ');
}

export function sloAlertRules(plan: string, contexts: readonly WorkloadContext[], config: KitConfig): AlertingRule[] {
  if (!contexts.some((c) => c.objectives.length > 0)) return [];
  return burnRateAlerts.map((burn) => ({
    alert: burn.name,
    expr: burnRateExpr(plan, burn.windows),
    for: burn.for,
    labels: { severity: burn.severity },
    annotations: {
      summary: burn.severity === 'critical' ? 'A latency SLO is burning its error budget fast enough to page.' : 'A latency SLO is burning its error budget faster than it can last.',
      description: `{{ $labels.workload }} ({{ $labels.kind }}) in {{ $labels.namespace }}: {{ $value | humanizePercentage }} of requests miss the {{ $labels.slo }} objective over ${burn.windows[0]!.long} (burn-rate windows ${burn.windows.map((w) => `${w.long}/${w.short} at ${w.burnRate}×`).join(', ')}).`,
      runbook_url: runbookUrl(config, 'latency-slo-burn'),
    },
  }));
}

export function exporterAbsentRule(plan: string, config: KitConfig): AlertingRule {
  return {
    alert: 'HeadroomPlanExporterAbsent',
    expr: `absent(headroom_plan_info{${matcher('plan', '=', plan)}})`,
    for: '10m',
    labels: { severity: 'warning' },
    annotations: {
      summary: 'The plan exporter is not scraped: every plan-versus-actual alert is blind.',
      description: `No headroom_plan_info series for plan ${plan} for 10 minutes. Alerts comparing production with the plan cannot fire until the exporter is back.`,
      runbook_url: runbookUrl(config, 'plan-exporter-absent'),
    },
  };
}

/**
 * The exporter still serves the previous plan because the plan file it watches fails to load.
 * After prometheus-mixin's PrometheusBadConfig: max_over_time over 5m so a missed scrape cannot
 * hide a failure, held 10m. Warning, not critical: the comparisons keep working, against the last
 * good plan rather than the one in the ConfigMap.
 */
export function planReloadFailedRule(plan: string, config: KitConfig): AlertingRule {
  return {
    alert: 'HeadroomPlanReloadFailed',
    expr: `max_over_time(headroom_exporter_plan_last_reload_successful{${matcher('plan', '=', plan)}}[5m]) == 0`,
    for: '10m',
    labels: { severity: 'warning' },
    annotations: {
      summary: 'The plan exporter cannot load the edited plan and keeps serving the previous one.',
      description: `The exporter of plan ${plan} ({{ $labels.namespace }}/{{ $labels.pod }}) has failed to load its plan file for 10 minutes; production is compared with the last plan that loaded. Its log says why (file, line, field).`,
      runbook_url: runbookUrl(config, 'plan-reload-failed'),
    },
  };
}
