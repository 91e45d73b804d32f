/** promtool input series: text, expanding values, and the set one test group loads (duplicates folded). */
import { matcher } from '../promql/escape.ts';

/** Exporter scrape labels of two replicas publishing the same plan. */
export const EXPORTERS = [{ job: 'headroom-exporter', instance: '10.2.0.7:9464' }, { job: 'headroom-exporter', instance: '10.2.0.8:9464' }];

export interface InputSeries { series: string; values: string }

/** promtool's test file shapes (docs: "Unit testing for rules"). */
export interface ExpectedAlert { exp_labels: Record<string, string>; exp_annotations?: Record<string, string> }
export interface AlertTest { eval_time: string; alertname: string; exp_alerts: ExpectedAlert[] }
export interface TestGroup { name: string; interval: string; input_series: InputSeries[]; alert_rule_test: AlertTest[] }

export const seriesText = (metric: string, labels: Record<string, string>) =>
  `${metric}{${Object.entries(labels).map(([k, v]) => matcher(k, '=', v)).join(', ')}}`;

/** promtool's expanding notation: start, then `steps` more samples adding `step` each. */
export const values = (start: number, step: number, steps: number) => `${start}${step < 0 ? '' : '+'}${step}x${steps}`;

/**
 * The series of one test group. Two signals may read the same raw series (CPU use for the plan
 * check and for over-provisioning); promtool would load it twice, so the first one is kept.
 */
export class SeriesSet {
  private readonly byText = new Map<string, InputSeries>();
  add(...series: InputSeries[]): this {
    for (const s of series) if (!this.byText.has(s.series)) this.byText.set(s.series, s);
    return this;
  }
  list(): InputSeries[] {
    return [...this.byText.values()];
  }
}
