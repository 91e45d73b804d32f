/** Running verify's queries: a bounded pool of requests, and a range result as one series of points. */
import type { Point } from '@headroom/observe';
import type { RangeSeries } from './prometheus.ts';

/** Runs async tasks with at most `limit` in flight, results in task order. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** One series per query is expected (every signal aggregates); several are merged by the maximum per timestamp. */
export function toPoints(series: readonly RangeSeries[]): Point[] {
  const byTime = new Map<number, number>();
  for (const s of series) for (const [t, v] of s.values) if (Number.isFinite(v)) byTime.set(t, Math.max(byTime.get(t) ?? -Infinity, v));
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]);
}
