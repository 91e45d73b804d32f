/**
 * The repository's top-level dashboards/ and alerts/: the verification kit of every bundled preset,
 * one folder per preset. `pnpm kit:examples` writes them; examples.test.ts fails when they drift.
 */
import { parsePlan, planPresets, sizePlan } from '@headroom/model';
import { generateKit, type GeneratedFile } from '@headroom/observe';

export const EXAMPLE_ROOTS = ['dashboards', 'alerts'] as const;

export function exampleFiles(): GeneratedFile[] {
  return planPresets.flatMap((preset) => {
    const parsed = parsePlan(preset.yaml, `preset:${preset.name}`);
    if (!parsed.ok) throw parsed.error;
    return generateKit(parsed.plan, sizePlan(parsed.plan), { planText: preset.yaml })
      .filter((file) => EXAMPLE_ROOTS.some((root) => file.path.startsWith(`${root}/`)))
      .map((file) => {
        const [root, ...rest] = file.path.split('/');
        return { path: [root, preset.name, ...rest].join('/'), contents: file.contents };
      });
  });
}
