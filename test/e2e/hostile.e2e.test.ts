/**
 * Hostile input in real headless Chromium (issue 13): shared links carrying a deflate bomb, an
 * alias bomb, deep nesting or an undefined alias; an autosave that would poison every load; the
 * iframe embed framed by a page on another origin (127.0.0.1 and localhost on different ports are
 * two origins) asking for a plan only the embed's origin can read; the Content-Security-Policy of
 * the built pages; a pasted plan of 200 workloads. (How long it holds the main thread: test/bench/browser.bench.ts.)
 *
 * Code that runs in the page is written as strings: the root tsconfig has no DOM types.
 */
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Frame, Page } from 'playwright-core';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPlan } from '../bench/plans.ts';
import { ROOT, serveStatic, type StaticServer } from './server.ts';
import { BrowserSession } from './session.ts';

const SETUP_TIMEOUT = 120_000;
const TEST_TIMEOUT = 40_000;
const DIST = process.env.HEADROOM_E2E_DIST ? join(ROOT, process.env.HEADROOM_E2E_DIST) : join(ROOT, '.tmp/e2e-hostile-dist');

const link = (text: string | Buffer) => `#plan=${deflateRawSync(typeof text === 'string' ? Buffer.from(text) : text, { level: 9 }).toString('base64url')}`;

function aliasBomb(): string {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

const PRIVATE_PLAN = `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: private-plan }
spec:
  workloads:
    - { name: secret, kind: model-serving, device: cpu, traffic: { peakRequestsPerSecond: 80 }, serviceTime: 20 ms, model: { sizeBytes: 500 MiB } }
`;

/** A page that frames the embed from `embedBase` three ways and records every sizing message it receives. */
const hostPage = (embedBase: string, selfOrigin: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host</title></head>
<body>
  <iframe id="private" title="private" src="${embedBase}embed.html?plan=/private/plan.yaml&compact&sizing-origin=${encodeURIComponent(selfOrigin)}" style="width: 900px; height: 300px"></iframe>
  <iframe id="public" title="public" src="${embedBase}embed.html?preset=rag&compact&sizing-origin=${encodeURIComponent(selfOrigin)}" style="width: 900px; height: 300px"></iframe>
  <iframe id="elsewhere" title="elsewhere" src="${embedBase}embed.html?preset=llm-chat&compact&sizing-origin=${encodeURIComponent('http://example.invalid')}" style="width: 900px; height: 300px"></iframe>
  <script>
    window.sizings = [];
    addEventListener('message', (event) => {
      if (event.data?.type !== 'headroom:sizing') return;
      const from = ['private', 'public', 'elsewhere'].find((id) => document.getElementById(id).contentWindow === event.source);
      window.sizings.push({ from, plan: event.data.sizing.plan.name });
    });
  </script>
</body></html>`;

let session: BrowserSession;
let otherOrigin: StaticServer;

const totalGpus = (page: Page | Frame) => page.locator('[data-testid="total-gpus"]').first().textContent();
const issuesText = (page: Page) => page.locator('#plan-issues').textContent();

describe('hostile input in headless Chromium', () => {
  beforeAll(async () => {
    session = await BrowserSession.start(DIST, { '/private/plan.yaml': PRIVATE_PLAN });
    const embedBase = session.server.url; // http://127.0.0.1:PORT/
    // The host page names its own origin, known once its server listens (pages are looked up per request).
    const foreignPages: Record<string, string> = {};
    otherOrigin = await serveStatic(DIST, foreignPages);
    foreignPages['/host.html'] = hostPage(embedBase, new URL(otherOrigin.url.replace('127.0.0.1', 'localhost')).origin);
    console.log(`[e2e:hostile] ${session.build.built ? `built apps/web into ${DIST} in ${Math.round(session.build.ms)} ms` : `serving ${DIST}`}`);
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await otherOrigin?.close();
    await session?.close();
  }, SETUP_TIMEOUT);

  it.each([
    ['a deflate bomb', () => link(Buffer.alloc(200_000_000, 0x20)), /The plan in this link is too large: it inflates to more than 1048576 bytes/, 'notice'],
    ['a damaged payload', () => '#plan=AAAA', /The plan in this link cannot be read/, 'notice'],
    ['an alias bomb', () => link(aliasBomb()), /values after expanding aliases, over the limit of 200000 \(expandedNodes\)/, 'issues'],
    ['deep nesting', () => link(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), /levels of nesting, over the limit of 32 \(nestingDepth\)/, 'notice'],
    ['an undefined alias', () => link('apiVersion: headroom/v1\nspec: *nothing\n'), /the alias \*nothing names no anchor/, 'issues'],
    ['a million blank lines', () => link(`${'\n'.repeat(1_000_000)}a: 1`), /lines, over the limit of 50000 \(planLines\)/, 'notice'],
  ])('a link with %s shows why beside the editor and keeps a plan sized on screen', async (_name, hash, message, where) => {
    const page = await session.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${session.server.url}index.html${hash()}`);
    const shown = where === 'notice' ? page.locator('.plan-notice') : page.locator('#plan-issues');
    await expect.poll(() => shown.textContent(), { timeout: 20_000 }).toMatch(message);
    expect(Number(await totalGpus(page))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, TEST_TIMEOUT);

  it('a pasted plan of 200 workloads is sized: its totals replace the previous plan\'s, with no page error', async () => {
    const page = await session.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${session.server.url}index.html`);
    await expect.poll(() => page.locator('#totals-heading').textContent(), { timeout: 20_000 }).toBe('Totals for chat-assistant');
    // A paste: the whole text in one input event (what fill() would type through actionability checks).
    await page.evaluate(`(() => {
      const area = document.getElementById('plan-text');
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(area, ${JSON.stringify(stringify(syntheticPlan(200)))});
      area.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    await expect.poll(() => page.locator('#totals-heading').textContent(), { timeout: 30_000 }).toBe('Totals for bench-200');
    expect(Number((await totalGpus(page))?.replaceAll(',', ''))).toBeGreaterThan(0);
    expect(await issuesText(page)).toBe('The plan is valid.');
    expect(errors).toEqual([]);
  }, TEST_TIMEOUT);

  it('sets a poisoned autosave aside, opens the example plan, and offers to show or discard it', async () => {
    const page = await session.newPage();
    const poison = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    await page.addInitScript(`if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem('headroom.plan', ${JSON.stringify(poison)}); }`);
    await page.goto(`${session.server.url}index.html`);
    const notice = page.locator('.plan-notice');
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toMatch(/The plan saved in this browser could not be loaded \(line 1: .*nestingDepth\)\)\. It was set aside/);
    expect(Number(await totalGpus(page))).toBeGreaterThan(0);
    expect(await page.evaluate<string | null>(`localStorage.getItem('headroom.plan')`)).toBeNull();

    // Showing it puts the text in the editor, where its problem is listed; results stay.
    await page.getByRole('button', { name: 'Show the stored plan' }).click();
    await expect.poll(() => issuesText(page), { timeout: 20_000 }).toMatch(/nestingDepth/);
    expect(await page.locator('#plan-text').inputValue()).toBe(poison);
    expect(Number(await totalGpus(page))).toBeGreaterThan(0);

    // The bad text goes into the hash (the editor's state is shareable) but never into the autosave:
    // a reload opens on the example plan, and says the link's plan was not opened.
    await expect.poll(() => page.evaluate<string>('location.hash'), { timeout: 10_000 }).toMatch(/^#plan=/);
    expect(await page.evaluate<string | null>(`localStorage.getItem('headroom.plan')`)).toBeNull();
    await page.reload();
    await expect.poll(() => page.locator('.plan-notice').textContent(), { timeout: 20_000 }).toMatch(/^The plan in this link was not opened: line 1: the plan exceeds a limit/);
    expect(Number(await totalGpus(page))).toBeGreaterThan(0);
  }, TEST_TIMEOUT);

  it('the embed answers only its own page: a page on another origin gets no private plan and no sizing it did not name itself', async () => {
    const page = await session.newPage();
    const violations: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') violations.push(message.text()); });
    await page.goto(`${otherOrigin.url.replace('127.0.0.1', 'localhost')}host.html`);
    const privateFrame = page.frameLocator('#private');
    await expect.poll(() => privateFrame.getByRole('alert').textContent(), { timeout: 20_000 })
      .toMatch(/asked for the plan at \/private\/plan\.yaml, which is not on the origin of the page embedding it \(http:\/\/localhost:\d+\)/);
    // The public preset's sizing does come: the host named its own origin.
    await expect.poll(() => page.evaluate<{ from: string; plan: string }[]>('window.sizings'), { timeout: 20_000 }).toContainEqual({ from: 'public', plan: 'rag' });
    await expect.poll(() => page.frameLocator('#elsewhere').locator('[data-testid="total-gpus"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const sizings = await page.evaluate<{ from: string; plan: string }[]>('window.sizings');
    expect(sizings.filter((s) => s.from !== 'public')).toEqual([]);
    expect(violations.some((v) => v.includes('sizing-origin=http://example.invalid is not the origin of the page embedding this calculator'))).toBe(true);
  }, TEST_TIMEOUT);

  it('the embed on its own origin loads the plan by URL and posts its sizing', async () => {
    const page = await session.newPage();
    await page.setContent('<p>placeholder</p>');
    await page.goto(`${session.server.url}embedding.html`);
    await page.evaluate(`(() => {
      window.sizings = [];
      addEventListener('message', (event) => { if (event.data?.type === 'headroom:sizing') window.sizings.push(event.data.sizing.plan.name); });
      const frame = document.createElement('iframe');
      frame.src = './embed.html?plan=/private/plan.yaml&compact&sizing-origin=' + encodeURIComponent(location.origin);
      document.body.append(frame);
    })()`);
    await expect.poll(() => page.evaluate<string[]>('window.sizings'), { timeout: 20_000 }).toContain('private-plan');
  }, TEST_TIMEOUT);

  it('the built app and embed page carry a Content-Security-Policy that blocks injected inline script', async () => {
    for (const path of ['index.html', 'embed.html?preset=rag']) {
      const page = await session.open(path);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");
      await page.evaluate(`(() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.head.append(s); })()`);
      expect(await page.evaluate('window.injected === true')).toBe(false);
    }
  }, TEST_TIMEOUT);
});
