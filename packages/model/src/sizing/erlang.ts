/**
 * M/M/c queue (Erlang C), first-come-first-served. Sources: Kleinrock, "Queueing Systems" vol. 1
 * (1975), section 3.5 (waiting time: P(W > t) = C(c, a) · exp(−(cμ − λ)t)); Gross, Shortle,
 * Thompson and Harris, "Fundamentals of Queueing Theory" (4th ed., 2008), section 2.3, for the
 * sojourn time T = W + S (waiting plus service), whose tail is what a latency SLO measures:
 *   P(T > t) = (1 − C) · e^(−μt) + C · P(W' + S > t),  W' ~ Exp(cμ − λ), S ~ Exp(μ) independent,
 *   P(W' + S > t) = e^(−μt) · (1 + μ · (1 − e^(−(θ − μ)t)) / (θ − μ)),  θ = cμ − λ
 * (the second factor tends to 1 + μt as θ → μ, computed through expm1 so it stays exact there).
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
  return erlangCFromB(servers, offeredLoad, erlangB);
}

function erlangCFromB(servers: number, offeredLoad: number, erlangB: number): number {
  return (servers * erlangB) / (servers - offeredLoad * (1 - erlangB));
}

/** P(T > t) given the wait probability C: the sojourn (waiting plus service) tail above. */
function sojournTail(waitProbability: number, servers: number, arrivalRate: number, serviceRate: number, seconds: number): number {
  const theta = servers * serviceRate - arrivalRate;
  const d = theta - serviceRate;
  const growth = d === 0 ? seconds : -Math.expm1(-d * seconds) / d;
  const servedBeyond = Math.exp(-serviceRate * seconds);
  return servedBeyond * ((1 - waitProbability) + waitProbability * (1 + serviceRate * growth));
}

/** P(sojourn > t) for an M/M/c queue with arrival rate λ and service rate μ per server (1 when overloaded). */
export function sojournProbabilityBeyond(servers: number, arrivalRate: number, serviceRate: number, seconds: number): number {
  if (servers * serviceRate <= arrivalRate) return 1;
  return Math.min(1, sojournTail(erlangC(servers, arrivalRate / serviceRate), servers, arrivalRate, serviceRate, seconds));
}

/**
 * The floor no worker count gets below: with unlimited servers nobody waits and P(T > t) is the
 * service time's own tail, e^(−μt). An SLO whose quantile needs less is infeasible.
 */
export function serviceOnlyProbabilityBeyond(serviceRate: number, seconds: number): number {
  return Math.exp(-serviceRate * seconds);
}

/**
 * Smallest server count whose sojourn time stays within `maxSojournSeconds` with probability
 * `quantile` (e.g. 0.95). Returns undefined when no server count can (the service time alone
 * exceeds it at that quantile) or `limit` servers do not suffice. Erlang B is carried forward one
 * server at a time, so the search costs O(answer), not O(answer²).
 */
export function serversForSojournQuantile(arrivalRate: number, serviceRate: number, maxSojournSeconds: number, quantile: number, limit = 10_000_000): number | undefined {
  if (serviceOnlyProbabilityBeyond(serviceRate, maxSojournSeconds) > 1 - quantile) return undefined;
  if (arrivalRate <= 0) return 0;
  const offeredLoad = arrivalRate / serviceRate;
  let erlangB = 1;
  for (let servers = 1; servers <= limit; servers++) {
    erlangB = (offeredLoad * erlangB) / (servers + offeredLoad * erlangB);
    if (servers <= offeredLoad) continue;
    const tail = sojournTail(erlangCFromB(servers, offeredLoad, erlangB), servers, arrivalRate, serviceRate, maxSojournSeconds);
    if (tail <= 1 - quantile) return servers;
  }
  return undefined;
}

/** Smallest server count at which an arrival waits with probability at most `maxWaitProbability`. */
export function serversForWaitProbability(offeredLoad: number, maxWaitProbability: number, limit = 10_000_000): number {
  if (offeredLoad <= 0) return 0;
  let erlangB = 1;
  for (let servers = 1; servers <= limit; servers++) {
    erlangB = (offeredLoad * erlangB) / (servers + offeredLoad * erlangB);
    if (servers > offeredLoad && erlangCFromB(servers, offeredLoad, erlangB) <= maxWaitProbability) return servers;
  }
  return limit;
}
