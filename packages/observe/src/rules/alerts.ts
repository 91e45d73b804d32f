/**
 * Alerting rules. One rule per (signal, alert) across all workloads of the plan: it compares the
 * recorded signal with the plan series on (cluster, plan, workload), so a changed plan needs a
 * redeployed exporter, not new rules. The plan side is folded with `max by` first, so any number of
 * copies of the plan series (exporter replicas, old and new plan during a rollout) join as one.
 * Plus HeadroomSignalMissing, the latency SLO burn-rate alerts, and one alert each for a missing
 * plan exporter and missing kube-state-metrics.
 */
import type { Signal, SignalAlert } from '@headroom/model';
import type { KitConfig } from '../config.ts';
import { matcher } from '../promql/escape.ts';
import { podWorkloadRecord, signalAbsentRecord, signalRecord, sloBudgetRecord, sloErrorRatioRecord } from '../promql/names.ts';
import { planSeries } from '../promql/selectors.ts';
import type { WorkloadContext } from '../workloads.ts';
import { measuredAt } from './slo-bucket.ts';
import { burnRateAlerts } from './slo-windows.ts';
import type { AlertingRule } from './types.ts';

/** Keys a workload's series: the cluster label, plan and workload. */
export const workloadKey = (config: KitConfig) => `${config.clusterLabel}, plan, workload`;

/** The plan value an alert compares with, as PromQL for one plan (all workloads), duplicates folded. */
export function plannedExpr(plan: string, signal: Signal, config: KitConfig): string | undefined {
  return signal.planned ? `max by (${workloadKey(config)}) (${planSeries(signal.planned.metric, { plan, ...signal.planned.labels })})` : undefined;
}

export function alertExpr(plan: string, signal: Signal, alert: SignalAlert, config: KitConfig): string {
  // group_left keeps the recorded series' labels (namespace, kind) in the alert; a plain
  // one-to-one `on (...)` match would keep only the key.
  const join = `on (${workloadKey(config)}) group_left ()`;
  const observed = `${signalRecord(signal.id)}{${matcher('plan', '=', plan)}}`;
  const planned = plannedExpr(plan, signal, config);
  const scaled = (expr: string) => (alert.threshold === 1 ? expr : `(${expr} * ${alert.threshold})`);
  if (!planned) {
    if (alert.breach === 'differs') throw new Error(`internal: signal ${signal.id} compares "differs" without a planned series`);
    return `${observed} ${alert.breach === 'above' ? '>' : '<'} ${alert.threshold}`;
  }
  switch (alert.breach) {
    case 'above': return `${observed} > ${join} ${scaled(planned)}`;
    case 'below': return `${observed} < ${join} ${scaled(planned)}`;
    case 'differs':
      // `and on (...) planned` keeps only workloads whose plan is published. A no-op in PromQL,
      // where `!=` drops an unmatched left side; MetricsQL (VictoriaMetrics 1.79) compares an
      // unmatched left side with NaN and keeps it, so without it a cluster whose plan exporter
      // stopped would be told its deployment differs from the plan (test/integration/fleet-vm.test.ts).
      return alert.threshold === 0
        ? `${observed} != ${join} ${planned} and on (${workloadKey(config)}) ${planned}`
        : `abs(${observed} - ${join} ${planned}) > ${join} (${planned} * ${alert.threshold})`;
  }
}

/** A Go template reading one workload's plan value at alert time, humanized. */
export function plannedTemplate(signal: Signal, config: KitConfig): string {
  if (!signal.planned) return '';
  const extra = Object.entries(signal.planned.labels ?? {}).map(([k, v]) => `,${k}=\\"${v}\\"`).join('');
  // The alert's own cluster: an absent cluster label reads "" and matches series without one.
  const c = config.clusterLabel;
  return `{{ with printf "max(${signal.planned.metric}{${c}=%q,plan=%q,workload=%q${extra}})" $labels.${c} $labels.plan $labels.workload | query }}{{ . | first | value | humanize }}{{ end }}`;
}

function describe(signal: Signal, alert: SignalAlert, config: KitConfig): string {
  const planned = signal.planned
    ? `, planned ${plannedTemplate(signal, config)}${alert.threshold !== 1 && alert.breach !== 'differs' ? ` (threshold ${alert.threshold} × planned)` : ''}`
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
    expr: alertExpr(plan, signal, alert, config),
    for: alert.for,
    labels: { severity: alert.severity },
    annotations: { summary: alert.summary, description: describe(signal, alert, config), runbook_url: runbookUrl(config, alert.runbook) },
  }));
}

export function burnRateExpr(plan: string, windows: { long: string; short: string; burnRate: number }[], config: KitConfig): string {
  const planMatcher = matcher('plan', '=', plan);
  // The error budget is a constant with no cluster label: many clusters match one budget.
  const toBudget = 'on (plan, workload, slo) group_left ()';
  const budget = (burnRate: number) => `(${sloBudgetRecord}{${planMatcher}} * ${burnRate})`;
  const both = `and on (${workloadKey(config)}, slo)`;
  return windows
    .map((w) => `(${sloErrorRatioRecord(w.long)}{${planMatcher}} > ${toBudget} ${budget(w.burnRate)} ${both} ${sloErrorRatioRecord(w.short)}{${planMatcher}} > ${toBudget} ${budget(w.burnRate)})`)
    .join(' or ');
}

export function sloAlertRules(plan: string, contexts: readonly WorkloadContext[], config: KitConfig): AlertingRule[] {
  if (!contexts.some((c) => c.objectives.length > 0)) return [];
  return burnRateAlerts.map((burn) => ({
    alert: burn.name,
    expr: burnRateExpr(plan, burn.windows, config),
    for: burn.for,
    labels: { severity: burn.severity },
    annotations: {
      summary: burn.severity === 'critical' ? 'A latency SLO is burning its error budget fast enough to page.' : 'A latency SLO is burning its error budget faster than it can last.',
      description: `{{ $labels.workload }} ({{ $labels.kind }}) in {{ $labels.namespace }}: {{ $value | humanizePercentage }} of requests miss the {{ $labels.slo }} objective over ${burn.windows[0]!.long} (burn-rate windows ${burn.windows.map((w) => `${w.long}/${w.short} at ${w.burnRate}×`).join(', ')}).${measuredNote(contexts)}`,
      runbook_url: runbookUrl(config, 'latency-slo-burn'),
    },
  }));
}

/** The objectives measured at a bucket below their threshold, named in the burn-rate alerts' description. */
function measuredNote(contexts: readonly WorkloadContext[]): string {
  const notes = contexts.flatMap((c) => c.objectives.map((o) => ({ o, m: measuredAt(o), workload: c.target.workload })))
    .filter(({ m }) => m.approximated)
    .map(({ o, m, workload }) => `${workload} ${o.slo}: ${o.thresholdSeconds} s measured at the ${m.bucketSeconds} s bucket`);
  return notes.length ? ` Objectives between histogram buckets are measured at the nearest bucket below (${notes.join('; ')}), so they fire early rather than never.` : '';
}

/**
 * The plan exporter absent, per cluster: the plan's pods run in a cluster (by owner, from
 * kube-state-metrics) that publishes no plan series. In a global ruler over several clusters an
 * `absent()` alone stays silent while any cluster still publishes the plan. `absent()` remains
 * for the plan published nowhere before any of its pods run (labelled `plan` only), unless the
 * per-cluster side already names a cluster. On one Prometheus without a cluster label both sides
 * carry `plan` only and give one alert.
 */
export function exporterAbsentRule(plan: string, config: KitConfig): AlertingRule {
  const c = config.clusterLabel;
  const planInfo = `headroom_plan_info{${matcher('plan', '=', plan)}}`;
  const pods = `${podWorkloadRecord}{${matcher('plan', '=', plan)}}`;
  return {
    alert: 'HeadroomPlanExporterAbsent',
    expr: `(count by (${c}, plan) (${pods}) unless on (${c}) count by (${c}) (${planInfo})) or (absent(${planInfo}) unless on () count(${pods}))`,
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
 * kube-state-metrics absent from a cluster that runs the plan: workload identity, ready replicas
 * and every Kubernetes-state signal are blind there. One alert per cluster, instead of a page per
 * workload whose ready replicas would read zero. Labelled with the plan, which the Alertmanager
 * fragment routes on: without it the alert would reach no Headroom receiver.
 */
export function kubeStateMetricsAbsentRule(plan: string, config: KitConfig): AlertingRule {
  const c = config.clusterLabel;
  return {
    alert: 'HeadroomKubeStateMetricsAbsent',
    expr: `count by (${c}, plan) (headroom_plan_info{${matcher('plan', '=', plan)}}) unless on (${c}) count by (${c}) (kube_pod_owner)`,
    for: '10m',
    labels: { severity: 'warning' },
    annotations: {
      summary: 'kube-state-metrics is not scraped where the plan runs: workload identity and Kubernetes-state alerts are blind.',
      description: `No kube_pod_owner series for 10 minutes in {{ $labels.${c} }} where plan ${plan} is published ({{ $value | humanize }} plan series). Workloads cannot be matched to their pods until kube-state-metrics is back.`,
      runbook_url: runbookUrl(config, 'kube-state-metrics-absent'),
    },
  };
}

/**
 * A signal the workload's kind declares for its runtime is absent while the workload's pods run:
 * the metric is not scraped (no PodMonitor, wrong port, annotation missing, renamed metric), so the
 * alerts reading it cannot fire. Within 30 minutes: presence is an instant query (5 minutes of
 * staleness) and the alert holds 15 minutes.
 */
export function signalMissingRule(plan: string, config: KitConfig): AlertingRule {
  return {
    alert: 'HeadroomSignalMissing',
    expr: `${signalAbsentRecord}{${matcher('plan', '=', plan)}}`,
    for: '15m',
    labels: { severity: 'warning' },
    annotations: {
      summary: 'A signal the plan is checked with is missing while the workload runs: its alerts cannot fire.',
      description: '{{ $labels.workload }} ({{ $labels.kind }}) in {{ $labels.namespace }}: {{ $value | humanize }} pods run, but no {{ $labels.signal }} series reaches Prometheus. The alerts that read it stay silent whatever production does.',
      runbook_url: runbookUrl(config, 'signal-missing'),
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
