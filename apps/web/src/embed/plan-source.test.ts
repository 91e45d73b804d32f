import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findPlanPreset } from '@headroom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPlanText } from '../state/store.ts';
import { isPlanUrl, loadPlanSource } from './plan-source.ts';

const SERVED_PLAN = 'apiVersion: headroom/v1\n# served\n';

describe('where an embedded calculator takes its plan from', () => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/docs/plans/serving.yaml') res.writeHead(200, { 'content-type': 'application/yaml' }).end(SERVED_PLAN);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/docs/page.html`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('tells a URL from an inline plan', () => {
    for (const url of ['./plans/a.yaml', '/plans/a.yml', '../a.json', 'https://example.com/plan', 'plans/a.yaml?v=2']) expect(isPlanUrl(url), url).toBe(true);
    for (const inline of ['{"apiVersion":"headroom/v1"}', 'apiVersion: headroom/v1\nkind: CapacityPlan', 'apiVersion: headroom/v1', '[1]']) expect(isPlanUrl(inline), inline).toBe(false);
  });

  it('prefers the plan attribute, then the preset, then the default plan', async () => {
    expect(await loadPlanSource({ plan: 'apiVersion: headroom/v1\n', preset: 'rag' }, base)).toEqual({ ok: true, text: 'apiVersion: headroom/v1\n' });
    expect(await loadPlanSource({ plan: null, preset: 'rag' }, base)).toEqual({ ok: true, text: findPlanPreset('rag')!.yaml });
    expect(await loadPlanSource({ plan: '  ', preset: null }, base)).toEqual({ ok: true, text: defaultPlanText() });
  });

  it('fetches a plan URL relative to the page, over real HTTP', async () => {
    expect(await loadPlanSource({ plan: './plans/serving.yaml', preset: null }, base)).toEqual({ ok: true, text: SERVED_PLAN });
  });

  it('names the attribute and the URL when a plan cannot be loaded, and lists the presets for an unknown one', async () => {
    const missing = await loadPlanSource({ plan: './plans/missing.yaml', preset: null }, base);
    expect(missing).toEqual({ ok: false, message: `plan: could not load ${new URL('./plans/missing.yaml', base).href} (HTTP 404)` });
    const unreachable = await loadPlanSource({ plan: 'http://127.0.0.1:1/plan.yaml', preset: null }, base);
    expect(unreachable.ok).toBe(false);
    expect(!unreachable.ok && unreachable.message).toMatch(/^plan: could not load http:\/\/127\.0\.0\.1:1\/plan\.yaml \(/);
    const unknown = await loadPlanSource({ plan: null, preset: 'chatbot' }, base);
    expect(!unknown.ok && unknown.message).toMatch(/^preset: no preset named "chatbot"; known: chat-assistant, /);
  });
});
