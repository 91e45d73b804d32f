/** `headroom generate <plan> --out <dir>`: the verification kit and the exporter bundle, written atomically. */
import { sizePlan } from '@headroom/model';
import { defaultKitConfig, generateKit, sloBucketNotices } from '@headroom/observe';
import { exporterBundle, exporterFiles } from '@headroom/exporter/bundle';
import { CliError } from '../errors.ts';
import { loadPlan, readPlanText } from '../plan-input.ts';
import { writeTree } from '../write-tree.ts';

export async function generateCommand(file: string | undefined, options: { out?: string; force: boolean; preset?: string }): Promise<string> {
  if (options.out === undefined) throw new CliError('generate needs --out <dir>', 2);
  const plan = loadPlan(file, options.preset);
  const planText = readPlanText(file, options.preset).text;
  const sizing = sizePlan(plan);
  const files = [...generateKit(plan, sizing, { planText }), ...exporterFiles(await exporterBundle(), planText, defaultKitConfig.exporterPort)];
  writeTree(options.out, files, { force: options.force });
  const counts = new Map<string, number>();
  for (const f of files) counts.set(f.path.split('/')[0]!, (counts.get(f.path.split('/')[0]!) ?? 0) + 1);
  // Objectives between histogram buckets: the alerts measure them at the bucket below, and say so.
  const notices = sloBucketNotices(plan, sizing).map((n) => `note: ${n}\n`).join('');
  return `${notices}wrote ${files.length} files to ${options.out}: ${[...counts].map(([dir, n]) => `${dir}/ (${n})`).join(', ')}\n`;
}
