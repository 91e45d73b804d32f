/**
 * Inputs that cannot mislead and the provider switch (issue 16, items 5 and 6) in real headless
 * Chromium at 1440×900 and 390×844: a bare "60" in a latency field says it is read as 60 s and
 * warns; the model picker finds a preset by Hugging Face id with the keyboard; a blank workload of
 * each kind is added and sized; switching the provider moves the node pools, lists them, and
 * undoes. Screenshots of both sizes in light and dark go to HEADROOM_E2E_SCREENS (default
 * test-results/inputs) for review.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from './server.ts';
import { fileSession } from './session.ts';

const SETUP_TIMEOUT = 120_000;
/** Each test: up to 20 s on the loaded shared machine, given four times that. */
const TEST_TIMEOUT = 80_000;
const DIST = process.env.HEADROOM_E2E_DIST ? join(ROOT, process.env.HEADROOM_E2E_DIST) : join(ROOT, '.tmp/e2e-inputs-dist');
const SCREENS = process.env.HEADROOM_E2E_SCREENS ?? join(ROOT, 'test-results/inputs');
const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };
const SIZES = [['1440x900', WIDE], ['390x844', NARROW]] as const;

const session = fileSession(DIST, { setupTimeoutMs: SETUP_TIMEOUT, screens: SCREENS });

const summaryOf = (page: Page) => page.getByRole('region', { name: 'Summary', exact: true });
const planText = (page: Page) => page.locator('#plan-text').inputValue();
const firstCard = (page: Page) => page.locator('.workload-cards > li').first();

async function freshPage(viewport: { width: number; height: number }): Promise<Page> {
  const page = await session().open('', viewport);
  await summaryOf(page).getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
  return page;
}

describe('inputs and provider switch in Chromium', () => {
  for (const [size, viewport] of SIZES) {
    it(`${size}: a bare 60 in the TTFT field reads "60 s" and warns; the picker finds a preset by Hugging Face id`, async () => {
      const page = await freshPage(viewport);
      const card = firstCard(page);
      const ttft = card.getByLabel('Time to first token');
      await ttft.fill('60');
      const field = ttft.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " form-field ")][1]');
      await expect.poll(() => field.innerText()).toMatch(/60 → 60 s: a bare number is read as seconds/);
      expect(await field.innerText()).toMatch(/Unusual: 60 s is above 30 s, five times the loosest TTFT limit MLPerf Inference sets/);
      await expect.poll(() => planText(page)).toMatch(/timeToFirstToken: 60\b/);
      await ttft.fill('1 s');
      await expect.poll(() => field.locator('.field-reading').count()).toBe(0);

      const picker = card.getByRole('combobox', { name: 'Find a model for chat-llm' });
      await picker.fill('Qwen/Qwen3-8B');
      await expect.poll(() => picker.getAttribute('aria-expanded')).toBe('true');
      const first = card.getByRole('option').first();
      expect(await first.innerText()).toMatch(/Qwen3 8B\s+Qwen\/Qwen3-8B/);
      expect(await picker.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
      await picker.press('ArrowDown');
      await picker.press('ArrowUp');
      await picker.press('Enter');
      await expect.poll(() => planText(page)).toMatch(/model: \{ precision: bf16, preset: qwen3-8b \}/);
      await expect.poll(() => card.getByText(/chat-llm now serves Qwen3 8B/).isVisible()).toBe(true);
      await expect.poll(() => summaryOf(page).getByTestId('verdict-chat-llm').innerText(), { timeout: 10_000 }).toMatch(/meets/);
      if (viewport === NARROW) expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'no sideways scrolling at 390 px').toBe(390);
      expect(session().pageErrors).toEqual([]);
    }, TEST_TIMEOUT);

    it(`${size}: a blank workload of each kind is added, valid and sized`, async () => {
      const page = await freshPage(viewport);
      const picker = page.getByLabel('Add workload');
      const kinds = { 'llm-inference': 'llm', 'model-serving': 'model', training: 'training', 'batch-inference': 'batch', 'data-pipeline': 'pipeline' };
      for (const kind of Object.keys(kinds)) {
        await picker.selectOption(`blank/${kind}`);
        await page.getByRole('button', { name: 'Add', exact: true }).click();
      }
      const summary = summaryOf(page);
      for (const name of Object.values(kinds)) {
        await expect.poll(() => summary.getByTestId(`verdict-${name}`).innerText(), { timeout: 10_000 }).toMatch(/meets|fits|sized for peak/);
      }
      expect(await summary.innerText()).not.toMatch(/infeasible|not placed/);
      expect(session().pageErrors).toEqual([]);
    }, TEST_TIMEOUT);

    it(`${size}: switching the provider moves each node pool, lists old → new, and undoes`, async () => {
      const page = await freshPage(viewport);
      const before = await planText(page);
      const provider = page.getByLabel('Provider', { exact: true });
      await provider.selectOption('aks');
      const notice = page.getByRole('status', { name: 'Provider switch' });
      await expect.poll(() => notice.innerText()).toMatch(/general: m5\.2xlarge → Standard_D8s_v5/);
      expect(await notice.innerText()).toMatch(/gpu: p5\.48xlarge → Standard_ND96isr_H100_v5/);
      await expect.poll(() => planText(page)).toMatch(/provider: aks/);
      expect(await planText(page)).toMatch(/instanceType: Standard_ND96isr_H100_v5/);
      // The pools' instance suggestions are now the provider's own.
      const list = await page.getByLabel('Instance type').first().getAttribute('list');
      await expect.poll(() => page.locator(`datalist[id="${list}"] option`).evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value)), { timeout: 10_000 })
        .toEqual(expect.arrayContaining(['Standard_D8s_v5']));
      const offered = await page.locator(`datalist[id="${list}"] option`).evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
      expect(offered.every((id) => id.startsWith('Standard_'))).toBe(true);
      // Every pool's instance type is valid on the new provider (a workload whose own GPU AKS lacks,
      // embed-nightly's L4, is the Summary's "not placed", not the pool's error).
      await expect.poll(() => summaryOf(page).getByTestId('verdict-chat-llm').innerText(), { timeout: 10_000 }).toMatch(/meets/);
      expect(await page.locator('.list-item .field-error').count()).toBe(0);
      await notice.getByRole('button', { name: 'Undo the switch' }).click();
      await expect.poll(() => planText(page)).toBe(before);
      expect(session().pageErrors).toEqual([]);
    }, TEST_TIMEOUT);
  }

  it('a pool whose GPU the new provider lacks is kept and named', async () => {
    const page = await freshPage(WIDE);
    await page.getByLabel('Provider', { exact: true }).selectOption('aks');
    await page.locator('.list-item').nth(1).getByLabel('Instance type').fill('Standard_NV36ads_A10_v5');
    await expect.poll(() => planText(page)).toMatch(/instanceType: Standard_NV36ads_A10_v5/);
    await page.getByLabel('Provider', { exact: true }).selectOption('gke');
    const notice = page.getByRole('status', { name: 'Provider switch' });
    await expect.poll(() => notice.innerText()).toMatch(/gpu: kept Standard_NV36ads_A10_v5: GKE offers no instance type with A10-24GB GPUs in the catalog/);
    expect(await notice.innerText()).toMatch(/general: Standard_D8s_v5 → n2-standard-8/);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  for (const [size, viewport] of SIZES) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`screenshots of the input aids at ${size} in ${scheme} for review`, async () => {
        const page = await session().newPage(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(session().server.url);
        await summaryOf(page).getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
        await page.getByLabel('Provider', { exact: true }).selectOption('gke');
        const notice = page.getByRole('status', { name: 'Provider switch' });
        await notice.waitFor();
        await notice.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENS, `provider-${size}-${scheme}.png`) });
        const card = firstCard(page);
        await card.getByLabel('Time to first token').fill('60');
        const picker = card.getByRole('combobox', { name: 'Find a model for chat-llm' });
        await picker.fill('llama');
        await card.getByRole('option').first().waitFor();
        await picker.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENS, `picker-${size}-${scheme}.png`) });
        await card.getByLabel('Time to first token').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENS, `reading-${size}-${scheme}.png`) });
        expect(session().pageErrors).toEqual([]);
      }, TEST_TIMEOUT);
    }
  }
});
