/**
 * M/M/c queue (Erlang C). Sources: Kleinrock, "Queueing Systems" vol. 1 (1975), section 3.5; the
 * waiting-time tail P(W > t) = C(c, a) · exp(−(cμ − λ)t) for first-come-first-served service.
 */

/**
 * Probability an arrival waits, for `servers` servers and offered load `offeredLoad` = λ/μ in
 * Erlangs. Computed through the Erlang B recursion, which stays stable for thousands of servers.
 */
export function erlangC(servers: number, offeredLoad: number): number {
  if (offeredLoad <= 0) return 0;
  if (servers <= offeredLoad) return 1;
  let erlangB = 1;
  for (let k = 1; k <= servers; k++) erlangB = (offeredLoad * erlangB) / (k + offeredLoad * erlangB);
  return (servers * erlangB) / (servers - offeredLoad * (1 - erlangB));
}

/** P(wait > t) for an M/M/c queue with arrival rate λ and service rate μ per server. */
export function waitProbabilityBeyond(servers: number, arrivalRate: number, serviceRate: number, seconds: number): number {
  if (servers * serviceRate <= arrivalRate) return 1;
  return erlangC(servers, arrivalRate / serviceRate) * Math.exp(-(servers * serviceRate - arrivalRate) * seconds);
}

/**
 * Smallest server count whose waiting time stays within `maxWaitSeconds` with probability
 * `quantile` (e.g. 0.95). Returns undefined when `limit` servers do not suffice. Erlang B is
 * carried forward one server at a time, so the search costs O(answer), not O(answer²).
 */
export function serversForWaitQuantile(arrivalRate: number, serviceRate: number, maxWaitSeconds: number, quantile: number, limit = 10_000_000): number | undefined {
  if (arrivalRate <= 0) return 0;
  const offeredLoad = arrivalRate / serviceRate;
  let erlangB = 1;
  for (let servers = 1; servers <= limit; servers++) {
    erlangB = (offeredLoad * erlangB) / (servers + offeredLoad * erlangB);
    if (servers <= offeredLoad) continue;
    const waitProbability = (servers * erlangB) / (servers - offeredLoad * (1 - erlangB));
    if (waitProbability * Math.exp(-(servers * serviceRate - arrivalRate) * maxWaitSeconds) <= 1 - quantile) return servers;
  }
  return undefined;
}
