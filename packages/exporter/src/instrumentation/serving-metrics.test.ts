import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createServingMetrics } from './serving-metrics.ts';
import { hasPromtool, promtoolCheckMetrics, sampleValue } from './test-helpers.ts';

/** Some traffic through every series family. */
async function exercised(sloSeconds: number[]) {
  const metrics = createServingMetrics({ sloSeconds });
  metrics.startRequest('POST', '/v1/models/7/infer?x=1').end(200);
  metrics.startRequest('GET', '/v1/models').end(503);
  metrics.startRequest('BREW', '/coffee').end('aborted');
  metrics.startRequest('GET', '/slow'); // still in flight
  const leave = metrics.enterQueue();
  metrics.enterQueue();
  leave();
  leave();
  metrics.countTokens({ input: 120, output: 48 });
  return { metrics, text: await metrics.registry.metrics() };
}

describe('createServingMetrics', () => {
  it('publishes the series the signals and SLO rules read, with help, types and bounded labels', async () => {
    const { text } = await exercised([0.15]);
    for (const [name, type] of [
      ['headroom_request_duration_seconds', 'histogram'], ['headroom_requests_total', 'counter'], ['headroom_requests_in_flight', 'gauge'],
      ['headroom_requests_queued', 'gauge'], ['headroom_tokens_total', 'counter'],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
      expect(text).toMatch(new RegExp(`# HELP ${name} \\S`));
    }
    expect(text).toContain('headroom_request_duration_seconds_bucket{le="0.15",code="2xx"} 1');
    expect(sampleValue(text, 'headroom_request_duration_seconds_count', { code: '2xx' })).toBe(1);
    expect(sampleValue(text, 'headroom_requests_total', { route: '/v1/models/:id/infer', method: 'POST', code: '2xx' })).toBe(1);
    expect(sampleValue(text, 'headroom_requests_total', { route: '/v1/models', method: 'GET', code: '5xx' })).toBe(1);
    expect(sampleValue(text, 'headroom_requests_total', { route: '/coffee', method: 'other', code: 'aborted' })).toBe(1);
    expect(sampleValue(text, 'headroom_requests_in_flight')).toBe(1);
    expect(sampleValue(text, 'headroom_requests_queued')).toBe(1);
    expect(sampleValue(text, 'headroom_tokens_total', { direction: 'input' })).toBe(120);
    expect(sampleValue(text, 'headroom_tokens_total', { direction: 'output' })).toBe(48);
    // Prometheus adds these from the Kubernetes target; the instrumentation must not.
    expect(text).not.toMatch(/\b(namespace|pod|container)="/);
  });

  it('puts every SLO threshold on a bucket bound, printed as the rules match it', async () => {
    const { metrics, text } = await exercised([0.15, 0.4, 2]);
    expect(metrics.buckets).toContain(0.15);
    for (const le of ['0.15', '0.4', '2']) expect(text).toContain(`headroom_request_duration_seconds_bucket{le="${le}",code="2xx"}`);
  });

  it('ends a request once, however many times it is ended', async () => {
    const metrics = createServingMetrics();
    const timer = metrics.startRequest('GET', '/x');
    timer.end(200);
    timer.end(500);
    timer.end('aborted');
    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'headroom_requests_in_flight')).toBe(0);
    expect(sampleValue(text, 'headroom_requests_total', { route: '/x', code: '2xx' })).toBe(1);
    expect(text).not.toContain('code="5xx"');
  });

  it('registers on the registry given, and refuses a second set on the same one', () => {
    const registry = new Registry();
    const metrics = createServingMetrics({ registry });
    expect(metrics.registry).toBe(registry);
    expect(registry.getSingleMetric('headroom_requests_in_flight')).toBeDefined();
    expect(() => createServingMetrics({ registry })).toThrow(/already been registered/);
  });

  it.skipIf(!hasPromtool)('passes promtool check metrics', async () => {
    const { text } = await exercised([0.15, 0.075]);
    expect(promtoolCheckMetrics(text)).toEqual({ status: 0, output: '' });
  });
});
