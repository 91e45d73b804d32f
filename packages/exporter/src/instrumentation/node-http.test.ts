import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { instrumentNodeHttp } from './node-http.ts';
import { createServingMetrics, type ServingMetrics } from './serving-metrics.ts';
import { closeServers, listen, parseExposition, sampleValue, sleep, waitFor } from './test-helpers.ts';

afterEach(closeServers);

const inFlight = async (m: ServingMetrics) => sampleValue(await m.registry.metrics(), 'headroom_requests_in_flight');

describe('instrumentNodeHttp', () => {
  it('counts a request by route, method and status class, with its duration in the expected bucket', async () => {
    const metrics = createServingMetrics({ sloSeconds: [0.15] });
    const url = await listen(instrumentNodeHttp(async (_req, res) => {
      await sleep(30);
      res.statusCode = 201;
      res.end('ok');
    }, metrics));

    const response = await fetch(`${url}/v1/models/42/infer?verbose=1`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(201);
    await response.text();

    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'headroom_requests_total', { route: '/v1/models/:id/infer', method: 'POST', code: '2xx' })).toBe(1);
    expect(sampleValue(text, 'headroom_request_duration_seconds_count', { code: '2xx' })).toBe(1);
    // About 30 ms: above the 25 ms bound, at or below the 150 ms SLO.
    expect(sampleValue(text, 'headroom_request_duration_seconds_bucket', { code: '2xx', le: '0.025' })).toBe(0);
    expect(sampleValue(text, 'headroom_request_duration_seconds_bucket', { code: '2xx', le: '0.15' })).toBe(1);
    expect(sampleValue(text, 'headroom_request_duration_seconds_sum', { code: '2xx' })).toBeGreaterThanOrEqual(0.029);
    expect(sampleValue(text, 'headroom_requests_in_flight')).toBe(0);
    expect(text).not.toMatch(/namespace=|pod=|container=/);
  });

  it('shows a slow request in flight and takes it out when it is answered', async () => {
    const metrics = createServingMetrics();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const url = await listen(instrumentNodeHttp(async (_req, res) => {
      await released;
      res.end('done');
    }, metrics));

    const pending = fetch(`${url}/slow`).then((r) => r.text());
    await waitFor(async () => (await inFlight(metrics)) === 1);
    release();
    expect(await pending).toBe('done');
    await waitFor(async () => (await inFlight(metrics)) === 0);
    expect(sampleValue(await metrics.registry.metrics(), 'headroom_requests_total', { route: '/slow', code: '2xx' })).toBe(1);
  });

  it('releases in flight when the handler throws, and rethrows to the caller', async () => {
    const metrics = createServingMetrics();
    const instrumented = instrumentNodeHttp((): void => {
      throw new Error('model crashed');
    }, metrics);
    const caught: unknown[] = [];
    // The outer listener stands in for whatever catches handler errors in the real server.
    const url = await listen((req, res) => {
      try {
        instrumented(req, res);
      } catch (err) {
        caught.push(err);
        setTimeout(() => {
          res.statusCode = 500;
          res.end();
        }, 100);
      }
    });

    const pending = fetch(`${url}/predict`);
    await waitFor(() => caught.length === 1);
    // Released at the throw, before anything answers.
    expect(await inFlight(metrics)).toBe(0);
    expect((await pending).status).toBe(500);
    const text = await metrics.registry.metrics();
    // Counted once, though both the throw and the 500 response end the measurement.
    expect(sampleValue(text, 'headroom_requests_total', { route: '/predict', code: '5xx' })).toBe(1);
    expect(sampleValue(text, 'headroom_request_duration_seconds_count', { code: '5xx' })).toBe(1);
  });

  it('releases in flight when an async handler rejects, though nothing answers', async () => {
    const metrics = createServingMetrics();
    const instrumented = instrumentNodeHttp(async (): Promise<void> => {
      await sleep(5);
      throw new Error('rejected');
    }, metrics);
    const rejections: unknown[] = [];
    const url = await listen((req, res) => {
      void instrumented(req, res).catch((err: unknown) => rejections.push(err)); // left unanswered on purpose
    });

    const controller = new AbortController();
    const pending = fetch(`${url}/predict`, { signal: controller.signal }).catch(() => 'aborted');
    await waitFor(() => rejections.length === 1);
    expect(await inFlight(metrics)).toBe(0);
    expect(sampleValue(await metrics.registry.metrics(), 'headroom_requests_total', { code: '5xx' })).toBe(1);
    controller.abort();
    await pending;
  });

  it('counts a request the client abandons as aborted and releases in flight', async () => {
    const metrics = createServingMetrics();
    let arrived = false;
    const url = await listen(instrumentNodeHttp((_req: IncomingMessage, res: ServerResponse) => {
      arrived = true;
      setTimeout(() => res.end('too late'), 300);
    }, metrics));

    const controller = new AbortController();
    const pending = fetch(`${url}/generate`, { signal: controller.signal }).then(() => 'answered', () => 'aborted');
    await waitFor(() => arrived);
    expect(await inFlight(metrics)).toBe(1);
    controller.abort();
    expect(await pending).toBe('aborted');
    await waitFor(async () => (await inFlight(metrics)) === 0);
    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'headroom_requests_total', { route: '/generate', code: 'aborted' })).toBe(1);
    expect(sampleValue(text, 'headroom_request_duration_seconds_count', { code: 'aborted' })).toBe(1);
    await sleep(350); // the late end() must not count the request again
    expect(sampleValue(await metrics.registry.metrics(), 'headroom_requests_total', { route: '/generate', code: '2xx' })).toBeUndefined();
  });

  it('keeps at most maxRoutes + 1 route values over 500 distinct URLs', async () => {
    const metrics = createServingMetrics();
    const url = await listen(instrumentNodeHttp((_req, res) => res.end(), metrics));
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => fetch(`${url}/page-${batch}-${i}?q=${i}`).then((r) => r.text())));
    }
    const samples = parseExposition(await metrics.registry.metrics()).filter((s) => s.name === 'headroom_requests_total');
    const routes = new Set(samples.map((s) => s.labels.route));
    expect(routes.size).toBeLessThanOrEqual(51);
    expect(routes.has('other')).toBe(true);
    expect(samples.reduce((n, s) => n + s.value, 0)).toBe(500);
  });

  it('does not measure scrapes of /metrics', async () => {
    const metrics = createServingMetrics();
    const url = await listen(instrumentNodeHttp((_req, res) => res.end(), metrics));
    await (await fetch(`${url}/metrics`)).text();
    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'headroom_requests_total', { route: '/metrics' })).toBeUndefined();
    expect(sampleValue(text, 'headroom_requests_in_flight')).toBe(0);
  });
});
