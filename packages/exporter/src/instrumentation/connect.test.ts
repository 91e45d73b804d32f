import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { connectMiddleware, type ConnectNext, type ConnectRequest } from './connect.ts';
import { createServingMetrics } from './serving-metrics.ts';
import { closeServers, listen, sampleValue, waitFor } from './test-helpers.ts';

afterEach(closeServers);

type Middleware = (req: ConnectRequest, res: ServerResponse, next: ConnectNext) => void;

/**
 * A minimal Connect/Express-like chain (Express is not a dependency): middleware run in order,
 * `next(err)` skips to a final 500, a mounted router strips its prefix from req.url (keeping
 * originalUrl) and records the matched route template on req.route, as Express does.
 */
function miniApp(stack: Middleware[]) {
  return (raw: IncomingMessage, res: ServerResponse) => {
    const req = raw as ConnectRequest;
    req.originalUrl = req.url;
    let i = 0;
    const next: ConnectNext = (err) => {
      if (err !== undefined) {
        res.statusCode = 500;
        res.end('error');
        return;
      }
      const layer = stack[i++];
      if (!layer) {
        res.statusCode = 404;
        res.end('not found');
        return;
      }
      try {
        layer(req, res, next);
      } catch (e) {
        next(e);
      }
    };
    next();
  };
}

/** Express-style mounted router: `/api` + `/models/:name`. */
const router: Middleware = (req, res, next) => {
  const m = /^\/api\/models\/([^/?]+)/.exec(req.url ?? '');
  if (!m) return next();
  req.baseUrl = '/api';
  req.url = req.url!.slice('/api'.length);
  req.route = { path: '/models/:name' };
  if (m[1] === 'broken') throw new Error('boom');
  setTimeout(() => res.end(`model ${m[1]}`), 20);
};

describe('connectMiddleware', () => {
  it('labels requests by the matched route template, through a mounted router', async () => {
    const metrics = createServingMetrics({ sloSeconds: [0.15] });
    const url = await listen(miniApp([connectMiddleware(metrics), router]));

    for (const name of ['bert', 'resnet', 'gpt2']) expect(await (await fetch(`${url}/api/models/${name}?x=1`)).text()).toBe(`model ${name}`);
    expect((await fetch(`${url}/nowhere/7`)).status).toBe(404);
    expect((await fetch(`${url}/api/models/broken`)).status).toBe(500);

    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'headroom_requests_total', { route: '/api/models/:name', method: 'GET', code: '2xx' })).toBe(3);
    expect(sampleValue(text, 'headroom_requests_total', { route: '/api/models/:name', code: '5xx' })).toBe(1);
    // Unrouted and answered 404: not admitted to the route table.
    expect(sampleValue(text, 'headroom_requests_total', { route: 'other', code: '4xx' })).toBe(1);
    expect(sampleValue(text, 'headroom_request_duration_seconds_bucket', { code: '2xx', le: '0.15' })).toBe(3);
    expect(sampleValue(text, 'headroom_requests_in_flight')).toBe(0);
  });

  it('without a route template, labels by the original URL and tracks in flight', async () => {
    const metrics = createServingMetrics();
    let arrived = 0;
    const slow: Middleware = (_req, res) => {
      arrived++;
      setTimeout(() => res.end('ok'), 100);
    };
    const url = await listen(miniApp([connectMiddleware(metrics), slow]));

    const pending = Promise.all([fetch(`${url}/v1/predict`), fetch(`${url}/v1/predict`)].map((p) => p.then((r) => r.text())));
    await waitFor(() => arrived === 2);
    expect(sampleValue(await metrics.registry.metrics(), 'headroom_requests_in_flight')).toBe(2);
    await pending;
    await waitFor(async () => sampleValue(await metrics.registry.metrics(), 'headroom_requests_in_flight') === 0);
    expect(sampleValue(await metrics.registry.metrics(), 'headroom_requests_total', { route: '/v1/predict', code: '2xx' })).toBe(2);
  });

  it('ends the measurement when next() throws straight through, and rethrows', async () => {
    const metrics = createServingMetrics();
    const middleware = connectMiddleware(metrics);
    const caught: unknown[] = [];
    // No chain catches here: the error reaches the server's listener, which answers 500 itself.
    const url = await listen((req, res) => {
      try {
        middleware(req, res, () => {
          throw new Error('unhandled');
        });
      } catch (err) {
        caught.push(err);
        res.statusCode = 500;
        res.end();
      }
    });
    expect((await fetch(`${url}/x`)).status).toBe(500);
    expect(caught).toHaveLength(1);
    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'headroom_requests_in_flight')).toBe(0);
    expect(sampleValue(text, 'headroom_requests_total', { route: '/x', code: '5xx' })).toBe(1);
  });
});
