/**
 * The embedded calculator in real headless Chromium (issue 7): <headroom-calculator> on a host page
 * with hostile global CSS, two instances with different presets that must stay independent, the
 * iframe mode resizing to its content, the example page's three ways, and the embed.js budget
 * (printed, never asserted: JavaScript fetched before charts load, gzip).
 *
 * Code that runs in the page is written as strings: the root tsconfig has no DOM types.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './server.ts';
import { BrowserSession } from './session.ts';
import { readZip } from './zip.ts';

const SETUP_TIMEOUT = 120_000;
const TEST_TIMEOUT = 60_000;
const DIST = process.env.HEADROOM_E2E_DIST ? join(ROOT, process.env.HEADROOM_E2E_DIST) : join(ROOT, '.tmp/e2e-embed-dist');

/** Global CSS that would wreck any component it could reach, plus host content to prove nothing leaks out. */
const HOSTILE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile host</title>
<style>
  html { font-size: 40px; line-height: 3; letter-spacing: 3px; }
  * { font-family: "Comic Sans MS", cursive !important; color: rgb(255, 0, 255) !important; box-sizing: content-box !important; }
  div, p, section, table, tr, td, th, dl, dd, button, textarea, h2 { display: inline !important; margin: 40px !important; border: 5px dotted red !important; background: yellow !important; }
  :root { --ink: red; --surface: black; --accent: lime; --line: orange; }
  h2 { font-size: 13px; }
</style></head>
<body>
  <h2 id="host-heading">Host heading</h2>
  <p id="host-paragraph">Host paragraph</p>
  <headroom-calculator id="first" preset="rag" theme="light"></headroom-calculator>
  <headroom-calculator id="second" preset="batch-scoring" compact theme="dark"></headroom-calculator>
  <headroom-calculator id="third" readonly compact plan='{"apiVersion":"headroom/v1","kind":"CapacityPlan","metadata":{"name":"inline-json"},"spec":{"workloads":[{"name":"scorer","kind":"model-serving","device":"cpu","traffic":{"peakRequestsPerSecond":50},"serviceTime":"20 ms","model":{"sizeBytes":"500 MiB"},"slo":{"latencyP95":"200 ms"}}]}}'></headroom-calculator>
  <script>
    window.sizingEvents = [];
    document.addEventListener('sizingchange', (event) => window.sizingEvents.push({ id: event.target.id, plan: event.detail.plan.name, gpus: event.detail.cluster.totals.gpus }));
  </script>
  <script type="module" src="./embed.js"></script>
</body></html>`;

/** A host that gives the iframe a small height and lets it grow to its content. */
const IFRAME_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Iframe host</title></head>
<body>
  <iframe id="frame" src="./embed.html?preset=llm-chat&compact" title="Headroom calculator" style="width: 900px; height: 150px; border: 0"></iframe>
  <iframe id="told" title="Headroom calculator that may post sizings here" style="width: 900px; height: 300px; border: 0"></iframe>
  <script>
    document.getElementById('told').src = './embed.html?preset=rag&compact&sizing-origin=' + encodeURIComponent(location.origin);
    window.resizes = [];
    window.sizings = [];
    addEventListener('message', (event) => {
      if (event.data?.type === 'headroom:sizing') window.sizings.push({ from: event.source === document.getElementById('told').contentWindow ? 'told' : 'frame', plan: event.data.sizing.plan.name });
      if (event.data?.type !== 'headroom:resize') return;
      const frame = document.getElementById('frame');
      if (frame.contentWindow !== event.source) return;
      window.resizes.push(event.data.height);
      frame.style.height = event.data.height + 'px';
    });
  </script>
</body></html>`;

/** Only the element, compact (no charts at all): every script it fetches counts toward the budget. */
const BUDGET_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Budget</title></head>
<body><headroom-calculator preset="chat-assistant" compact></headroom-calculator><script type="module" src="./embed.js"></script></body></html>`;

/** A plan file on the docs site, and a page that embeds it by URL, plus one whose URL is wrong. */
const SERVED_PLAN = `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: served-plan }
spec:
  workloads:
    - { name: scorer, kind: model-serving, device: cpu, traffic: { peakRequestsPerSecond: 80 }, serviceTime: 20 ms, model: { sizeBytes: 500 MiB }, slo: { latencyP95: 200 ms } }
`;
const URL_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plans by URL</title></head>
<body>
  <headroom-calculator id="by-url" plan="./plans/serving.yaml" compact></headroom-calculator>
  <headroom-calculator id="broken-url" plan="./plans/missing.yaml" compact></headroom-calculator>
  <script type="module" src="./embed.js"></script>
</body></html>`;

/** A docs page in a subfolder: the kit must fetch the exporter bundle beside embed.js, not beside the page. */
const SUBFOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Docs page in a subfolder</title></head>
<body><headroom-calculator preset="rag"></headroom-calculator><script type="module" src="../../embed.js"></script></body></html>`;

let session: BrowserSession;
const open = (path: string) => session.open(path, { width: 1280, height: 900 });

/** Playwright's CSS locators pierce open shadow roots, so `#first .x` finds .x inside #first. */
const totalsHeading = (page: Page | Frame, host: string) => page.locator(`${host} #totals-heading`);
const totalGpus = (page: Page | Frame, host: string) => page.locator(`${host} [data-testid="total-gpus"]`).textContent();

function computed(page: Page, host: string, selector: string, properties: string[]): Promise<Record<string, string>> {
  return page.evaluate<Record<string, string>>(`(() => {
    const root = document.querySelector(${JSON.stringify(host)}).shadowRoot;
    const style = getComputedStyle(root.querySelector(${JSON.stringify(selector)}));
    return Object.fromEntries(${JSON.stringify(properties)}.map((p) => [p, style.getPropertyValue(p)]));
  })()`);
}

describe('the embedded calculator in headless Chromium', () => {
  beforeAll(async () => {
    session = await BrowserSession.start(DIST, {
      '/hostile.html': HOSTILE_PAGE,
      '/iframe-host.html': IFRAME_PAGE,
      '/budget.html': BUDGET_PAGE,
      '/by-url.html': URL_PAGE,
      '/plans/serving.yaml': SERVED_PLAN,
      '/docs/guide/sizing.html': SUBFOLDER_PAGE,
    });
    const { build, server } = session;
    console.log(`[e2e:embed] ${build.built ? `built apps/web into ${DIST} in ${Math.round(build.ms)} ms` : `serving ${DIST}`}; ${server.url}`);
  }, SETUP_TIMEOUT);

  afterAll(() => session?.close(), SETUP_TIMEOUT);

  let hostile: Page;

  it('renders two calculators with different presets on a page with hostile global CSS', async () => {
    hostile = await open('hostile.html');
    await expect.poll(() => totalsHeading(hostile, '#first').textContent(), { timeout: 15_000 }).toBe('Totals for rag');
    await expect.poll(() => totalsHeading(hostile, '#second').textContent(), { timeout: 15_000 }).toBe('Totals for batch-scoring');
    await expect.poll(() => totalsHeading(hostile, '#third').textContent(), { timeout: 15_000 }).toBe('Totals for inline-json');
    expect(Number(await totalGpus(hostile, '#first'))).toBeGreaterThan(0);
    expect(Number(await totalGpus(hostile, '#second'))).toBeGreaterThan(0);

    // The host's CSS does not reach in: fonts, colours, display, box model and rem scaling.
    const inside = await computed(hostile, '#first', '.calculator', ['font-family', 'color', 'font-size', 'line-height', 'letter-spacing', 'background-color']);
    expect(inside['font-family']).not.toContain('Comic Sans');
    expect(inside.color).toBe('rgb(29, 36, 48)');
    expect(inside['font-size']).toBe('16px');
    expect(inside['letter-spacing']).toBe('normal');
    expect(inside['background-color']).toBe('rgb(255, 255, 255)');
    const table = await computed(hostile, '#first', 'table.workloads', ['display', 'margin-top', 'background-color']);
    expect(table).toEqual({ display: 'table', 'margin-top': '0px', 'background-color': 'rgba(0, 0, 0, 0)' });
    const total = await computed(hostile, '#first', '.total dd', ['font-size', 'box-sizing']);
    expect(total).toEqual({ 'font-size': '20px', 'box-sizing': 'border-box' });

    // Themes: the second calculator is dark, the first light.
    const dark = await computed(hostile, '#second', '.calculator', ['background-color', 'color']);
    expect(dark['background-color']).toBe('rgb(20, 24, 30)');

    // Nothing leaks out: the host's own elements keep the host's styles.
    const host = await hostile.evaluate<Record<string, string>>(`(() => {
      const h2 = getComputedStyle(document.getElementById('host-heading'));
      const p = getComputedStyle(document.getElementById('host-paragraph'));
      return { h2Size: h2.fontSize, h2Display: h2.display, pFont: p.fontFamily, bodyMargin: getComputedStyle(document.body).margin };
    })()`);
    expect(host).toEqual({ h2Size: '13px', h2Display: 'inline', pFont: expect.stringContaining('Comic Sans') as unknown as string, bodyMargin: '8px' });
    expect(await hostile.evaluate<number>(`document.head.querySelectorAll('style, link[rel=stylesheet]').length`)).toBe(1);
    expect(session.pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('modes: readonly shows results without inputs; compact leaves out the charts and the kit', async () => {
    expect(await hostile.locator('#third textarea').count()).toBe(0);
    expect(await hostile.locator('#third .plan-form, #third .presets').count()).toBe(0);
    expect(await hostile.locator('#second textarea#plan-text').count()).toBe(1);
    expect(await hostile.locator('#second .charts, #second .kit-section, #second .presets').count()).toBe(0);
    await hostile.locator('#first svg.recharts-surface').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => hostile.locator('#first figure.chart figcaption').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    await hostile.locator('#first #kit-heading').waitFor({ timeout: 15_000 });
    await expect.poll(() => hostile.locator('#first .kit-files button', { hasText: 'rag.rules.yaml' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await hostile.locator('#first .presets').count()).toBe(1);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await hostile.screenshot({ path: join(ROOT, 'test-results/embed-hostile.png'), fullPage: true });
  }, TEST_TIMEOUT);

  it('has no serious or critical axe-core violations inside the light and the dark calculator', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await hostile.addScriptTag({ content: axeSource });
    for (const id of ['first', 'second']) {
      const violations = await hostile.evaluate<{ id: string; impact: string; targets: string[] }[]>(`axe.run(document.getElementById('${id}'), { resultTypes: ['violations'] })
        .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) })))`);
      console.log(`[e2e:embed] axe in #${id}: ${violations.length} violation(s)${violations.map((v) => `\n  [${v.impact}] ${v.id} ${v.targets.join(' ')}`).join('')}`);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), `#${id}`).toEqual([]);
    }
  }, TEST_TIMEOUT);

  it('keeps the two calculators independent: an edit, its event and undo touch one only', async () => {
    const secondBefore = await totalGpus(hostile, '#second');
    const firstBefore = await totalGpus(hostile, '#first');
    const eventsBefore = await hostile.evaluate<{ id: string; plan: string }[]>('window.sizingEvents');
    expect(eventsBefore.map((e) => e.id).sort()).toEqual(expect.arrayContaining(['first', 'second', 'third']));

    const area = hostile.locator('#first textarea#plan-text');
    const text = await area.inputValue();
    const tenfold = text.replace(/peakRequestsPerSecond: (\d+)/, (_, n: string) => `peakRequestsPerSecond: ${Number(n) * 10}`);
    expect(tenfold).not.toBe(text);
    await area.fill(tenfold);
    await expect.poll(() => totalGpus(hostile, '#first')).not.toBe(firstBefore);
    expect(await totalGpus(hostile, '#second')).toBe(secondBefore);
    expect(await hostile.locator('#second textarea#plan-text').inputValue()).not.toContain(String(tenfold.match(/peakRequestsPerSecond: \d+/)![0]));

    const events = await hostile.evaluate<{ id: string; plan: string; gpus: number }[]>('window.sizingEvents');
    const fresh = events.slice(eventsBefore.length);
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((e) => e.id))).toEqual(new Set(['first']));
    expect(String(fresh.at(-1)!.gpus)).toBe(await totalGpus(hostile, '#first'));

    // Ctrl+Z inside the second calculator undoes nothing there (it has no history) and leaves the first alone.
    // The second is compact: its editor sits behind the "whole plan" disclosure.
    await hostile.locator('#second details.full-form > summary').click();
    await hostile.locator('#second textarea#plan-text').focus();
    await hostile.keyboard.press('Control+z');
    expect(await area.inputValue()).toBe(tenfold);
    await hostile.locator('#first button', { hasText: 'Undo' }).click();
    expect(await area.inputValue()).toBe(text);
    await expect.poll(() => totalGpus(hostile, '#first')).toBe(firstBefore);
    expect(session.pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('undoes with Ctrl+Z inside a calculator, and keeps plan and history when it is detached and re-attached', async () => {
    const area = hostile.locator('#first textarea#plan-text');
    const original = await area.inputValue();
    const edited = original.replace('# ', '# edited: ');
    await area.fill(edited);
    await area.focus();
    await hostile.keyboard.press('Control+z');
    await expect.poll(() => area.inputValue()).toBe(original);
    await hostile.keyboard.press('Control+Shift+z');
    await expect.poll(() => area.inputValue()).toBe(edited);

    // Out of the page (a closed tab panel, say) long enough to unmount, then back elsewhere.
    await hostile.evaluate(`window.detached = document.getElementById('first'); window.detached.remove()`);
    await hostile.waitForTimeout(50);
    expect(await hostile.locator('#first').count()).toBe(0);
    await hostile.evaluate(`document.body.append(window.detached)`);
    await expect.poll(() => area.inputValue()).toBe(edited);
    await hostile.locator('#first button', { hasText: 'Undo' }).click();
    await expect.poll(() => area.inputValue()).toBe(original);
    expect(session.pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('follows attribute changes: a new preset replaces the plan', async () => {
    await hostile.evaluate(`document.getElementById('second').setAttribute('preset', 'feature-pipeline')`);
    await expect.poll(() => totalsHeading(hostile, '#second').textContent()).toBe('Totals for feature-pipeline');
    expect(await totalsHeading(hostile, '#first').textContent()).toBe('Totals for rag');
  }, TEST_TIMEOUT);

  it('iframe mode: embed.html sizes a preset and the iframe resizes to its content', async () => {
    const page = await open('iframe-host.html');
    const frame = page.frameLocator('#frame');
    await expect.poll(() => frame.locator('#totals-heading').textContent(), { timeout: 15_000 }).toBe('Totals for llm-chat');
    const content = () => page.evaluate<number>(`Math.ceil(document.getElementById('frame').contentDocument.querySelector('headroom-calculator').getBoundingClientRect().height)`);
    const frameHeight = () => page.evaluate<number>(`document.getElementById('frame').getBoundingClientRect().height`);
    await expect.poll(frameHeight, { timeout: 10_000 }).toBeGreaterThan(300);
    await expect.poll(async () => (await frameHeight()) - (await content()), { timeout: 5_000 }).toBe(0);

    // Bad input adds the problem list: the content grows and the iframe follows.
    // The iframe is compact: the editor is behind the "whole plan" disclosure, which grows the content too.
    await frame.locator('details.full-form > summary').click();
    await expect.poll(async () => (await frameHeight()) - (await content()), { timeout: 5_000 }).toBe(0);
    const grown = await frameHeight();
    await frame.locator('textarea#plan-text').fill('apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: x }\nspec: { workloads: [] }\n');
    await expect.poll(frameHeight).not.toBe(grown);
    await expect.poll(async () => (await frameHeight()) - (await content()), { timeout: 5_000 }).toBe(0);
    expect((await page.evaluate<number[]>('window.resizes')).length).toBeGreaterThanOrEqual(2);

    // Sizings describe the plan: only the iframe told this page's origin posts them.
    await expect.poll(() => page.evaluate<{ from: string; plan: string }[]>('window.sizings'), { timeout: 10_000 }).toContainEqual({ from: 'told', plan: 'rag' });
    expect((await page.evaluate<{ from: string }[]>('window.sizings')).filter((m) => m.from !== 'told')).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('loads a plan from a URL, says which URL failed, and opens a shared link in the iframe', async () => {
    const page = await open('by-url.html');
    await expect.poll(() => totalsHeading(page, '#by-url').textContent(), { timeout: 15_000 }).toBe('Totals for served-plan');
    await expect.poll(() => page.locator('#broken-url [role="alert"]').textContent()).toBe(`plan: could not load ${session.server.url}plans/missing.yaml (HTTP 404)`);

    const shared = SERVED_PLAN.replace('served-plan', 'shared-link');
    // The app's shared-link format (#plan= + base64url(deflate-raw(UTF-8))), encoded here independently.
    const framed = await open(`embed.html#plan=${deflateRawSync(Buffer.from(shared, 'utf8')).toString('base64url')}`);
    await expect.poll(() => totalsHeading(framed, 'headroom-calculator').textContent(), { timeout: 15_000 }).toBe('Totals for shared-link');
    expect(await framed.locator('headroom-calculator textarea#plan-text').inputValue()).toBe(shared);
    expect(session.pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('downloads the kit from an embed on a page in another folder, with the exporter bundle built beside embed.js', async () => {
    const page = await open('docs/guide/sizing.html');
    const button = page.locator('headroom-calculator').getByRole('button', { name: 'Download kit (.zip)' });
    await button.waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), button.click()]);
    expect(download.suggestedFilename()).toBe('rag-kit.zip');
    const entries = readZip(readFileSync(await download.path()));
    expect(entries.get('alerts/rag.rules.yaml')?.length).toBeGreaterThan(0);
    expect(entries.get('exporter/headroom-exporter.mjs')?.equals(readFileSync(join(DIST, 'exporter/headroom-exporter.mjs')))).toBe(true);
    expect(session.pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('the example page shows all three ways working: element, iframe and React component', async () => {
    const page = await open('embedding.html');
    await expect.poll(() => totalsHeading(page, '#element-example').textContent(), { timeout: 15_000 }).toBe('Totals for rag');
    await expect.poll(() => page.locator('#element-sizing-note').textContent()).toMatch(/^sizingchange: rag needs \d+ GPUs\.$/);
    await expect.poll(() => page.frameLocator('#iframe-example').locator('#totals-heading').textContent(), { timeout: 15_000 }).toBe('Totals for batch-scoring');
    await expect.poll(() => totalsHeading(page, '#react-example').textContent(), { timeout: 15_000 }).toBe('Totals for fine-tuning');
    const gpus = await totalGpus(page, '#react-example');
    await expect.poll(() => page.locator('#react-sizing-note').textContent()).toBe(`onSizingChange: this plan needs ${gpus} GPUs.`);
    expect(session.pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('measures embed.js: JavaScript fetched before charts load, gzip (benchmark, printed; budget 150 KB)', async () => {
    const page = await session.newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.endsWith('.js')) scripts.push(url.pathname);
    });
    await page.goto(session.server.url + 'budget.html');
    await expect.poll(() => totalsHeading(page, 'headroom-calculator').textContent(), { timeout: 15_000 }).toBe('Totals for chat-assistant');
    expect(scripts.some((s) => /Charts|KitPanel/.test(s)), 'a compact calculator loads no charts or kit').toBe(false);
    const sizes = scripts.map((path) => {
      const bytes = readFileSync(join(DIST, path.replace(/^\//, '')));
      return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    // The plan worker's script is fetched by the worker, off the page's thread: reported, not counted.
    const isWorker = (path: string) => /\.worker-[\w-]+\.js$/.test(path);
    const total = sizes.filter((s) => !isWorker(s.path)).reduce((sum, s) => sum + s.gzip, 0);
    const line = (s: (typeof sizes)[number]) => `    ${s.path}: ${kb(s.raw)} raw, ${kb(s.gzip)} gzip`;
    console.log(
      `[e2e:embed] embed.js and its static imports (gzip -9): ${kb(total)} (budget 150 KB before charts)\n${sizes.filter((s) => !isWorker(s.path)).map(line).join('\n')}\n` +
        `[e2e:embed] worker scripts, loaded by the workers (not counted):\n${sizes.filter((s) => isWorker(s.path)).map(line).join('\n')}`,
    );
    expect(scripts[0]).toBe('/embed.js');
  }, TEST_TIMEOUT);
});
