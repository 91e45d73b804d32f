/**
 * Runs the shared output-contract check (../shared/checks/sizing-contract.mjs, DESIGN.md "Sizing")
 * against DESIGN.md's example plan and every bundled preset, through the real CLI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { planPresets } from '@headroom/model';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const contract = resolve(root, '../shared/checks/sizing-contract.mjs');

function runContract(plan?: string): string {
  return execFileSync('node', [contract, ...(plan ? [plan] : [])], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

describe.concurrent('sizing contract (shared/checks/sizing-contract.mjs)', () => {
  it('is present beside the project', () => {
    expect(existsSync(contract), `${contract} is missing: the project expects shared/ beside it`).toBe(true);
  });

  it('holds for the DESIGN.md example plan', () => {
    expect(runContract()).toMatch(/contract: \d+ passed, 0 failed/);
  });

  const dir = mkdtempSync(join(tmpdir(), 'headroom-contract-'));
  it.each(planPresets.map((p) => p.name))('holds for preset %s', (name) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, planPresets.find((p) => p.name === name)!.yaml);
    expect(runContract(file)).toMatch(/contract: \d+ passed, 0 failed/);
  });
});
