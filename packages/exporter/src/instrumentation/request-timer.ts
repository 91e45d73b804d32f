/**
 * One request's measurement: started when the request arrives (in flight +1) and ended exactly
 * once, whichever of finish, close, a thrown error or a framework hook comes first. The first end
 * observes the duration, counts the request and takes it out of flight; later ends do nothing, so
 * the in-flight gauge can neither leak nor go negative.
 */
import type { Counter, Gauge, Histogram } from 'prom-client';
import { codeLabel, methodLabel, type RequestOutcome } from './labels.ts';
import type { RouteTable } from './routes.ts';

export interface RequestTimer {
  /**
   * End the measurement with the status code sent (or `aborted`) and, when a framework knows it,
   * the matched route template (otherwise the URL the request started with). Idempotent.
   */
  end(outcome: RequestOutcome, route?: string): void;
  readonly ended: boolean;
}

export interface RequestInstruments {
  requestDuration: Histogram<'code'>;
  requestsTotal: Counter<'route' | 'method' | 'code'>;
  inFlight: Gauge;
  routeTable: RouteTable;
}

/** A timer for a request that is not measured (an excluded path such as /metrics). */
export const UNMEASURED: RequestTimer = Object.freeze({ end: () => {}, ended: true });

export function startRequestTimer(instruments: RequestInstruments, method: string | undefined, url: string): RequestTimer {
  const started = performance.now();
  const methodValue = methodLabel(method);
  let ended = false;
  instruments.inFlight.inc();
  return {
    end(outcome, route) {
      if (ended) return;
      ended = true;
      try {
        const seconds = (performance.now() - started) / 1000;
        const code = codeLabel(outcome);
        instruments.requestDuration.observe({ code }, seconds);
        instruments.requestsTotal.inc({ route: instruments.routeTable.label(route ?? url, outcome), method: methodValue, code });
      } finally {
        instruments.inFlight.dec();
      }
    },
    get ended() {
      return ended;
    },
  };
}
