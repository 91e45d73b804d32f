/**
 * The generic rules that turn a workload's signals and latency objectives into panels. Nothing here
 * knows a kind: a new kind's signals get panels by these rules alone.
 *   - a signal with a planned series: actual vs planned (the plan read from the exporter);
 *   - a signal without one: its value, with its alerts' fixed thresholds drawn in;
 *   - a usage signal planned as a total that must stay under plan: a headroom stat;
 *   - a latency objective: percentiles vs the SLO the exporter publishes.
 */
import type { LatencyObjective, Signal } from '@headroom/model';
import type { WorkloadTarget } from '../promql/selectors.ts';
import { headroomRatio, latencyQuantile, latencySlo, planned, signalActual, signalPlanned, type PlanRef } from './queries.ts';
import type { PanelSpec, ThresholdStep } from './spec.ts';
import { panelUnit, titleWithUnit } from './units.ts';

export const ACTUAL = 'actual';
export const PLANNED = 'planned';
export const FORECAST = 'forecast (this month)';

const severityColor = { critical: 'red', warning: 'orange', info: 'blue' } as const;

function plannedLabel(signal: Signal): string {
  const planned = signal.planned!;
  const labels = Object.entries(planned.labels ?? {}).map(([k, v]) => `${k}="${v}"`);
  return labels.length > 0 ? `${planned.metric}{${labels.join(', ')}}` : planned.metric;
}

/** Actual vs planned for a signal with a planned series. */
export function comparisonPanel(signal: Signal, target: WorkloadTarget, ref: PlanRef): PanelSpec {
  const plannedExpr = signalPlanned(signal, ref);
  if (!plannedExpr) throw new Error(`internal: signal ${signal.id} has no planned series`);
  const unit = panelUnit(signal.unit);
  const forecast = signal.planned?.forecast;
  return {
    type: 'timeseries',
    title: `${titleWithUnit(signal.title, unit)} vs plan`,
    description: `${signal.description} The red dashed line is the plan, read from the plan exporter (${plannedLabel(signal)}).`
      + (forecast ? ` The orange dashed "${FORECAST}" line is the growth forecast for the calendar month (${forecast.metric}), published when the plan sets spec.growth.start: traffic above it is growing faster than forecast.` : ''),
    unit,
    queries: [
      { expr: signalActual(signal, target, ref), legend: ACTUAL },
      { expr: plannedExpr, legend: PLANNED, reference: true },
      ...(forecast ? [{ expr: planned(ref, forecast.metric), legend: FORECAST, reference: true, referenceColor: 'orange' }] : []),
    ],
  };
}

/**
 * Fixed thresholds from the signal's alerts that compare with a number rather than a plan series
 * ("KV cache above 0.9"): the line where the alert starts to count.
 */
export function alertThresholds(signal: Signal): ThresholdStep[] | undefined {
  if (signal.planned) return undefined;
  const alert = signal.alerts.find((a) => a.breach === 'above' || a.breach === 'below');
  if (!alert) return undefined;
  const bad = severityColor[alert.severity];
  return alert.breach === 'above'
    ? [{ value: null, color: 'green' }, { value: alert.threshold, color: bad }]
    : [{ value: null, color: bad }, { value: alert.threshold, color: 'green' }];
}

/** A signal's panel: a comparison when it has a plan series, its value with alert thresholds otherwise. */
export function signalPanel(signal: Signal, target: WorkloadTarget, ref: PlanRef): PanelSpec {
  if (signal.planned) return comparisonPanel(signal, target, ref);
  const unit = panelUnit(signal.unit);
  const thresholds = alertThresholds(signal);
  return {
    type: 'timeseries',
    title: titleWithUnit(signal.title, unit),
    description: thresholds ? `${signal.description} The dashed line is where the alert starts to count.` : signal.description,
    unit,
    queries: [{ expr: signalActual(signal, target, ref), legend: ACTUAL }],
    ...(thresholds ? { thresholds } : {}),
  };
}

/** Usage planned as a total for all replicas, that alerts when above plan (CPU, memory, GPU memory). */
export function hasHeadroom(signal: Signal): boolean {
  return signal.planned?.labels?.scope === 'total' && signal.alerts.some((a) => a.breach === 'above');
}

export const headroomThresholds: ThresholdStep[] = [
  { value: null, color: 'red' },
  { value: 0, color: 'yellow' },
  { value: 0.2, color: 'green' },
];

/** (planned − actual) / planned as a stat: red over plan, yellow under 20% left, green otherwise. */
export function headroomPanel(signal: Signal, target: WorkloadTarget, ref: PlanRef): PanelSpec {
  const plannedExpr = signalPlanned(signal, ref);
  if (!plannedExpr) throw new Error(`internal: signal ${signal.id} has no planned series`);
  return {
    type: 'stat',
    title: `Headroom: ${signal.title}`,
    description: `Share of the planned amount still free: (planned − actual) / planned, planned from ${plannedLabel(signal)}. `
      + 'Good: green, 20% or more left. Yellow: under 20% left before the plan\'s peak. Red: above the plan.',
    unit: panelUnit('percentunit'),
    queries: [{ expr: headroomRatio(signalActual(signal, target, ref), plannedExpr), legend: 'headroom' }],
    thresholds: headroomThresholds,
  };
}

const percentile = (q: number) => `p${Math.round(q * 100)}`;

/** Latency percentiles of an objective's histogram with the SLO line. */
export function latencyPanel(objective: LatencyObjective, target: WorkloadTarget, ref: PlanRef, quantiles: readonly number[] = [0.5, 0.95, 0.99]): PanelSpec {
  const sloLegend = `SLO (${percentile(objective.objective)})`;
  const source = objective.formerHistogram ? `${objective.histogram} (or ${objective.formerHistogram}, its former name)` : objective.histogram;
  return {
    type: 'timeseries',
    title: `${objective.title} vs SLO`,
    description: `${objective.title} at ${quantiles.map(percentile).join(', ')} across replicas, from ${source}. `
      + `Good: ${percentile(objective.objective)} stays under the SLO line (headroom_plan_latency_slo_seconds{slo="${objective.slo}"} from the plan exporter), `
      + `so ${Math.round(objective.objective * 100)}% of requests meet the objective.`,
    unit: panelUnit('s'),
    queries: [
      ...quantiles.map((q) => ({ expr: latencyQuantile(objective, target, ref, q), legend: percentile(q) })),
      { expr: latencySlo(objective, ref), legend: sloLegend, reference: true },
    ],
  };
}
