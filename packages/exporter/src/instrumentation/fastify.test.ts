/**
 * Fastify itself is not installed (not a dependency of Headroom): a tiny fake runs the plugin the
 * way Fastify does — register() with (instance, options, done), callback-style hooks with
 * request/reply objects shaped like Fastify's (request.routeOptions.url, reply.statusCode,
 * .raw), onResponse on the raw response's 'finish', onRequestAbort on the raw request's 'close'
 * before the response ended — over a real node:http server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fastifyPlugin, type FastifyAbortHook, type FastifyHook, type FastifyPluginLike, type FastifyReplyLike, type FastifyRequestLike } from './fastify.ts';
import { createServingMetrics } from './serving-metrics.ts';
import { closeServers, listen, sampleValue, waitFor } from './test-helpers.ts';

afterEach(closeServers);

type Handler = (request: FastifyRequestLike, reply: FastifyReplyLike & { send(body: string): void }) => void;

function fakeFastify({ supportsAbortHook = true } = {}) {
  const hooks = { onRequest: [] as FastifyHook[], onResponse: [] as FastifyHook[], onRequestAbort: [] as FastifyAbortHook[] };
  const routes: { method: string; url: string; handler: Handler }[] = [];
  const instance = {
    addHook(name: string, hook: FastifyHook | FastifyAbortHook) {
      if (name === 'onRequestAbort' && !supportsAbortHook) throw new Error(`FST_ERR_HOOK_NOT_SUPPORTED: ${name} hook not supported!`);
      if (!(name in hooks)) throw new Error(`unknown hook ${name}`);
      (hooks[name as keyof typeof hooks] as unknown[]).push(hook);
      return instance;
    },
  };
  const runHooks = (list: FastifyHook[], request: FastifyRequestLike, reply: FastifyReplyLike, then: () => void) => {
    const step = (i: number) => (i === list.length ? then() : list[i]!(request, reply, (err) => (err ? then() : step(i + 1))));
    step(0);
  };
  const match = (method: string, path: string) => routes.find((r) => {
    const a = r.url.split('/');
    const b = path.split('/');
    return r.method === method && a.length === b.length && a.every((s, i) => s.startsWith(':') || s === b[i]);
  });

  return {
    hooks,
    register(plugin: FastifyPluginLike) {
      expect(plugin[Symbol.for('skip-override')]).toBe(true);
      let done = false;
      plugin(instance, {}, () => (done = true));
      expect(done).toBe(true);
    },
    get(url: string, handler: Handler) {
      routes.push({ method: 'GET', url, handler });
    },
    listener(req: IncomingMessage, res: ServerResponse) {
      const path = (req.url ?? '/').split('?')[0]!;
      const route = match(req.method ?? 'GET', path);
      const request: FastifyRequestLike = { method: req.method ?? 'GET', url: req.url ?? '/', raw: req, routeOptions: { url: route?.url } };
      const reply = {
        raw: res,
        get statusCode() { return res.statusCode; },
        set statusCode(code: number) { res.statusCode = code; },
        send(body: string) { res.end(body); },
      };
      res.on('finish', () => runHooks(hooks.onResponse, request, reply, () => {}));
      req.on('close', () => {
        if (!res.writableEnded) for (const h of hooks.onRequestAbort) h(request, () => {});
      });
      runHooks(hooks.onRequest, request, reply, () => {
        if (!route) {
          reply.statusCode = 404;
          reply.send('not found');
          return;
        }
        route.handler(request, reply);
      });
    },
  };
}

describe('fastifyPlugin', () => {
  it('registers onRequest, onResponse and onRequestAbort on the instance', () => {
    const app = fakeFastify();
    app.register(fastifyPlugin(createServingMetrics()));
    expect(Object.fromEntries(Object.entries(app.hooks).map(([k, v]) => [k, v.length]))).toEqual({ onRequest: 1, onResponse: 1, onRequestAbort: 1 });
  });

  it('counts requests by route template and reply status, and measures their duration', async () => {
    const metrics = createServingMetrics({ sloSeconds: [0.15] });
    const app = fakeFastify();
    app.register(fastifyPlugin(metrics));
    app.get('/v2/models/:model/infer', (request, reply) => {
      setTimeout(() => {
        reply.statusCode = request.url.includes('missing') ? 400 : 200;
        reply.send('ok');
      }, 30);
    });
    const url = await listen(app.listener);

    for (const model of ['bert', 'resnet', 'missing']) await (await fetch(`${url}/v2/models/${model}/infer?x=1`)).text();
    expect((await fetch(`${url}/nope`)).status).toBe(404);

    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'headroom_requests_total', { route: '/v2/models/:model/infer', method: 'GET', code: '2xx' })).toBe(2);
    expect(sampleValue(text, 'headroom_requests_total', { route: '/v2/models/:model/infer', code: '4xx' })).toBe(1);
    expect(sampleValue(text, 'headroom_requests_total', { route: 'other', code: '4xx' })).toBe(1);
    expect(sampleValue(text, 'headroom_request_duration_seconds_bucket', { code: '2xx', le: '0.025' })).toBe(0);
    expect(sampleValue(text, 'headroom_request_duration_seconds_bucket', { code: '2xx', le: '0.15' })).toBe(2);
    expect(sampleValue(text, 'headroom_requests_in_flight')).toBe(0);
  });

  for (const supportsAbortHook of [true, false]) {
    it(`counts an abandoned request as aborted and releases in flight (${supportsAbortHook ? 'onRequestAbort' : 'Fastify < 4.21: raw close'})`, async () => {
      const metrics = createServingMetrics();
      const app = fakeFastify({ supportsAbortHook });
      app.register(fastifyPlugin(metrics));
      let arrived = false;
      app.get('/generate', (_request, reply) => {
        arrived = true;
        setTimeout(() => reply.send('late'), 200);
      });
      const url = await listen(app.listener);

      const controller = new AbortController();
      const pending = fetch(`${url}/generate`, { signal: controller.signal }).then(() => 'answered', () => 'aborted');
      await waitFor(() => arrived);
      expect(sampleValue(await metrics.registry.metrics(), 'headroom_requests_in_flight')).toBe(1);
      controller.abort();
      expect(await pending).toBe('aborted');
      await waitFor(async () => sampleValue(await metrics.registry.metrics(), 'headroom_requests_in_flight') === 0);
      expect(sampleValue(await metrics.registry.metrics(), 'headroom_requests_total', { route: '/generate', code: 'aborted' })).toBe(1);
    });
  }
});
