/**
 * Breaches shorter than a range query's step. Over 7 days a range query returns a point every ten
 * minutes or so, and a breach that held an alert's `for` (5 or 15 minutes) between two points is
 * invisible in them, though the alert fired. This query asks Prometheus for the level held for the
 * alert's `for` at the rules' evaluation resolution (a subquery), and the most extreme such level
 * within each step: exactly what keeps the alert pending long enough to fire, on any range.
 */
import type { SignalAlert } from '@headroom/model';
import { parseDuration } from './duration.ts';

/** PromQL duration of whole seconds. */
const seconds = (value: number) => `${Math.max(1, Math.round(value))}s`;

/**
 * For an `above` alert: max over each step of (min over the alert's `for`); for `below`, the
 * reverse. Undefined when no subquery is needed: a `differs` alert (judged on the latest value),
 * no `for`, or a step no coarser than the resolution (the points themselves suffice).
 */
export function heldQuery(query: string, alert: SignalAlert, stepSeconds: number, resolutionSeconds: number): string | undefined {
  const hold = parseDuration(alert.for) ?? 0;
  if (alert.breach === 'differs' || hold <= 0 || stepSeconds <= resolutionSeconds) return undefined;
  const [inner, outer] = alert.breach === 'above' ? ['min_over_time', 'max_over_time'] : ['max_over_time', 'min_over_time'];
  const res = seconds(resolutionSeconds);
  return `${outer}(${inner}((${query})[${seconds(hold)}:${res}])[${seconds(stepSeconds)}:${res}])`;
}
