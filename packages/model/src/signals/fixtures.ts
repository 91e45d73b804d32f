/** Fixture shapes for the common kinds of PromQL signal queries. */
import type { FixtureSeries } from '../kinds/types.ts';

type Level = FixtureSeries['level'];

/** `sum(gauge{...})` or `max(...)`: one constant series. */
export const gauge = (metric: string, labels: Record<string, string> = {}, level?: Level) => (value: number): FixtureSeries[] =>
  [{ metric, labels, start: value, perSecond: 0, ...(level ? { level } : {}) }];

/** `sum(rate(counter{...}[w]))`: one counter growing at `value` per second. */
export const counter = (metric: string, labels: Record<string, string> = {}, level?: Level) => (value: number): FixtureSeries[] =>
  [{ metric, labels, start: 0, perSecond: value, ...(level ? { level } : {}) }];

/** `sum(increase(counter{...}[seconds]))`: one counter growing by `value` over `seconds`. */
export const increase = (metric: string, seconds: number, labels: Record<string, string> = {}, level?: Level) => (value: number): FixtureSeries[] =>
  counter(metric, labels, level)(value / seconds);

/** A gauge in another unit: the query multiplies by `scale` (e.g. MiB → bytes). */
export const scaledGauge = (metric: string, scale: number, labels: Record<string, string> = {}, level?: Level) => (value: number): FixtureSeries[] =>
  gauge(metric, labels, level)(value / scale);

/**
 * cAdvisor's two shapes of one container's usage: the container's cgroup (with `container`) and the
 * pod's own cgroup (no `container`, an `id` path), which holds the same usage again. A query that
 * does not exclude the second counts the pod twice.
 */
export const cadvisor = (shape: (metric: string, labels?: Record<string, string>, level?: Level) => (value: number) => FixtureSeries[], metric: string) =>
  (value: number): FixtureSeries[] => [
    ...shape(metric, { image: 'registry.example/app:1', id: '/kubepods/burstable/pod0000/c0ffee' })(value),
    ...shape(metric, { id: '/kubepods/burstable/pod0000' }, 'pod')(value),
  ];
