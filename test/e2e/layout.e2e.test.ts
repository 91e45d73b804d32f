/**
 * Every number one click from its reason, and a layout that clips nothing (issue 16 items 4 and
 * 10), in real headless Chromium at 1440×900 and 390×844:
 *
 * - A Summary figure, a workload table cell and a workload card's figure, followed by keyboard,
 *   open the explanation at the step that computed them: the step is in the viewport (below the
 *   sticky Summary on wide screens), focused and marked current, and its value reads in human
 *   units with the exact value in its title.
 * - At 1440×900 the workload table shows every column, the node pool included, without sideways
 *   scrolling; at 390×844 neither the workload table nor the LLM search's table scrolls sideways,
 *   and the page is no wider than the phone.
 * - No chart label is cut at its chart's edge; the traffic curve's lines are steps (counts);
 *   a plan of training runs alone draws no traffic curve; a chart tooltip draws above its legend.
 * - axe-core finds no serious or critical violation: every rule at 1440×900 in the light scheme,
 *   and colour contrast (4.5:1 for text) in the light and the dark scheme at both sizes.
 *
 * Screenshots of both sizes in both schemes go to test-results/layout/ for review.
 * Code that runs in the page is written as strings: the root tsconfig has no DOM types.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { findPlanPreset } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { ROOT } from './server.ts';
import { fileSession } from './session.ts';

const SETUP_TIMEOUT = 120_000;
const TEST_TIMEOUT = 60_000;
const DIST = process.env.HEADROOM_E2E_DIST ? join(ROOT, process.env.HEADROOM_E2E_DIST) : join(ROOT, '.tmp/e2e-layout-dist');
const SCREENS = process.env.HEADROOM_E2E_SCREENS ?? join(ROOT, 'test-results/layout');
const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };
const SIZES = [['1440×900', WIDE], ['390×844', NARROW]] as const;

const session = fileSession(DIST, { setupTimeoutMs: SETUP_TIMEOUT, screens: SCREENS });

const link = (yaml: string) => `#plan=${deflateRawSync(Buffer.from(yaml), { level: 9 }).toString('base64url')}`;
const summaryOf = (page: Page) => page.getByRole('region', { name: 'Summary', exact: true });

async function freshPage(viewport: { width: number; height: number }, path = '', scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await session().newPage(viewport, { bypassCSP: true });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(session().server.url + path);
  await summaryOf(page).getByText('GPUs', { exact: true }).waitFor({ timeout: 20_000 });
  return page;
}

/** Waits until the lazy parts (cards, charts, form, explanation) are on screen. */
async function settled(page: Page): Promise<void> {
  await page.locator('svg.recharts-surface').first().waitFor({ timeout: 20_000 });
  await page.locator('.explain').waitFor({ timeout: 20_000 });
  await expect.poll(() => page.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
}

type Box = { top: number; bottom: number; left: number; right: number };
const rect = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = (el as unknown as { getBoundingClientRect: () => Box }).getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
const overflow = (locator: Locator) =>
  locator.evaluate((el) => {
    const e = el as unknown as { scrollWidth: number; clientWidth: number };
    return { scrollWidth: e.scrollWidth, clientWidth: e.clientWidth };
  });

/** The explanation step that holds the keyboard focus: its id, whether it is marked current, where it is and its value's text and title. */
const focusedStep = (page: Page) =>
  page.evaluate<{ step: string | undefined; current: string | null; box: Box; value: string; title: string | null } | null>(`(() => {
    const el = document.activeElement;
    if (!el || !el.dataset || !el.dataset.step) return null;
    const r = el.getBoundingClientRect();
    const value = el.querySelector('.step-value');
    return { step: el.dataset.step, current: el.getAttribute('aria-current'), box: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
      value: value ? value.textContent : '', title: value ? value.getAttribute('title') : null };
  })()`);

/** Follows a figure's link by keyboard (focus, Enter) and returns the step it opened. */
async function follow(page: Page, figure: Locator, viewport: { width: number; height: number }) {
  const button = figure.getByRole('button');
  await button.focus();
  await page.keyboard.press('Enter');
  // Focus and the current mark land in separate renders: wait for both.
  await expect.poll(async () => (await focusedStep(page))?.current, { timeout: 10_000, message: 'the opened step is focused and marked current' }).toBe('true');
  const opened = (await focusedStep(page))!;
  expect(opened.box.top, 'the step is in the viewport').toBeGreaterThanOrEqual(0);
  expect(opened.box.top).toBeLessThan(viewport.height);
  if (viewport === WIDE) {
    // Not under the sticky Summary.
    const summary = await rect(summaryOf(page));
    expect(opened.box.top >= summary.bottom || opened.box.bottom <= summary.top, 'the step is not hidden by the sticky Summary').toBe(true);
  }
  return opened;
}

describe('every number one click from its reason, and nothing clipped, in Chromium', () => {
  for (const [label, viewport] of SIZES) {
    it(`${label}: the Summary, a table cell and a card figure open their explanation step, focused, in view, in human units`, async () => {
      const page = await freshPage(viewport);
      await settled(page);

      const gpusShown = (await summaryOf(page).getByTestId('summary-gpus').innerText()).trim();
      const totals = await follow(page, summaryOf(page).getByTestId('summary-gpus'), viewport);
      expect(totals.step).toBe('total-gpus');
      expect(totals.value).toBe(`${gpusShown} GPUs`);

      const peakCell = page.getByTestId('replicas-peak-chat-llm');
      const peak = (await peakCell.innerText()).trim();
      const replicas = await follow(page, peakCell, viewport);
      expect(replicas.step).toBe('replicasPeak');
      expect(replicas.value).toBe(`${peak} ${peak === '1' ? 'replica' : 'replicas'}`);

      const itl = page.getByTestId('answer-chat-llm').locator('dt', { hasText: 'Predicted ITL' }).locator('xpath=following-sibling::dd[1]');
      const decode = await follow(page, itl, viewport);
      expect(decode.step).toBe('decodeStepSeconds');
      expect(decode.value).toMatch(/^[\d.]+ ms/);
      expect(decode.title, 'the exact value in seconds on hover').toMatch(/^0\.\d+ s$/);
      expect(await page.locator('.explain .input', { hasText: 'usdPerGpuHour' }).count(), 'no placeholder price on a fixed-GPU workload').toBe(0);
      expect(session().pageErrors).toEqual([]);
    }, TEST_TIMEOUT);
  }

  it('1440×900: the workload table shows every column, the node pool included, with no sideways scroll; no chart label is cut', async () => {
    const page = await freshPage(WIDE);
    await settled(page);
    const table = page.getByRole('region', { name: 'Workload table' });
    const { scrollWidth, clientWidth } = await overflow(table);
    expect(scrollWidth, 'workload table scroll width').toBeLessThanOrEqual(clientWidth);
    const poolHeader = await rect(table.getByRole('columnheader', { name: 'Node pool' }));
    expect(poolHeader.right).toBeLessThanOrEqual(WIDE.width);
    for (const cell of await table.locator('.pool-cell').all()) expect((await rect(cell)).right).toBeLessThanOrEqual((await rect(table)).right + 0.5);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBe(WIDE.width);

    // Every tick label of every chart lies inside its chart.
    const cut = await page.evaluate<string[]>(`(() => {
      const out = [];
      for (const svg of document.querySelectorAll('svg.recharts-surface')) {
        const box = svg.getBoundingClientRect();
        for (const text of svg.querySelectorAll('.recharts-cartesian-axis-tick-value')) {
          const r = text.getBoundingClientRect();
          if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) out.push(text.textContent + ' ' + Math.round(r.left - box.left));
        }
      }
      return out;
    })()`);
    expect(cut, 'chart labels cut at the chart edge').toEqual([]);
    // A shortened label keeps the whole name as its title.
    for (const title of await page.locator('.chart-category title').allTextContents()) expect(title.length).toBeGreaterThan(0);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('390×844: no sideways scroll in the page, the workload table or the LLM search', async () => {
    const page = await freshPage(NARROW);
    await settled(page);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'page width').toBe(NARROW.width);
    const table = page.getByRole('region', { name: 'Workload table' });
    const workloads = await overflow(table);
    expect(workloads.scrollWidth).toBeLessThanOrEqual(workloads.clientWidth);
    const search = page.getByRole('region', { name: 'Configurations compared for chat-llm' });
    const candidates = await overflow(search);
    expect(candidates.scrollWidth, 'candidate table scroll width').toBeLessThanOrEqual(candidates.clientWidth);
    // Each figure still carries its column's name, and Pin stays reachable.
    await expect.poll(() => search.locator('td[data-label="USD/month"]').count()).toBeGreaterThan(0);
    const pin = search.getByRole('button', { name: /^Pin / }).first();
    const pinBox = await rect(pin);
    expect(pinBox.right).toBeLessThanOrEqual(NARROW.width);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('draws counts as steps, a traffic curve only where traffic applies, and tooltips above legends', async () => {
    const page = await freshPage(WIDE);
    await settled(page);
    const curve = page.locator('figure', { hasText: 'Replicas needed across a traffic multiplier' });
    await curve.locator('path.recharts-line-curve').first().waitFor({ timeout: 20_000 });
    // A step line moves horizontally or vertically only: every segment keeps x or y.
    const diagonal = await curve.locator('path.recharts-line-curve').evaluateAll((paths) =>
      paths.flatMap((p) => {
        const numbers = ((p as unknown as { getAttribute: (n: string) => string | null }).getAttribute('d') ?? '').match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
        const points: [number, number][] = [];
        for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i]!, numbers[i + 1]!]);
        return points.slice(1).filter(([x, y], i) => Math.abs(x - points[i]![0]) > 0.01 && Math.abs(y - points[i]![1]) > 0.01);
      }),
    );
    expect(diagonal, 'diagonal segments in the traffic curve').toEqual([]);

    // Hover a bar of the GPU memory chart, whose legend sits under its bars: the tooltip is on top where they meet.
    const memory = page.locator('figure', { hasText: 'GPU memory per LLM replica' });
    await memory.locator('.recharts-bar-rectangle').first().hover();
    const tooltip = memory.locator('.recharts-tooltip-wrapper');
    await expect.poll(() => tooltip.evaluate((el) => (el as unknown as { style: { visibility: string } }).style.visibility)).toBe('visible');
    const layers = await memory.evaluate((figure) => {
      const f = figure as unknown as { querySelector: (s: string) => { getBoundingClientRect: () => Box } | null; ownerDocument: { defaultView: { getComputedStyle: (e: unknown) => { zIndex: string } } } };
      const z = (selector: string) => Number(f.ownerDocument.defaultView.getComputedStyle(f.querySelector(selector)).zIndex) || 0;
      return { tooltip: z('.recharts-tooltip-wrapper'), legend: z('.recharts-legend-wrapper') };
    });
    expect(layers.tooltip).toBeGreaterThan(layers.legend);

    // A plan of training runs only has no traffic to scale.
    const training = await freshPage(WIDE, `index.html${link(findPlanPreset('fine-tuning')!.yaml)}`);
    await settled(training);
    expect(await training.getByText('Replicas needed across a traffic multiplier').count()).toBe(0);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  for (const [label, viewport] of SIZES) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${label} ${scheme}: no serious or critical axe-core violation (colour contrast included); screenshots`, async () => {
        const page = await freshPage(viewport, '', scheme);
        await settled(page);
        await page.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
        // Every rule once (1440×900 light); colour contrast, the rule a scheme changes, in the others.
        const rules = label === '1440×900' && scheme === 'light' ? '' : `runOnly: { type: 'rule', values: ['color-contrast'] }, `;
        const violations = await page.evaluate<{ id: string; impact: string | null; nodes: string[] }[]>(`axe.run(document, { ${rules}resultTypes: ['violations'] }).then((r) =>
          r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\n\\s*/g, ' ')) })))`);
        console.log(`[e2e:layout] axe ${label} ${scheme}: ${violations.length} violation(s)${violations.map((v) => `\n  [${v.impact}] ${v.id}\n    ${v.nodes.join('\n    ')}`).join('')}`);
        const size = label.replace('×', 'x');
        await page.screenshot({ path: join(SCREENS, `calculator-${size}-${scheme}.png`) });
        await page.getByTestId('replicas-peak-chat-llm').getByRole('button').click();
        await expect.poll(async () => (await focusedStep(page))?.step).toBe('replicasPeak');
        await page.screenshot({ path: join(SCREENS, `explanation-${size}-${scheme}.png`) });
        await page.getByRole('region', { name: 'Workload table' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENS, `workload-table-${size}-${scheme}.png`) });
        await page.locator('figure', { hasText: 'Monthly cost by node pool' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENS, `charts-${size}-${scheme}.png`) });
        if (viewport === NARROW) {
          await page.getByRole('region', { name: 'Configurations compared for chat-llm' }).scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(SCREENS, `search-${size}-${scheme}.png`) });
        }
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
        expect(session().pageErrors).toEqual([]);
      }, TEST_TIMEOUT);
    }
  }
});
