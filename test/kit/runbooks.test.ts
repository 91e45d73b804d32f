/** Every generated alert links a runbook that exists in docs/runbooks and names the alert. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlan, planPresets, sizePlan } from '@headroom/model';
import { generateKit } from '@headroom/observe';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('runbooks', () => {
  const alerts = new Map<string, string>();
  for (const preset of planPresets) {
    const parsed = parsePlan(preset.yaml);
    if (!parsed.ok) throw parsed.error;
    const rules = generateKit(parsed.plan, sizePlan(parsed.plan)).find((f) => f.path.endsWith('.rules.yaml'))!;
    for (const group of (parse(rules.contents) as { groups: { rules: { alert?: string; annotations?: { runbook_url: string } }[] }[] }).groups) {
      for (const rule of group.rules) if (rule.alert) alerts.set(rule.alert, rule.annotations!.runbook_url);
    }
  }

  it('cover every alert the bundled plans generate', () => {
    expect(alerts.size).toBeGreaterThan(10);
    for (const [alert, url] of alerts) {
      const file = resolve(root, 'docs/runbooks', url.split('/').at(-1)!);
      expect(existsSync(file), `${alert}: ${file} is missing`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${file} does not name ${alert}`).toContain(alert);
    }
  });
});
