/**
 * Connect-style middleware, `(req, res, next)`, for Express, Connect and Polka: mount it first.
 * The route label is the matched route template when the framework records one (Express:
 * `req.baseUrl + req.route.path`), otherwise the URL the request arrived with (`req.originalUrl`,
 * which mounted routers leave intact, or `req.url`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { observeResponse } from './response-observer.ts';
import type { ServingMetrics } from './serving-metrics.ts';

/** The request fields read, as Express and friends add them to IncomingMessage. */
export interface ConnectRequest extends IncomingMessage {
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
}

export type ConnectNext = (err?: unknown) => void;

export function connectMiddleware(metrics: Pick<ServingMetrics, 'startRequest'>) {
  return function headroomMetrics(req: ConnectRequest, res: ServerResponse, next: ConnectNext): void {
    const timer = metrics.startRequest(req.method, req.originalUrl ?? req.url);
    observeResponse(timer, res, () => routeTemplate(req));
    try {
      next();
    } catch (err) {
      timer.end(500);
      throw err;
    }
  };
}

function routeTemplate(req: ConnectRequest): string | undefined {
  const path = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : undefined;
}
