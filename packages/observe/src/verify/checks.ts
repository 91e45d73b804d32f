/**
 * What verify asks Prometheus, per workload: every signal's query, rendered for the workload from
 * the recording rules' template (same rate window) but with the owner join inlined, so history from
 * before the kit's rules were loaded counts too; the planned value the alerts compare it with, from
 * the plan series the deployed exporter publishes (or, without them, those the file would give); and
 * the alerts themselves (breach, threshold, for) for the verdict. Latency objectives add their
 * quantile against the SLO.
 */
import { planSamples, type LatencyObjective, type Plan, type PlanSample, type Signal, type SignalAlert, type Sizing } from '@headroom/model';
import { defaultKitConfig } from '../config.ts';
import { burnRateAlerts } from '../rules/slo-windows.ts';
import { renderQuery, type QueryScope } from '../promql/selectors.ts';
import { workloadContexts, type WorkloadContext } from '../workloads.ts';

export interface VerifyCheck {
  /** Signal id, or `latency-<objective id>` for a latency objective. */
  id: string;
  title: string;
  /** Grafana unit id of the signal ('cores', 'bytes', 'reqps', 's', 'percentunit', 'short'...). */
  unit: string;
  /** PromQL for this workload. */
  query: string;
  /** The plan value the alerts compare with, in `unit`; undefined when the alerts use an absolute threshold. */
  planned?: number;
  /** The plan series the value comes from, e.g. headroom_plan_cpu_cores{scope="total"}. */
  plannedFrom?: string;
  alerts: SignalAlert[];
  /**
   * No data is a finding when the signal must exist (a runtime or cAdvisor metric, a latency
   * histogram, anything compared with a plan value); otherwise absence means nothing happened (no
   * OOM kill, no unschedulable pod) and the check is not judged.
   */
  required: boolean;
}

export interface WorkloadChecks {
  workload: string;
  kind: string;
  namespace: string;
  runsAs: 'service' | 'job' | 'gang-job';
  /** Replicas the plan needs at peak: totals are per-replica figures times this. */
  replicasPeak: number;
  checks: VerifyCheck[];
}

export interface CheckOptions {
  /** Rate window filled into `{{window}}`; default the kit's recording-rule window (5m). */
  rateWindow?: string;
  /** The cluster label's name (default `cluster`). */
  clusterLabel?: string;
  /** The plan series as the deployed exporter publishes them (headroom_plan_*); default: the file's. */
  planSamples?: readonly PlanSample[];
}

function plannedValue(samples: readonly PlanSample[], workload: string, signal: Signal): { value: number; from: string } | undefined {
  if (!signal.planned) return undefined;
  const wanted = signal.planned.labels ?? {};
  const sample = samples.find((s) => s.name === signal.planned!.metric && s.labels.workload === workload
    && Object.entries(wanted).every(([k, v]) => s.labels[k] === v));
  if (!sample) return undefined;
  const labels = Object.entries(wanted).map(([k, v]) => `${k}="${v}"`).join(', ');
  return { value: sample.value, from: `${signal.planned.metric}${labels ? `{${labels}}` : ''}` };
}

/** The slow-burn ticket alert's `for`: how long a latency quantile must stay above its SLO to count. */
const latencyHold = burnRateAlerts.find((a) => a.severity === 'warning')?.for ?? '15m';

function latencyCheck(context: WorkloadContext, objective: LatencyObjective, scope: QueryScope, samples: readonly PlanSample[]): VerifyCheck {
  const deployed = samples.find((s) => s.name === 'headroom_plan_latency_slo_seconds' && s.labels.workload === context.target.workload && s.labels.slo === objective.slo);
  const bucketRate = (histogram: string) => renderQuery(`rate(${histogram}_bucket{{{selector}}}[{{window}}]) {{pods}}`, context.target, scope);
  const rates = objective.formerHistogram ? `${bucketRate(objective.histogram)} or ${bucketRate(objective.formerHistogram)}` : bucketRate(objective.histogram);
  return {
    id: `latency-${objective.id}`,
    title: `${objective.title} p${Math.round(objective.objective * 100)}`,
    unit: 's',
    query: `histogram_quantile(${objective.objective}, sum by (le) (${rates}))`,
    planned: deployed?.value ?? objective.thresholdSeconds,
    plannedFrom: `headroom_plan_latency_slo_seconds{slo="${objective.slo}"}`,
    required: true,
    alerts: [{ name: 'HeadroomLatencySLOBurnSlow', severity: 'warning', breach: 'above', threshold: 1, for: latencyHold, runbook: 'latency-slo-burn',
      summary: 'The latency quantile stayed above its SLO.' }],
  };
}

export function verifyChecks(plan: Plan, sizing: Sizing, options: CheckOptions = {}): WorkloadChecks[] {
  const samples = options.planSamples ?? planSamples(plan, sizing);
  return workloadContexts(plan, sizing).map((context) => {
    const byId = new Map(context.signals.map((s) => [s.id, s.query]));
    const scope: QueryScope = { window: options.rateWindow ?? defaultKitConfig.rateWindow, clusterLabel: options.clusterLabel ?? defaultKitConfig.clusterLabel, inline: (id) => byId.get(id) };
    return {
    workload: context.target.workload,
    kind: context.target.kind,
    namespace: context.target.namespace,
    runsAs: context.sizing.runsAs,
    replicasPeak: context.sizing.replicas.peak,
    checks: [
      ...context.signals.map((signal): VerifyCheck => {
        const planned = plannedValue(samples, context.target.workload, signal);
        return {
          id: signal.id, title: signal.title, unit: signal.unit,
          query: renderQuery(signal.query, context.target, scope),
          ...(planned ? { planned: planned.value, plannedFrom: planned.from } : {}),
          alerts: signal.alerts,
          // Absent while the plan names a value, or while the source must publish it: a finding.
          required: signal.presence !== undefined || planned !== undefined,
        };
      }),
      ...context.objectives.map((objective) => latencyCheck(context, objective, scope, samples)),
    ],
  };
  });
}
