/**
 * The answer-first calculator (issue 16: items 1, 2, 3, 7, 9) in real headless Chromium, at
 * 1440×900 and 390×844: the Summary region stays in view while the last form field is edited (wide)
 * and comes first (narrow); an infeasible SLO typed into the form shows in the Summary; a candidate
 * of the LLM search is pinned into the plan and undone; "Copy link" copies a link that reopens the
 * plan; the CSV and Markdown exports parse back to the numbers on screen; the compact embed shows
 * its answer within the first 1,200 px. Screenshots of both sizes in light and dark go to
 * test-results/ for review.
 *
 * Code that runs in the page is written as strings: the root tsconfig has no DOM types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsvSections, parseMarkdownTables } from '../../apps/web/src/results/table-parsers.ts';
import { ROOT } from './server.ts';
import { fileSession } from './session.ts';

const SETUP_TIMEOUT = 120_000;
const TEST_TIMEOUT = 60_000;
const DIST = process.env.HEADROOM_E2E_DIST ? join(ROOT, process.env.HEADROOM_E2E_DIST) : join(ROOT, '.tmp/e2e-summary-dist');
const SCREENS = join(ROOT, 'test-results/summary');
const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };

const session = fileSession(DIST, { setupTimeoutMs: SETUP_TIMEOUT, screens: SCREENS });

const summaryOf = (page: Page) => page.getByRole('region', { name: 'Summary', exact: true });
const planText = (page: Page) => page.locator('#plan-text').inputValue();

/** The number the Summary writes after "GPUs" (the landmark contract, DESIGN.md). */
async function summaryGpus(summary: Locator): Promise<number> {
  const match = /GPUs\s+([\d,]+)/.exec(await summary.innerText());
  expect(match, 'the Summary writes "GPUs" followed by the number').not.toBeNull();
  return Number(match![1]!.replace(/,/g, ''));
}

async function freshPage(viewport = WIDE, path = ''): Promise<Page> {
  const page = await session().open(path, viewport);
  await summaryOf(page).getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
  return page;
}

/** Where an element is relative to the viewport (after any scrolling). */
const rect = (locator: Locator) => locator.evaluate((el) => {
  const r = (el as unknown as { getBoundingClientRect: () => { top: number; bottom: number; left: number; right: number } }).getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
});

describe('answer-first calculator in Chromium', () => {
  it('1440×900: the Summary stays in the viewport while the last field of the form is edited, and follows the edit', async () => {
    const page = await freshPage(WIDE);
    const summary = summaryOf(page);
    const before = await summaryGpus(summary);
    expect(before).toBeGreaterThan(0);
    for (const name of ['chat-llm', 'ranker', 'finetune', 'embed-nightly', 'features']) {
      expect(await summary.getByTestId(`verdict-${name}`).innerText()).toMatch(/meets|fits/);
    }
    // Open the last workload card and edit its last field, far down the form.
    const lastCard = page.locator('.workload-cards > li').last();
    await lastCard.locator(':scope > details > summary').click();
    const last = lastCard.locator('.card-fields input:visible').last();
    await last.scrollIntoViewIfNeeded();
    await last.focus();
    const form = await rect(page.getByRole('region', { name: 'Plan form' }));
    expect(form.top, 'the form has scrolled well past the top of the page').toBeLessThan(-1500);
    await last.press('End');
    await last.pressSequentially('0');
    const box = await rect(summary);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(WIDE.height);
    const field = await rect(last);
    expect(field.right, 'the Summary sits beside the form, not over it').toBeLessThanOrEqual(box.left);
    await page.screenshot({ path: join(SCREENS, 'wide-editing-last-field.png') });

    // The Summary follows the edit: ten times the LLM traffic needs more GPUs.
    const traffic = page.locator('.workload-cards > li').first().getByLabel('Peak requests per second');
    await traffic.fill('200');
    await expect.poll(() => summaryGpus(summary)).toBeGreaterThan(before);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  for (const [label, viewport] of [['1440×900', WIDE], ['390×844', NARROW]] as const) {
    it(`${label}: an ITL SLO no GPU can meet shows in the Summary as infeasible, with the reason`, async () => {
      const page = await freshPage(viewport);
      const summary = summaryOf(page);
      const itl = page.locator('.workload-cards > li').first().getByLabel('Inter token latency');
      await itl.fill('0.5 ms');
      const verdict = summary.getByTestId('verdict-chat-llm');
      await expect.poll(() => verdict.innerText(), { timeout: 10_000 }).toMatch(/infeasible/);
      expect(await verdict.innerText()).toMatch(/0\.5 ms|ITL|inter-token/i);
      expect(await summary.innerText()).toMatch(/not complete/);
      // The other workloads keep their verdicts.
      expect(await summary.getByTestId('verdict-ranker').innerText()).toMatch(/meets/);
      // The card (rendered from the deferred results) follows.
      await expect.poll(() => page.getByTestId('answer-chat-llm').innerText(), { timeout: 10_000 }).toMatch(/infeasible/);
      if (viewport === NARROW) {
        // Narrow: the Summary comes first, above the presets and the form.
        await page.evaluate('window.scrollTo(0, 0)');
        const box = await rect(summary);
        const form = await rect(page.getByRole('region', { name: 'Plan form' }));
        expect(box.top).toBeLessThan(viewport.height);
        expect(box.bottom).toBeLessThanOrEqual(form.top);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'no sideways scrolling at 390 px').toBe(390);
      }
      expect(session().pageErrors).toEqual([]);
    }, TEST_TIMEOUT);
  }

  it('imports a model\'s config.json chosen on a card, dropped on it or pasted: the model is filled and sized (issue 15)', async () => {
    const page = await freshPage(WIDE);
    const summary = summaryOf(page);
    const before = await summaryGpus(summary);
    const cards = page.locator('.workload-cards > li');
    const open = async (card: Locator) => {
      if (!(await card.locator(':scope > details').evaluate((d) => (d as unknown as { open: boolean }).open))) await card.locator(':scope > details > summary').click();
    };
    const config = (name: string) => readFileSync(join(ROOT, 'packages/model/src/catalog/hf-configs', name), 'utf8');

    // Chosen: Qwen3-235B-A22B's config replaces chat-llm's 8B preset; the plan needs more GPUs.
    const llm = cards.first();
    await open(llm);
    await llm.getByLabel('Import a model\'s config.json').setInputFiles({ name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(config('qwen3-235b-a22b.json')) });
    await expect.poll(() => llm.getByRole('status').innerText({ timeout: 5000 })).toMatch(/chat-llm: model read from config\.json \(Qwen3MoeForCausalLM, 235B parameters, 22B active\)/);
    const text = await planText(page);
    expect(text).toMatch(/layers: 94/);
    expect(text).toMatch(/expertsPerToken: 8/);
    await expect.poll(() => summaryGpus(summary), { timeout: 15_000 }).toBeGreaterThan(before);

    // Dropped: Mistral 7B's config on the training card.
    const finetune = cards.nth(2);
    await open(finetune);
    const mistral = config('mistral-7b.json');
    // A function built from text (the root tsconfig has no DOM types); Playwright sends its source.
    const dropFile = new Function('card', 'text', `
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'mistral.json', { type: 'application/json' }));
      card.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      card.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    `) as (card: unknown, text: string) => void;
    await finetune.evaluate(dropFile, mistral);
    await expect.poll(() => finetune.getByRole('status').innerText({ timeout: 5000 })).toMatch(/finetune: model read from mistral\.json \(MistralForCausalLM/);

    // Pasted: Llama 3.1 8B's config text into the LLM card's paste field.
    const pasteText = new Function('field', 'text', `
      const transfer = new DataTransfer();
      transfer.setData('text/plain', text);
      field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    `) as (field: unknown, text: string) => void;
    await llm.getByLabel('Paste a model\'s config.json for chat-llm').evaluate(pasteText, config('llama-3.1-8b.json'));
    await expect.poll(() => llm.getByRole('status').innerText({ timeout: 5000 })).toMatch(/chat-llm: model read from the pasted config\.json \(LlamaForCausalLM, 8\.0B parameters\)/);
    await expect.poll(() => planText(page)).toMatch(/layers: 32/);

    // Not a config.json: named at the card, and the plan stays as it was.
    const kept = await planText(page);
    await llm.getByLabel('Import a model\'s config.json').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ "hello": ') });
    await expect.poll(() => llm.getByRole('status').innerText({ timeout: 5000 })).toMatch(/notes\.json is not JSON/);
    expect(await planText(page)).toBe(kept);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('pins a candidate of the LLM search into the plan; undo brings the search\'s choice back', async () => {
    const page = await freshPage(WIDE);
    const summary = summaryOf(page);
    const before = await summaryGpus(summary);
    const original = await planText(page);
    const table = page.getByTestId('answer-chat-llm').locator('table.candidate-table');
    const rows = table.locator('tbody tr');
    // The cards load lazily after the first paint.
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.count()).toBeGreaterThan(1);
    expect(await table.locator('tbody tr[aria-current="true"]').count()).toBe(1);

    // Sorting by GPUs, descending: the largest configuration comes first.
    const gpusHeader = table.getByRole('button', { name: /^GPUs/ });
    await gpusHeader.click();
    await gpusHeader.click();
    const gpuCells = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr as unknown as { cells: { textContent: string }[] }).cells[4]!.textContent.replace(/,/g, ''))));
    expect(gpuCells).toEqual([...gpuCells].sort((a, b) => b - a));

    const gpusOf = async (row: Locator) => Number((await row.locator('td').nth(3).innerText()).replace(/,/g, ''));
    const chosenGpus = await gpusOf(table.locator('tbody tr[aria-current="true"]'));
    const pin = table.getByRole('button', { name: /^Pin .* into chat-llm$/ }).first();
    // Focus not obscured (WCAG 2.4.11): a button that sits under the sticky Summary is scrolled
    // clear of it when it takes focus (without the Summary's height as scroll-margin, Chromium
    // sees it inside the viewport and leaves it hidden).
    const pageTop = await pin.evaluate((el) => (el as unknown as { getBoundingClientRect: () => { top: number } }).getBoundingClientRect().top);
    await page.evaluate(`window.scrollBy(0, ${pageTop} - 120)`);
    expect((await rect(pin)).top).toBeLessThan((await rect(summary)).bottom);
    await pin.focus();
    expect((await rect(pin)).top).toBeGreaterThanOrEqual((await rect(summary)).bottom);
    const name = (await pin.getAttribute('aria-label'))!;
    const [, gpu, tp, pp] = /^Pin (\S+) TP (\d+) PP (\d+) into/.exec(name)!;
    const pinnedGpus = await gpusOf(rows.filter({ has: page.getByRole('button', { name }) }));
    await pin.click();
    await expect.poll(() => planText(page)).toContain(`accelerator: { gpu: ${gpu}, tensorParallel: ${tp}, pipelineParallel: ${pp} }`);
    // The pinned configuration is now the plan's, and the Summary's GPUs move by the difference.
    await expect.poll(() => table.locator('tbody tr[aria-current="true"] td').nth(0).innerText()).toBe(tp);
    expect(await table.locator('tbody tr[aria-current="true"] th').innerText()).toBe(gpu);
    await expect.poll(() => summaryGpus(summary)).toBe(before - chosenGpus + pinnedGpus);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => planText(page)).toBe(original);
    await expect.poll(() => summaryGpus(summary)).toBe(before);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('"Copy link" copies a link that carries the plan: a fresh browser context opens the same plan and answer', async () => {
    const page = await freshPage(WIDE);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session().server.url.replace(/\/$/, '') });
    const traffic = page.locator('.workload-cards > li').first().getByLabel('Peak requests per second');
    await traffic.fill('35');
    const summary = summaryOf(page);
    await expect.poll(() => planText(page)).toContain('peakRequestsPerSecond: 35,');
    const text = await planText(page);
    const gpus = await summaryGpus(summary);
    const button = summary.getByRole('button', { name: 'Copy link', exact: true });
    const describedBy = ((await button.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    const description = (await Promise.all(describedBy.map((id) => summary.locator(`[id="${id}"]`).textContent()))).join(' ');
    expect(description).toMatch(/carries the whole plan/);
    await button.click();
    await expect.poll(() => summary.innerText()).toMatch(/Link copied/);
    const link = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(link.startsWith(session().server.url)).toBe(true);
    expect(link).toMatch(/#plan=[\w-]+$/);

    const other = await session().newPage(WIDE);
    await other.goto(link);
    await summaryOf(other).getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await planText(other)).toBe(text);
    expect(await summaryGpus(summaryOf(other))).toBe(gpus);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('exports the results as CSV and Markdown that parse back to the numbers on screen', async () => {
    const page = await freshPage(WIDE);
    const summary = summaryOf(page);
    const gpus = await summaryGpus(summary);
    const nodes = Number((await summary.getByTestId('summary-nodes').innerText()).replace(/,/g, ''));
    const cost = await summary.getByTestId('summary-cost').innerText();

    const save = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), summary.getByRole('button', { name }).click()]);
      expect(download.suggestedFilename()).toMatch(/^chat-assistant-sizing\.(csv|md)$/);
      return readFileSync((await download.path())!, 'utf8');
    };
    const csv = parseCsvSections(await save('Download CSV'));
    expect(csv.map((t) => t.title)).toEqual(['Totals for chat-assistant', 'Workloads', 'Node pools', 'Assumptions']);
    const [totals, workloads, pools] = csv;
    const column = (table: (typeof csv)[number], title: string) => table.header.indexOf(title);
    expect(Number(totals!.rows[0]![column(totals!, 'GPUs')])).toBe(gpus);
    expect(Number(totals!.rows[0]![column(totals!, 'Nodes')])).toBe(nodes);
    const usd = Number(totals!.rows[0]![column(totals!, 'Cost per month (USD)')]);
    expect(`$${Math.round(usd).toLocaleString('en-US')}`).toBe(cost);
    expect(workloads!.rows.map((r) => r[0])).toEqual(['chat-llm', 'ranker', 'finetune', 'embed-nightly', 'features']);
    expect(workloads!.rows.reduce((sum, r) => sum + Number(r[column(workloads!, 'GPUs')]), 0)).toBe(gpus);
    expect(pools!.rows.reduce((sum, r) => sum + Number(r[column(pools!, 'Nodes')]), 0)).toBe(nodes);

    const markdown = parseMarkdownTables(await save('Download Markdown'));
    expect(markdown.map((t) => t.title)).toEqual(csv.map((t) => t.title));
    expect(markdown[0]!.rows[0]![markdown[0]!.header.indexOf('Cost per month')]).toBe(cost);
    expect(markdown[1]!.rows.map((r) => r[0])).toEqual(workloads!.rows.map((r) => r[0]));
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  for (const [label, viewport] of [['1440×900', WIDE], ['390×844', NARROW]] as const) {
    it(`${label}: the compact embed (the docs' iframe example) answers within the first 1,200 px, key inputs next, the whole form behind a disclosure`, async () => {
      const page = await session().open('embed.html?preset=batch-scoring&compact', viewport);
      const summary = summaryOf(page);
      await summary.getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
      const box = await rect(summary);
      expect(box.bottom, 'the whole Summary, verdicts included').toBeLessThanOrEqual(1200);
      const keyInputs = page.getByRole('region', { name: 'Key inputs' });
      const keys = await rect(keyInputs);
      expect(keys.top).toBeGreaterThanOrEqual(box.bottom);
      const disclosure = page.locator('details.full-form');
      expect(await disclosure.evaluate((el) => (el as unknown as { open: boolean }).open)).toBe(false);
      expect(await rect(disclosure).then((r) => r.top)).toBeGreaterThanOrEqual(keys.bottom);

      // A key input edits the plan: half the window needs more GPUs or cores.
      const before = await summary.innerText();
      const windowField = keyInputs.getByLabel('Window').first();
      const windowText = await windowField.inputValue();
      await windowField.fill(windowText.replace(/^(\d+(?:\.\d+)?)/, (n) => String(Number(n) / 2)));
      await expect.poll(() => summary.innerText()).not.toBe(before);
      await disclosure.locator(':scope > summary').click();
      await expect.poll(() => page.locator('#plan-text, headroom-calculator textarea').first().inputValue()).toContain(`window: ${windowText.replace(/^(\d+(?:\.\d+)?)/, (n) => String(Number(n) / 2))}`);
      expect(session().pageErrors).toEqual([]);
    }, TEST_TIMEOUT);
  }

  for (const [size, viewport] of [['1440x900', WIDE], ['390x844', NARROW]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`screenshots at ${size} in ${scheme} for review (test-results/summary)`, async () => {
        const page = await session().newPage(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(session().server.url);
        await summaryOf(page).getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
        await page.screenshot({ path: join(SCREENS, `calculator-${size}-${scheme}.png`) });
        await page.getByTestId('answer-chat-llm').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENS, `cards-${size}-${scheme}.png`) });
        const embed = await session().newPage(viewport);
        await embed.emulateMedia({ colorScheme: scheme });
        await embed.goto(session().server.url + 'embed.html?preset=batch-scoring&compact');
        await summaryOf(embed).getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
        await embed.screenshot({ path: join(SCREENS, `embed-compact-${size}-${scheme}.png`) });
        expect(session().pageErrors).toEqual([]);
      }, TEST_TIMEOUT);
    }
  }
});
