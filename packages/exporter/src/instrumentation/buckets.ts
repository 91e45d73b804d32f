/**
 * Latency bucket bounds for the request-duration histogram. The SLO rules read
 * `headroom_request_duration_seconds_bucket{le="<threshold>"}` with the threshold printed by
 * `String(seconds)`, which is how prom-client prints `le`; so every SLO threshold is kept as the
 * exact number the plan carries, never recomputed, and the rest of the ladder is tidied of floating
 * noise (0.1 + 0.2 → 0.3) so no bound prints as `0.30000000000000004`.
 */

/**
 * The default ladder: Prometheus' client defaults (5 ms to 10 s) extended to 60 s, because model
 * servers on CPU or with long inputs answer in tens of seconds. 13 bounds, plus one per SLO.
 */
export const DEFAULT_LATENCY_BUCKETS: readonly number[] = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]);

/** Drop binary floating noise: 12 significant digits are far finer than any latency bound. */
const tidy = (x: number): number => Number(x.toPrecision(12));

const nearlyEqual = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/**
 * The bucket bounds for a latency histogram: `base` (default {@link DEFAULT_LATENCY_BUCKETS}) merged
 * with every SLO threshold, ascending, without duplicates. A base bound within floating noise of a
 * threshold gives way to the threshold, so `le` prints exactly as the rules expect it.
 * Throws a RangeError for a threshold that is not a positive finite number of seconds, or a base
 * bound that is negative or not finite (prom-client adds `+Inf` itself).
 */
export function sloBuckets(sloSeconds: readonly number[], base: readonly number[] = DEFAULT_LATENCY_BUCKETS): number[] {
  for (const s of sloSeconds) {
    if (!Number.isFinite(s) || s <= 0) throw new RangeError(`An SLO threshold must be a positive, finite number of seconds; got ${s}.`);
  }
  for (const b of base) {
    if (!Number.isFinite(b) || b < 0) throw new RangeError(`A bucket bound must be a finite number of seconds, at least 0; got ${b}.`);
  }
  const thresholds = [...new Set(sloSeconds)];
  const ladder = base.map(tidy).filter((b) => !thresholds.some((s) => nearlyEqual(b, s)));
  return [...new Set([...ladder, ...thresholds])].sort((a, b) => a - b);
}
