/**
 * `headroom forecast`: the JSON contract (DESIGN.md, CLI contract), the readable table, exit codes
 * and bad input. One real subprocess run checks the command as users run it; the rest call the
 * command in-process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forecastCommand } from './commands/forecast.ts';
import { sizeCommand } from './commands/size.ts';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'headroom-forecast-'));

function headroom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('pnpm', ['-s', 'headroom', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
  });
}

const planFile = (name: string, spec: string, workloads = `    - name: embed
      kind: batch-inference
      items: 1e6
      window: 1 h
      perItem: { gpuTime: 10 ms }
      accelerator: { gpu: L4-24GB }
`) => {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: ${name} }\nspec:\n${spec}  workloads:\n${workloads}`);
  return file;
};
const l4 = '  cluster: { provider: eks, nodePools: [ { name: l4, instanceType: g6.xlarge, maxNodes: 8 } ] }\n';

describe('headroom forecast (subprocess)', () => {
  it('prints the contract JSON for the llm-chat preset, with its exhaustion months', async () => {
    const run = await headroom('forecast', '--preset', 'llm-chat', '--json', '--months', '9');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const forecast = JSON.parse(run.stdout);
    expect(forecast.months).toHaveLength(10);
    forecast.months.forEach((m: Record<string, unknown>, i: number) => {
      expect(m.month).toBe(i);
      for (const count of ['gpus', 'nodes']) expect(Number.isInteger(m[count])).toBe(true);
      expect(typeof m.costPerMonthUsd).toBe('number');
      expect(m.nodePools).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'h100', nodes: expect.any(Number) })]));
    });
    expect(forecast.exhaustion).toEqual([
      expect.objectContaining({ kind: 'maxNodes', pool: 'h100', month: 6, limit: 6, date: '2027-06' }),
      expect.objectContaining({ kind: 'quota', pool: 'h100', gpuModel: 'H100-SXM-80GB', month: 8, limit: 64 }),
    ]);
  });
});

describe('headroom forecast (in-process)', () => {
  it('prints a table per month and the limits reached', () => {
    const { output, exitCode } = forecastCommand(planFile('grow', `  growth: { monthly: 0.5, months: 3, start: 2026-12 }\n${l4}`), { json: false });
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^Forecast of plan grow: 3 months from 2026-12$/m);
    expect(output).toMatch(/^embed +50% +spec\.growth\.monthly/m);
    expect(output).toMatch(/^ *2 \(2027-02\) +9 +9 +\$[\d,]+ +9\/8 +NO$/m);
    expect(output).toContain('month 2 (2027-02): pool l4 needs 9 nodes, maxNodes 8');
  });

  it('says so when the plan states no growth', () => {
    const { output } = forecastCommand(planFile('flat', l4), { json: false, months: '2' });
    expect(output).toContain('The plan states no growth');
    expect(output).toContain('No stated limit (maxNodes, GPU quota) is reached within 2 months.');
  });

  it('exits 3 when the plan is not complete today, still printing the forecast', () => {
    const file = planFile('over', '  growth: { monthly: 0.1 }\n  cluster: { provider: eks, nodePools: [ { name: l4, instanceType: g6.xlarge, maxNodes: 2 } ] }\n');
    const { output, exitCode, stderr } = forecastCommand(file, { json: true, months: '1' });
    expect(exitCode).toBe(3);
    expect(stderr).toMatch(/not complete today \(month 0\)/);
    expect(JSON.parse(output).exhaustion[0]).toMatchObject({ kind: 'maxNodes', pool: 'l4', month: 0, limit: 2, needed: 4 });
  });

  it('refuses a bad --months with exit 2, and a bad growth field naming it', () => {
    for (const bad of ['0', '121', '1.5', 'twelve', '-3']) {
      expect(() => forecastCommand(planFile('m', l4), { json: true, months: bad })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/--months must be a whole number from 1 to 120/) }));
    }
    expect(() => forecastCommand(planFile('bad', `  growth: { monthly: 0.1, months: 0 }\n${l4}`), { json: true }))
      .toThrow(expect.objectContaining({ exitCode: 1, message: expect.stringMatching(/bad\.yaml:5:\d+: spec\.growth\.months: must be at least 1 \(got 0\)/) }));
  });

  it('ends the forecast where its figures pass plausibility, and says why', () => {
    const { output } = forecastCommand(planFile('boom', `  growth: { monthly: 10, months: 12 }\n${l4}`), { json: false });
    expect(output).toMatch(/The forecast stops at month \d+: .*beyond the plausible maximum/);
  });
});

describe('headroom size with maxNodes and GPU quotas (in-process)', () => {
  it('reports a pool past its maxNodes and an exceeded quota, exits 3 and names both on stderr', () => {
    const file = planFile('capped', '  cluster: { provider: eks, nodePools: [ { name: l4, instanceType: g6.xlarge, maxNodes: 2 } ], quotas: { gpus: { L4-24GB: 3 } } }\n');
    const { output, exitCode, stderr } = sizeCommand(file, { json: false });
    expect(exitCode).toBe(3);
    expect(output).toMatch(/^l4 +g6\.xlarge +on-demand +0\.8048 +0 \(needs 4, maxNodes 2\) /m);
    expect(output).toMatch(/embed: Pool l4 would need 4 g6\.xlarge nodes; its maxNodes is 2/);
    expect(stderr).toContain('embed: POOL_MAX_NODES_EXCEEDED: Pool l4 would need 4 g6.xlarge nodes; its maxNodes is 2.');
    expect(stderr).toContain('GPU quota L4-24GB: 4 GPUs needed, the quota allows 3');
  });
});
