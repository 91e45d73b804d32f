/** Loads a plan from a file or a bundled preset and validates it; bad input becomes a CliError. */
import { readFileSync } from 'node:fs';
import { findPlanPreset, parsePlan, planPresets, type Plan } from '@headroom/model';
import { CliError } from './errors.ts';

export function readPlanText(file: string | undefined, preset: string | undefined): { text: string; source: string } {
  if (preset !== undefined) {
    const found = findPlanPreset(preset);
    if (!found) throw new CliError(`unknown preset "${preset}"; known: ${planPresets.map((p) => p.name).join(', ')}`, 2);
    return { text: found.yaml, source: `preset:${preset}` };
  }
  if (file === undefined) throw new CliError('missing plan file (or --preset NAME)', 2);
  try {
    return { text: readFileSync(file, 'utf8'), source: file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read the plan (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message})`);
  }
}

export function loadPlan(file: string | undefined, preset: string | undefined): Plan {
  const { text, source } = readPlanText(file, preset);
  const result = parsePlan(text, source);
  if (!result.ok) throw new CliError(`${source}: the plan is not valid:\n${result.error.message.split('\n').map((line) => `  ${line}`).join('\n')}`);
  return result.plan;
}
