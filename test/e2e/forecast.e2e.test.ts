/**
 * The growth forecast in the calculator (issue 18), in real headless Chromium: choosing the
 * llm-chat example (traffic +15 %/month against an H100 pool capped at 6 nodes and 64 H100s of
 * quota) shows the "Growth forecast" section, computed in the plan worker, with the months each
 * limit is passed; the default example states no growth and shows no such section.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from './server.ts';
import { fileSession } from './session.ts';

const SETUP_TIMEOUT = 120_000;
// Measured 23 s on the shared 2-core machine (build excluded): four times that, as the other e2e files allow.
const TEST_TIMEOUT = 120_000;
const DIST = process.env.HEADROOM_E2E_DIST ? join(ROOT, process.env.HEADROOM_E2E_DIST) : join(ROOT, '.tmp/e2e-forecast-dist');

const session = fileSession(DIST, { setupTimeoutMs: SETUP_TIMEOUT });

const forecastOf = (page: Page) => page.getByRole('region', { name: 'Growth forecast', exact: true });

describe('growth forecast in Chromium', () => {
  it('shows the exhaustion months of the llm-chat example, and no forecast for a plan without growth', async () => {
    const page = await session().open('');
    await page.getByRole('region', { name: 'Summary', exact: true }).getByText('GPUs', { exact: true }).waitFor({ timeout: 15_000 });
    // chat-assistant, the default example, states no growth.
    await page.getByRole('region', { name: 'Results', exact: true }).getByText('Monthly cost by node pool').waitFor({ timeout: 30_000 });
    expect(await forecastOf(page).count()).toBe(0);

    await page.getByRole('button', { name: /^LLM chat/ }).click();
    const forecast = forecastOf(page);
    await forecast.waitFor({ timeout: 30_000 });
    // The same months `headroom forecast --preset llm-chat` prints (apps/cli/src/forecast.test.ts).
    await expect.poll(() => forecast.innerText(), { timeout: 15_000 }).toContain('Pool h100 needs 7 nodes in month 6 (2027-06), past its maxNodes of 6.');
    expect(await forecast.innerText()).toContain('H100-SXM-80GB GPUs: 72 needed in month 8 (2027-08), past the quota of 64 (pools h100).');
    // The chart draws: one step line each for GPUs and cost.
    expect(await forecast.locator('.recharts-line').count()).toBe(2);
    expect(session().pageErrors).toEqual([]);
  }, TEST_TIMEOUT);
});
