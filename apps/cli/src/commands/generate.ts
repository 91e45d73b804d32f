/** `headroom generate <plan> --out <dir>`: the verification kit and the exporter bundle, written atomically. */
import { sizePlan } from '@headroom/model';
import { defaultKitConfig, generateKit } from '@headroom/observe';
import { exporterBundle, exporterFiles } from '@headroom/exporter/bundle';
import { CliError } from '../errors.ts';
import { loadPlan, readPlanText } from '../plan-input.ts';
import { writeTree } from '../write-tree.ts';

export async function generateCommand(file: string | undefined, options: { out?: string; force: boolean; preset?: string }): Promise<string> {
  if (options.out === undefined) throw new CliError('generate needs --out <dir>', 2);
  const plan = loadPlan(file, options.preset);
  const planText = readPlanText(file, options.preset).text;
  const files = [...generateKit(plan, sizePlan(plan), { planText }), ...exporterFiles(await exporterBundle(), planText, defaultKitConfig.exporterPort)];
  writeTree(options.out, files, { force: options.force });
  const counts = new Map<string, number>();
  for (const f of files) {
    const top = f.path.includes('/') ? `${f.path.split('/')[0]!}/` : f.path;
    counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  return `wrote ${files.length} files to ${options.out}: ${[...counts].map(([top, n]) => (top.endsWith('/') ? `${top} (${n})` : top)).join(', ')}\n`;
}
