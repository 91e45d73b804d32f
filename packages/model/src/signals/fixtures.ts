/** Fixture shapes for the common kinds of PromQL signal queries. */
import type { FixtureSeries } from '../kinds/types.ts';

/** `sum(gauge{...})` or `max(...)`: one constant series. */
export const gauge = (metric: string, labels: Record<string, string> = {}) => (value: number): FixtureSeries[] =>
  [{ metric, labels, start: value, perSecond: 0 }];

/** `sum(rate(counter{...}[w]))`: one counter growing at `value` per second. */
export const counter = (metric: string, labels: Record<string, string> = {}) => (value: number): FixtureSeries[] =>
  [{ metric, labels, start: 0, perSecond: value }];

/** A gauge in another unit: the query multiplies by `scale` (e.g. MiB → bytes). */
export const scaledGauge = (metric: string, scale: number, labels: Record<string, string> = {}) => (value: number): FixtureSeries[] =>
  [{ metric, labels, start: value / scale, perSecond: 0 }];

/**
 * `histogram_quantile(0.95, sum by (le) (rate(h_bucket[w])))`: all observations land in the bucket
 * just above `value`'s neighbourhood, so the p95 is near `value`. Buckets are 2× apart around it,
 * written the way `leFormat` clients print them.
 */
export const latencyHistogram = (metric: string, leFormat: 'python' | 'go') => (value: number): FixtureSeries[] => {
  const le = (bound: number) => (leFormat === 'python' && Number.isInteger(bound) ? bound.toFixed(1) : String(bound));
  const lower = value * 0.98;
  const upper = value * 1.02;
  return [
    { metric: `${metric}_bucket`, labels: { le: le(lower) }, start: 0, perSecond: 0 },
    { metric: `${metric}_bucket`, labels: { le: le(upper) }, start: 0, perSecond: 10 },
    { metric: `${metric}_bucket`, labels: { le: '+Inf' }, start: 0, perSecond: 10 },
    { metric: `${metric}_count`, start: 0, perSecond: 10 },
  ];
};
