/**
 * Hostile plans (issue 13): how long each takes to be refused, in-process, against a floor measured
 * in the same run: parsing and validating the default preset (a normal plan), and for the 50 MB file
 * reading the whole file (what the CLI did before it stopped reading at the size limit).
 * `pnpm bench:hostile`; figures in docs/benchmarks.md.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPlanPreset, parsePlan } from '@headroom/model';
import { loadPlanText } from '../../apps/cli/src/plan-input.ts';
import { ms, time } from './stats.ts';

const dir = mkdtempSync(join(tmpdir(), 'headroom-hostile-bench-'));
const header = 'apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: demo }\nspec:\n';
let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
for (let i = 1; i < 9; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
const big = join(dir, '50mb.yaml');
writeFileSync(big, `${header}  # ${'x'.repeat(50 * 1024 * 1024)}\n`);

const texts: [string, string][] = [
  ['alias bomb (10^9 values once expanded)', bomb],
  ['nesting 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['a million blank lines', `${'\n'.repeat(1_000_000)}a: 1`],
  ['16,000 unknown keys (183 KB)', `${header}${Array.from({ length: 16_000 }, (_, i) => `  k${i}: 1`).join('\n')}\n  workloads: []\n`],
  ['40,000 keys, one repeated', `a:\n${Array.from({ length: 40_000 }, (_, i) => `  k${i}: 1`).join('\n')}\n  k7: 2\n`],
];

const floor = time(() => parsePlan(findPlanPreset('chat-assistant')!.yaml), 50);
const readFloor = time(() => readFileSync(big, 'utf8'), 5, 1);
console.log(`floor: parsePlan(chat-assistant) ${ms(floor.medianMs)} median; reading the 50 MB file whole ${ms(readFloor.medianMs)}`);
const refuse50 = time(() => {
  try { loadPlanText(big, undefined); } catch { /* refused, as expected */ }
}, 5, 1);
console.log(`50 MB plan file through the CLI loader: ${ms(refuse50.medianMs)} median (${(refuse50.medianMs / readFloor.medianMs).toFixed(2)}x reading it whole)`);
for (const [name, text] of texts) {
  const result = parsePlan(text, 'bench.yaml');
  if (result.ok) throw new Error(`${name} was accepted`);
  const timing = time(() => parsePlan(text, 'bench.yaml'), 5, 1);
  console.log(`${name}: refused in ${ms(timing.medianMs)} median (${(timing.medianMs / floor.medianMs).toFixed(1)}x the preset) - ${result.error.issues[0]!.message.slice(0, 90)}`);
}
