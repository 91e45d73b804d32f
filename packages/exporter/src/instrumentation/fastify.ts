/**
 * A Fastify plugin (v4 and v5) built on Fastify's documented hooks, with local types so Fastify
 * need not be installed: `fastify.register(fastifyPlugin(metrics))`.
 *
 * - onRequest(request, reply, done) starts the measurement (routing has run, so the route
 *   template `request.routeOptions.url` is known; Fastify before 4.10 has `request.routerPath`);
 * - onResponse(request, reply, done) ends it with `reply.statusCode`; Fastify runs it on the
 *   raw response's 'finish';
 * - onRequestAbort(request, done) (Fastify 4.21+) ends it as `aborted`, and the raw response's
 *   'close' does the same where that hook does not exist, so in-flight never leaks.
 *
 * The plugin carries `Symbol.for('skip-override')`, as fastify-plugin would set, so its hooks
 * apply to the whole instance rather than to an encapsulated child context.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestTimer } from './request-timer.ts';
import { observeResponse } from './response-observer.ts';
import type { ServingMetrics } from './serving-metrics.ts';

/** The request fields read (a subset of FastifyRequest). */
export interface FastifyRequestLike {
  method: string;
  url: string;
  raw: IncomingMessage;
  routeOptions?: { url?: string | undefined };
  routerPath?: string | undefined;
}

/** The reply fields read (a subset of FastifyReply). */
export interface FastifyReplyLike {
  statusCode: number;
  raw: ServerResponse;
}

type Done = (err?: Error) => void;
export type FastifyHook = (request: FastifyRequestLike, reply: FastifyReplyLike, done: Done) => void;
export type FastifyAbortHook = (request: FastifyRequestLike, done: Done) => void;

/** The part of FastifyInstance used. */
export interface FastifyInstanceLike {
  addHook(name: 'onRequest' | 'onResponse', hook: FastifyHook): unknown;
  addHook(name: 'onRequestAbort', hook: FastifyAbortHook): unknown;
}

/**
 * The plugin's type. The instance parameter is typed `object` so that a real FastifyInstance,
 * whose generic `addHook` overloads no local type can mirror, is accepted by `register`.
 */
export type FastifyPluginLike = ((instance: object, options: unknown, done: Done) => void) & Record<symbol, unknown>;

const routeOf = (request: FastifyRequestLike): string => request.routeOptions?.url ?? request.routerPath ?? request.url;

export function fastifyPlugin(metrics: Pick<ServingMetrics, 'startRequest'>): FastifyPluginLike {
  const timers = new WeakMap<FastifyRequestLike, RequestTimer>();

  const plugin = ((fastify: object, _options: unknown, done: Done): void => {
    const instance = fastify as FastifyInstanceLike;
    instance.addHook('onRequest', (request, reply, next) => {
      const timer = metrics.startRequest(request.method, request.url);
      timers.set(request, timer);
      observeResponse(timer, reply.raw, () => routeOf(request));
      next();
    });
    instance.addHook('onResponse', (request, reply, next) => {
      timers.get(request)?.end(reply.statusCode, routeOf(request));
      next();
    });
    try {
      instance.addHook('onRequestAbort', (request, next) => {
        timers.get(request)?.end('aborted', routeOf(request));
        next();
      });
    } catch {
      // Fastify before 4.21 has no onRequestAbort; the raw response's 'close' covers aborts there.
    }
    done();
  }) as FastifyPluginLike;

  plugin[Symbol.for('skip-override')] = true;
  plugin[Symbol.for('fastify.display-name')] = 'headroom-instrumentation';
  plugin[Symbol.for('plugin-meta')] = { name: 'headroom-instrumentation', fastify: '4.x || 5.x' };
  return plugin;
}
