/**
 * Figures over a range query's samples, computed client-side: quantiles (linear interpolation
 * between closest ranks, numpy's default) and the value a breach held for an alert's `for`.
 */

export type Point = readonly [seconds: number, value: number];

export interface Summary {
  samples: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  /** Value of the last sample. */
  last: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * q;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function summarize(points: readonly Point[]): Summary | undefined {
  const values = points.map(([, v]) => v).filter((v) => Number.isFinite(v));
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { samples: values.length, min: sorted[0]!, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1)!, last: values.at(-1)! };
}

/**
 * The most extreme level the series held without interruption for `holdSeconds` — what an alert
 * with `for: holdSeconds` reacts to. `high`: the largest x such that the series stayed ≥ x over
 * some window of that length (max over windows of the window minimum); `low`: the smallest x it
 * stayed ≤ (min over windows of the window maximum). A gap longer than 1.5 steps breaks a window.
 * A series shorter than `holdSeconds` is judged over all of it (the caller reports that).
 */
export function sustained(points: readonly Point[], holdSeconds: number, stepSeconds: number, direction: 'high' | 'low'): number {
  const finite = points.filter(([, v]) => Number.isFinite(v));
  if (finite.length === 0) return Number.NaN;
  const span = finite.at(-1)![0] - finite[0]![0];
  const hold = Math.min(holdSeconds, span);
  const better = direction === 'high' ? Math.max : Math.min;
  const worse = direction === 'high' ? Math.min : Math.max;
  let best = direction === 'high' ? -Infinity : Infinity;
  // Runs of contiguous samples; within each, windows covering `hold` seconds.
  let runStart = 0;
  for (let i = 1; i <= finite.length; i++) {
    if (i < finite.length && finite[i]![0] - finite[i - 1]![0] <= stepSeconds * 1.5) continue;
    const run = finite.slice(runStart, i);
    runStart = i;
    for (let a = 0; a < run.length; a++) {
      let level = run[a]![1];
      let b = a;
      while (b + 1 < run.length && run[b]![0] - run[a]![0] < hold) level = worse(level, run[++b]![1]);
      if (run[b]![0] - run[a]![0] < hold && hold > 0) break;
      best = better(best, level);
    }
  }
  return Number.isFinite(best) ? best : Number.NaN;
}
