/** promtool input series: text, expanding values, and the set one test group loads (duplicates folded). */
import { matcher } from '../promql/escape.ts';

export interface InputSeries { series: string; values: string }

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
