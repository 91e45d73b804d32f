import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { metricsHandler } from './metrics-handler.ts';
import { instrumentNodeHttp } from './node-http.ts';
import { pathOf } from './routes.ts';
import { createServingMetrics } from './serving-metrics.ts';
import { closeServers, listen, sampleValue } from './test-helpers.ts';

afterEach(closeServers);

describe('metricsHandler', () => {
  it('serves the registry with its content type beside an instrumented app', async () => {
    const metrics = createServingMetrics({ sloSeconds: [0.15] });
    const serveMetrics = metricsHandler(metrics.registry);
    const app = instrumentNodeHttp((_req, res) => res.end('prediction'), metrics);
    const url = await listen((req, res) => (pathOf(req.url ?? '/') === '/metrics' ? serveMetrics(req, res) : app(req, res)));

    await (await fetch(`${url}/predict`)).text();
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(metrics.registry.contentType);
    const body = await response.text();
    expect(sampleValue(body, 'headroom_requests_total', { route: '/predict', code: '2xx' })).toBe(1);
    expect(body).toContain('le="0.15"');

    const head = await fetch(`${url}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 500 when collecting fails', async () => {
    const registry = new Registry();
    const url = await listen(metricsHandler({ contentType: registry.contentType, metrics: () => Promise.reject(new Error('collector broke')) }));
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('collector broke');
  });
});
