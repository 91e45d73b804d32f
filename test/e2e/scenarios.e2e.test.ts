/**
 * Scenarios A and B (issue 16, item 3) in real headless Chromium at 1440×900 and 390×844: keep the
 * plan as A, edit it (B), see A and B side by side with the cost difference, restore A through the
 * edit path (Undo brings B back), and find A again after a reload. Screenshots of both sizes in
 * light and dark go to HEADROOM_E2E_SCREENS (default test-results/scenarios) for review.
 *
 * Code that runs in the page is written as strings: the root tsconfig has no DOM types.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from './server.ts';
import { fileSession } from './session.ts';

const SETUP_TIMEOUT = 120_000;
/** A test: up to 15 s on the loaded shared machine, given four times that. */
const TEST_TIMEOUT = 60_000;
/** Keep, compare, restore, undo and reload in one test: 22 s on the loaded shared machine, given more than four times that. */
const JOURNEY_TIMEOUT = 100_000;
const DIST = process.env.HEADROOM_E2E_DIST ? join(ROOT, process.env.HEADROOM_E2E_DIST) : join(ROOT, '.tmp/e2e-scenarios-dist');
const SCREENS = process.env.HEADROOM_E2E_SCREENS ?? join(ROOT, 'test-results/scenarios');
const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };

const session = fileSession(DIST, { setupTimeoutMs: SETUP_TIMEOUT, screens: SCREENS });

const summaryOf = (page: Page) => page.getByRole('region', { name: 'Summary', exact: true });
const scenariosOf = (page: Page) => page.getByRole('region', { name: 'Scenarios', exact: true });
const planText = (page: Page) => page.locator('#plan-text').inputValue();

/** "$12,345" or "$12.34" as a number. */
const usd = (text: string) => Number(text.replace(/[^\d.]/g, ''));

async function freshPage(viewport: { width: number; height: number }): Promise<Page> {
  const page = await session().open('', viewport);
  await summaryOf(page).getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
  return page;
}

async function summaryCost(summary: Locator): Promise<number> {
  return usd(await summary.getByTestId('summary-cost').innerText());
}

describe('scenarios A and B in Chromium', () => {
  for (const [label, viewport] of [['1440×900', WIDE], ['390×844', NARROW]] as const) {
    it(`${label}: keep A, edit, see the cost difference, restore A (undoable), and find A after a reload`, async () => {
      const page = await freshPage(viewport);
      const summary = summaryOf(page);
      const scenarios = scenariosOf(page);
      const original = await planText(page);
      const costA = await summaryCost(summary);
      await scenarios.getByRole('button', { name: 'Keep as A' }).click();

      // B: ten times the LLM traffic.
      const traffic = page.locator('.workload-cards > li').first().getByLabel('Peak requests per second');
      await traffic.fill('200');
      await expect.poll(() => summaryCost(summary), { timeout: 10_000 }).toBeGreaterThan(costA);
      const costB = await summaryCost(summary);
      const sentence = scenarios.getByTestId('scenario-cost-difference');
      await expect.poll(() => sentence.innerText(), { timeout: 10_000 }).toMatch(/^B costs \$[\d,.]+ more per month than A \(\+[\d.]+ %\)\.$/);
      const said = await sentence.innerText();
      // The difference is B − A of the Summary's own figures (whole dollars on screen).
      expect(Math.abs(usd(said.split(' more')[0]!) - (costB - costA))).toBeLessThanOrEqual(1);
      const percent = Number(/\(\+([\d.]+) %\)/.exec(said)![1]);
      expect(Math.abs(percent - ((costB - costA) / costA) * 100)).toBeLessThan(0.1 * percent);

      const totals = scenarios.getByRole('table', { name: 'Scenario totals' });
      const costRow = await totals.getByRole('row', { name: /^Cost per month/ }).locator('td').allInnerTexts();
      expect(usd(costRow[0]!)).toBe(costA);
      expect(usd(costRow[1]!)).toBe(costB);
      const gpuRow = await totals.getByRole('row', { name: /^GPUs/ }).locator('td').allInnerTexts();
      expect(Number(gpuRow[1]!.replace(/,/g, ''))).toBeGreaterThan(Number(gpuRow[0]!.replace(/,/g, '')));
      const llmRow = await scenarios.getByRole('table', { name: 'Scenario workloads' }).getByRole('row', { name: /^chat-llm/ }).innerText();
      expect(llmRow).toMatch(/meets TTFT 1 s and ITL 50 ms.*meets TTFT 1 s and ITL 50 ms/s);
      if (viewport === NARROW) expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'no sideways scrolling at 390 px').toBe(390);
      await scenarios.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENS, `scenarios-${viewport.width}x${viewport.height}-compared.png`) });

      // Restore A through the edit path; Undo brings B back.
      await scenarios.getByRole('button', { name: 'Restore A' }).click();
      await expect.poll(() => planText(page)).toBe(original);
      await expect.poll(() => summaryCost(summary)).toBe(costA);
      await expect.poll(() => sentence.innerText()).toBe('B costs the same as A per month.');
      await page.getByRole('group', { name: 'History' }).getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => summaryCost(summary)).toBe(costB);

      // A survives a reload (the hash carries B, the browser's storage A). B is written to the
      // autosave, then to the hash, a moment after its results are in.
      const textB = await planText(page);
      await expect.poll(() => page.evaluate<string | null>("localStorage.getItem('headroom.plan')"), { timeout: 10_000 }).toBe(textB);
      await page.waitForTimeout(1000);
      await page.reload();
      await summary.getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
      await expect.poll(() => scenarios.getByTestId('scenario-cost-difference').innerText(), { timeout: 15_000 }).toBe(said);
      expect(session().pageErrors).toEqual([]);
    }, JOURNEY_TIMEOUT);
  }

  it('a bad edit neither loses A nor compares against it; swap and clear', async () => {
    const page = await freshPage(WIDE);
    const scenarios = scenariosOf(page);
    await scenarios.getByRole('button', { name: 'Keep as A' }).click();
    const itl = page.locator('.workload-cards > li').first().getByLabel('Inter token latency');
    await itl.fill('0.5 ms');
    const workloads = scenarios.getByRole('table', { name: 'Scenario workloads' });
    await expect.poll(() => workloads.getByRole('row', { name: /^chat-llm/ }).innerText(), { timeout: 10_000 }).toMatch(/meets TTFT.*infeasible/s);
    await expect.poll(() => scenarios.innerText()).toMatch(/B has an infeasible or unplaced workload/);
    // Text that does not parse: A stays, swapping waits for a B that sizes.
    await itl.fill('lots');
    await expect.poll(() => scenarios.getByRole('button', { name: 'Swap A and B' }).isDisabled()).toBe(true);
    await itl.fill('40 ms');
    await expect.poll(() => scenarios.getByRole('button', { name: 'Swap A and B' }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await scenarios.getByRole('button', { name: 'Swap A and B' }).click();
    await expect.poll(() => planText(page)).toMatch(/interTokenLatency: 50 ms/);
    await scenarios.getByRole('button', { name: 'Clear A' }).click();
    await expect.poll(() => scenarios.getByRole('button', { name: 'Keep as A' }).isVisible()).toBe(true);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);

  for (const [size, viewport] of [['1440x900', WIDE], ['390x844', NARROW]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`screenshot of A and B at ${size} in ${scheme} for review`, async () => {
        const page = await session().newPage(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(session().server.url);
        const scenarios = scenariosOf(page);
        await summaryOf(page).getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
        await scenarios.getByRole('button', { name: 'Keep as A' }).click();
        await page.locator('.workload-cards > li').first().getByLabel('Peak requests per second').fill('200');
        await expect.poll(() => scenarios.getByTestId('scenario-cost-difference').innerText(), { timeout: 10_000 }).toMatch(/more per month/);
        await scenarios.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENS, `scenarios-${size}-${scheme}.png`) });
        expect(session().pageErrors).toEqual([]);
      }, TEST_TIMEOUT);
    }
  }
});
