/**
 * Instrumentation for a plain node:http request listener. The wrapper is transparent: it returns
 * what the handler returns and rethrows what it throws, but a handler that throws (or rejects)
 * ends the measurement at once as a 500, so the in-flight gauge is released even if nothing ever
 * answers the request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { observeResponse } from './response-observer.ts';
import type { ServingMetrics } from './serving-metrics.ts';

const isThenable = (x: unknown): x is PromiseLike<unknown> =>
  typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';

export function instrumentNodeHttp<Req extends IncomingMessage, Res extends ServerResponse, R>(
  handler: (this: unknown, req: Req, res: Res) => R,
  metrics: Pick<ServingMetrics, 'startRequest'>,
): (this: unknown, req: Req, res: Res) => R {
  return function instrumented(this: unknown, req: Req, res: Res): R {
    const timer = metrics.startRequest(req.method, req.url);
    observeResponse(timer, res);
    let result: R;
    try {
      result = handler.call(this, req, res);
    } catch (err) {
      timer.end(500);
      throw err;
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(undefined, (err: unknown) => {
        timer.end(500);
        throw err;
      }) as R;
    }
    return result;
  };
}
