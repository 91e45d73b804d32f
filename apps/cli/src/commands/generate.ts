/** `headroom generate <plan> --out <dir>`: the verification kit and the exporter bundle, written atomically. */
import { inlineModelConfigs, kitSettingsSchema, parseLabelList, type PlanLimits } from '@headroom/model';
import { defaultKitConfig, generateKit, sloBucketNotices, type KitConfig } from '@headroom/observe';
import { exporterBundle, exporterFiles } from '@headroom/exporter/bundle';
import { CliError } from '../errors.ts';
import { modelConfigsBeside } from '../model-config-file.ts';
import { loadPlanText, sizeLoadedPlan } from '../plan-input.ts';
import { writeTree } from '../write-tree.ts';

/** The flags that override the plan's `spec.kit` (and the kit's defaults). */
export interface KitFlags {
  runbookBaseUrl?: string;
  exporterImage?: string;
  ruleLabels?: string;
  serviceMonitorLabels?: string;
}

const FLAG_NAMES = { runbookBaseUrl: '--runbook-base-url', exporterImage: '--exporter-image', prometheusRuleLabels: '--rule-labels', serviceMonitorLabels: '--service-monitor-labels' } as const;

function labelList(flag: string, text: string): Record<string, string> {
  const parsed = parseLabelList(text);
  if (!parsed.ok) throw new CliError(`${flag}: ${parsed.message}`, 2);
  return parsed.labels;
}

/** The flags as kit overrides, validated exactly as the plan's `spec.kit` is, errors naming the flag. */
export function kitOverrides(flags: KitFlags): Partial<KitConfig> {
  const input = {
    ...(flags.runbookBaseUrl !== undefined ? { runbookBaseUrl: flags.runbookBaseUrl } : {}),
    ...(flags.exporterImage !== undefined ? { exporterImage: flags.exporterImage } : {}),
    ...(flags.ruleLabels !== undefined ? { prometheusRuleLabels: labelList(FLAG_NAMES.prometheusRuleLabels, flags.ruleLabels) } : {}),
    ...(flags.serviceMonitorLabels !== undefined ? { serviceMonitorLabels: labelList(FLAG_NAMES.serviceMonitorLabels, flags.serviceMonitorLabels) } : {}),
  };
  const result = kitSettingsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const [field, ...rest] = issue.path.map(String);
    throw new CliError(`${FLAG_NAMES[field as keyof typeof FLAG_NAMES] ?? field}${rest.length ? ` (${rest.join('.')})` : ''}: ${issue.message}`, 2);
  }
  return Object.fromEntries(Object.entries(result.data).filter(([, v]) => v !== undefined)) as Partial<KitConfig>;
}

export async function generateCommand(file: string | undefined, options: { out?: string; force: boolean; preset?: string; limits?: Partial<PlanLimits> } & KitFlags): Promise<string> {
  if (options.out === undefined) throw new CliError('generate needs --out <dir>', 2);
  const config = kitOverrides(options);
  const { plan, text, source } = loadPlanText(file, options.preset, options.limits);
  const sizing = sizeLoadedPlan(plan, source);
  // The exporter's ConfigMap and exporter/plan.yaml travel without the config.json files the plan
  // names: ship the plan with their fields inlined.
  const planText = options.preset === undefined && file !== undefined ? inlineModelConfigs(text, modelConfigsBeside(file)) : text;
  const files = [...generateKit(plan, sizing, { planText, config }), ...exporterFiles(await exporterBundle(), planText, defaultKitConfig.exporterPort)];
  writeTree(options.out, files, { force: options.force });
  const counts = new Map<string, number>();
  for (const f of files) {
    const top = f.path.includes('/') ? `${f.path.split('/')[0]!}/` : f.path;
    counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  // Objectives between histogram buckets: the alerts measure them at the bucket below, and say so.
  const notices = sloBucketNotices(plan, sizing).map((n) => `note: ${n}\n`).join('');
  return `${notices}wrote ${files.length} files to ${options.out}: ${[...counts].map(([top, n]) => (top.endsWith('/') ? `${top} (${n})` : top)).join(', ')}\n`;
}
