/** Plans the results tests size: the bundled presets and edits of them, through @headroom/model. */
import { parsePlan, planPresets, sizePlan, type Plan, type Sizing } from '@headroom/model';

export function sized(yaml: string): { plan: Plan; sizing: Sizing } {
  const parsed = parsePlan(yaml);
  if (!parsed.ok) throw new Error(parsed.error.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return { plan: parsed.plan, sizing: sizePlan(parsed.plan) };
}

export function presetYaml(name: string): string {
  const preset = planPresets.find((p) => p.name === name);
  if (!preset) throw new Error(`no preset ${name}`);
  return preset.yaml;
}
