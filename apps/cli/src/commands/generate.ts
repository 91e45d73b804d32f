/** `headroom generate <plan> --out <dir>`: the verification kit, written atomically. */
import { sizePlan } from '@headroom/model';
import { generateKit } from '@headroom/observe';
import { CliError } from '../errors.ts';
import { loadPlan, readPlanText } from '../plan-input.ts';
import { writeTree } from '../write-tree.ts';

export function generateCommand(file: string | undefined, options: { out?: string; force: boolean; preset?: string }): string {
  if (options.out === undefined) throw new CliError('generate needs --out <dir>', 2);
  const plan = loadPlan(file, options.preset);
  const files = generateKit(plan, sizePlan(plan), { planText: readPlanText(file, options.preset).text });
  writeTree(options.out, files, { force: options.force });
  const counts = new Map<string, number>();
  for (const f of files) counts.set(f.path.split('/')[0]!, (counts.get(f.path.split('/')[0]!) ?? 0) + 1);
  return `wrote ${files.length} files to ${options.out}: ${[...counts].map(([dir, n]) => `${dir}/ (${n})`).join(', ')}\n`;
}
