/** `headroom generate <plan> --out <dir>`: the verification kit and the exporter bundle, written atomically. */
import type { PlanLimits } from '@headroom/model';
import { defaultKitConfig, generateKit } from '@headroom/observe';
import { exporterBundle, exporterFiles } from '@headroom/exporter/bundle';
import { CliError } from '../errors.ts';
import { loadPlanText, sizeLoadedPlan } from '../plan-input.ts';
import { writeTree } from '../write-tree.ts';

export async function generateCommand(file: string | undefined, options: { out?: string; force: boolean; preset?: string; limits?: Partial<PlanLimits> }): Promise<string> {
  if (options.out === undefined) throw new CliError('generate needs --out <dir>', 2);
  const { plan, text: planText, source } = loadPlanText(file, options.preset, options.limits);
  const files = [...generateKit(plan, sizeLoadedPlan(plan, source), { planText }), ...exporterFiles(await exporterBundle(), planText, defaultKitConfig.exporterPort)];
  writeTree(options.out, files, { force: options.force });
  const counts = new Map<string, number>();
  for (const f of files) counts.set(f.path.split('/')[0]!, (counts.get(f.path.split('/')[0]!) ?? 0) + 1);
  return `wrote ${files.length} files to ${options.out}: ${[...counts].map(([dir, n]) => `${dir}/ (${n})`).join(', ')}\n`;
}
