/**
 * The forecast series the exporter publishes for plans that date month 0 (spec.growth.start): this
 * calendar month's expected load per workload, rendered by prom-client and read back by promtool.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPlanPreset, forecastMonthAt } from '@headroom/model';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { loadPlanFile, samplesAt } from './plan-source.ts';
import { PlanGauges } from './plan-gauges.ts';

async function load(yaml: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'forecast-series-')), 'plan.yaml');
  writeFileSync(file, yaml);
  const result = await loadPlanFile(file);
  if (!result.ok) throw new Error(result.message);
  return result.loaded;
}

const promtool = (input: string) => new Promise<string>((resolve) => {
  const child = execFile('promtool', ['check', 'metrics'], (error, stdout, stderr) => resolve(`${error ? 'failed' : 'ok'}: ${stdout}${stderr}`));
  child.stdin!.end(input);
});

describe('forecast series', () => {
  it('publishes the llm-chat preset\'s forecast peak for the calendar month: 12 req/s × 1.15^6 in June 2027', async () => {
    const loaded = await load(findPlanPreset('llm-chat')!.yaml);
    expect(forecastMonthAt('2026-12', new Date('2027-06-15T00:00:00Z'))).toBe(6);
    const registry = new Registry();
    new PlanGauges([registry]).update(samplesAt(loaded.plan, loaded.sizing, new Date('2027-06-15T00:00:00Z')));
    const body = await registry.metrics();
    const line = body.split('\n').find((l) => l.startsWith('headroom_plan_forecast_peak_requests_per_second{') && l.includes('workload="chat-70b"'))!;
    expect(line).toContain('plan="llm-chat",namespace="chat",workload="chat-70b",kind="llm-inference"');
    expect(Number(line.split(' ').at(-1))).toBeCloseTo(12 * 1.15 ** 6, 9);
    expect(await promtool(body)).toMatch(/^ok: /);
  });

  it('publishes the plan\'s own load before month 0, and work per run for batch jobs', async () => {
    const loaded = await load(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: nightly, namespace: jobs }
spec:
  growth: { monthly: 0.5, start: 2027-03-01 }
  workloads:
    - name: embed
      kind: batch-inference
      items: 1e6
      window: 1 h
      perItem: { cpuTime: 5 ms }
`);
    expect(samplesAt(loaded.plan, loaded.sizing, new Date('2027-01-10T00:00:00Z')).find((s) => s.name === 'headroom_plan_forecast_work_per_run'))
      .toEqual({ name: 'headroom_plan_forecast_work_per_run', labels: { plan: 'nightly', namespace: 'jobs', workload: 'embed', kind: 'batch-inference', unit: 'items' }, value: 1e6 });
    expect(samplesAt(loaded.plan, loaded.sizing, new Date('2027-05-31T23:59:59Z')).find((s) => s.name === 'headroom_plan_forecast_work_per_run')!.value).toBe(2.25e6);
  });

  it('publishes no forecast series for a plan without a start month', async () => {
    const loaded = await load(findPlanPreset('chat-assistant')!.yaml);
    expect(loaded.samples.some((s) => s.name.startsWith('headroom_plan_forecast_'))).toBe(false);
  });
});
