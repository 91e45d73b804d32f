/**
 * The main thread after an edit, in real headless Chromium (issue 16 item 8, issue 13 item 3).
 * `pnpm bench:browser` (builds apps/web into .tmp/bench-browser-dist, or serves HEADROOM_E2E_DIST);
 * figures in docs/benchmarks.md. Printed, never asserted.
 *
 * - Floor, measured in the same run: the same key presses in a bare page holding one textarea of
 *   the preset's text and nothing else. What it takes is the browser and the machine, not Headroom.
 * - Every bundled preset, opened from a link, is edited by typing into the YAML editor with real
 *   (trusted) key presses: a digit inserted into a traffic or size figure, then deleted, several
 *   times. The Event Timing API (`event` entries, `durationThreshold: 16`, grouped by
 *   `interactionId`) gives input-to-next-paint per key press; key presses with no entry painted
 *   within 16 ms. The Long Tasks API gives every main-thread task over 50 ms from the first key
 *   press until the page has settled after the last.
 * - The 200- and 1,000-workload synthetic plans (plans.ts), pasted into the editor: the longest
 *   task and the time from the paste until their totals are on screen.
 *
 * Code that runs in the page is written as strings: the root tsconfig has no DOM types.
 */
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { stringify } from 'yaml';
import { planPresets } from '@headroom/model';
import { BrowserSession } from '../e2e/session.ts';
import { ROOT } from '../e2e/server.ts';
import { syntheticPlan } from './plans.ts';

const DIST = process.env.HEADROOM_E2E_DIST ? join(ROOT, process.env.HEADROOM_E2E_DIST) : join(ROOT, '.tmp/bench-browser-dist');
/** Key presses per preset: a digit typed, then deleted, this many times each. */
const EDIT_PAIRS = 6;
/** Time given to each key press's results (the worker's answer, the deferred charts and form). */
const SETTLE_MS = 350;
/** Edited figures: the first of these in a preset's text gets a digit after its first digit. */
const EDITED_FIGURE = /(peakRequestsPerSecond|items|epochs|bytesPerRun): ?\d/;
const FLOOR_PAGE = '/floor.html';

const link = (text: string) => `#plan=${deflateRawSync(Buffer.from(text), { level: 9 }).toString('base64url')}`;

/** Starts collecting event-timing and long-task entries in the page. */
const startObserving = (page: Page) =>
  page.evaluate(`(() => {
    window.__timing = { events: [], tasks: [] };
    window.__observers = [
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.interactionId) window.__timing.events.push({ id: e.interactionId, duration: e.duration }); }),
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__timing.tasks.push(e.duration); }),
    ];
    window.__observers[0].observe({ type: 'event', durationThreshold: 16, buffered: false });
    window.__observers[1].observe({ type: 'longtask', buffered: false });
  })()`);

const stopObserving = (page: Page) =>
  page.evaluate<{ events: { id: number; duration: number }[]; tasks: number[] }>(`(() => {
    for (const observer of window.__observers) { observer.takeRecords(); observer.disconnect(); }
    return window.__timing;
  })()`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** Waits for the totals of plan `name` (a locator: the page's Content-Security-Policy forbids evaluating strings). */
const waitForTotals = (page: Page, name: string, timeout = 30_000) =>
  page.locator('#totals-heading', { hasText: new RegExp(`^Totals for ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor({ timeout });

interface Typing { p50: number; p95: number; max: number; longTasks: number; longestTask: number; longTaskSumMs: number }

/** Types EDIT_PAIRS digit-and-backspace pairs after the first edited figure in the focused `selector`. */
async function typeInto(page: Page, selector: string, text: string): Promise<Typing> {
  const match = EDITED_FIGURE.exec(text);
  if (!match) throw new Error('no editable figure in the text');
  const caret = match.index + match[0].length;
  await page.locator(selector).focus();
  await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).setSelectionRange(${caret}, ${caret})`);
  await startObserving(page);
  for (let i = 0; i < EDIT_PAIRS; i++) {
    await page.keyboard.press('5');
    await page.waitForTimeout(SETTLE_MS);
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(SETTLE_MS);
  }
  await page.waitForTimeout(1500);
  const { events, tasks } = await stopObserving(page);
  const byInteraction = new Map<number, number>();
  for (const e of events) byInteraction.set(e.id, Math.max(byInteraction.get(e.id) ?? 0, e.duration));
  // Key presses with no entry painted within the 16 ms threshold: counted as 16 ms (an upper bound).
  const durations = [...byInteraction.values(), ...Array<number>(Math.max(0, EDIT_PAIRS * 2 - byInteraction.size)).fill(16)].sort((a, b) => a - b);
  return {
    p50: percentile(durations, 50),
    p95: percentile(durations, 95),
    max: durations.at(-1) ?? 0,
    longTasks: tasks.length,
    longestTask: Math.max(0, ...tasks),
    longTaskSumMs: tasks.reduce((s, t) => s + t, 0),
  };
}

const shown = (value: number) => (value <= 16 ? '<= 16' : value.toFixed(0));
const row = (name: string, t: Typing, floor: Typing) =>
  `| ${name} | ${shown(t.p50)} / ${shown(t.p95)} ms | ${(t.p95 / floor.p95).toFixed(1)}x | ${t.longTasks} | ${t.longestTask.toFixed(0)} ms | ${t.longTaskSumMs.toFixed(0)} ms | ${shown(floor.p95)} ms, ${floor.longestTask.toFixed(0)} ms |`;

async function pasteToResults(session: BrowserSession, workloads: number): Promise<string> {
  const page = await session.open('index.html');
  await waitForTotals(page, 'chat-assistant');
  await page.waitForTimeout(1000);
  const text = stringify(syntheticPlan(workloads));
  const measured = await page.evaluate<{ longestTaskMs: number; tasks: number; toResultsMs: number }>(`(async () => {
    const tasks = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
    observer.observe({ type: 'longtask', buffered: false });
    const area = document.getElementById('plan-text');
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
    const started = performance.now();
    setter.call(area, ${JSON.stringify(text)});
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error('no results within 60 s')), 60000);
      const check = () => {
        if (document.getElementById('totals-heading')?.textContent === 'Totals for bench-${workloads}') { clearTimeout(timer); done(); return; }
        requestAnimationFrame(check);
      };
      check();
    });
    const toResultsMs = performance.now() - started;
    await new Promise((done) => setTimeout(done, 2000));
    observer.takeRecords();
    observer.disconnect();
    return { longestTaskMs: Math.max(0, ...tasks), tasks: tasks.length, toResultsMs };
  })()`);
  await page.context().close();
  return `| ${workloads} workloads (${Math.round(text.length / 1024)} KB) | ${Math.round(measured.toResultsMs)} ms | ${measured.tasks} | ${Math.round(measured.longestTaskMs)} ms |`;
}

const floorHtml = '<!doctype html><meta charset="utf-8"><title>floor</title><textarea id="plan-text" rows="40" cols="100"></textarea>';
const session = await BrowserSession.start(DIST, { [FLOOR_PAGE]: floorHtml });
try {
  console.log(`${session.build.built ? `built apps/web into ${DIST} in ${Math.round(session.build.ms)} ms` : `serving ${DIST}`}; Chromium ${session.browser.version()}\n`);
  console.log('| preset | input-to-next-paint p50 / p95 | p95 / floor p95 | long tasks | longest | sum of long tasks | floor: p95, longest task |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const preset of planPresets) {
    const floorPage = await session.open(FLOOR_PAGE.slice(1));
    await floorPage.evaluate(`document.getElementById('plan-text').value = ${JSON.stringify(preset.yaml)}`);
    const floor = await typeInto(floorPage, '#plan-text', preset.yaml);
    await floorPage.context().close();

    const page = await session.open(`index.html${link(preset.yaml)}`);
    await waitForTotals(page, preset.name);
    // Charts and the kit load lazily after the first results; let them arrive before measuring.
    await page.locator('svg.recharts-surface').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    const typed = await typeInto(page, '#plan-text', preset.yaml);
    if ((await page.locator('#plan-text').inputValue()) !== preset.yaml) throw new Error(`${preset.name}: the editor does not hold the preset after typing and deleting`);
    await waitForTotals(page, preset.name);
    await page.context().close();
    console.log(row(preset.name, typed, floor));
  }
  console.log('\n| pasted plan | paste to results | long tasks | longest |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const workloads of [200, 1000]) console.log(await pasteToResults(session, workloads));
  if (session.pageErrors.length > 0) {
    console.error(`\npage errors:\n${session.pageErrors.join('\n')}`);
    process.exitCode = 1;
  }
} finally {
  await session.close();
}
