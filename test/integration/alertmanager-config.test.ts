/**
 * The kit's alertmanager/alertmanager.yaml under the real amtool (Debian's prometheus-alertmanager,
 * 0.25 in CI): for every bundled preset, wrapped under a root route with the two receivers it names,
 * `amtool check-config` accepts it and `amtool config routes test` sends each severity of the plan's
 * alerts to its receiver and nothing of another plan or outside Headroom.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlan, planPresets, sizePlan } from '@headroom/model';
import { generateKit } from '@headroom/observe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { amtool } from './alertmanager.ts';

interface Fragment { route: object; inhibit_rules: object[] }
const repoRoot = join(import.meta.dirname, '../..');
interface RuleTests { tests: { alert_rule_test?: { alertname: string; exp_alerts: { exp_labels: Record<string, string> }[] }[] }[] }

function fragmentOf(yaml: string): { plan: string; fragment: Fragment } {
  const parsed = parsePlan(yaml);
  if (!parsed.ok) throw parsed.error;
  const file = generateKit(parsed.plan, sizePlan(parsed.plan)).find((f) => f.path === 'alertmanager/alertmanager.yaml');
  if (!file) throw new Error('generateKit wrote no alertmanager/alertmanager.yaml');
  return { plan: parsed.plan.metadata.name, fragment: parse(file.contents) as Fragment };
}

const wrapped = (fragment: Fragment, receivers = ['team-default', 'headroom-critical', 'headroom-warning']) => stringify({
  route: { receiver: 'team-default', routes: [fragment.route] },
  inhibit_rules: fragment.inhibit_rules,
  receivers: receivers.map((name) => ({ name })),
});

describe.concurrent('the Alertmanager fragment under amtool', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'headroom-amtool-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(planPresets.map((p) => p.name))('%s: check-config accepts it wrapped with receivers, and routes each severity', async (name) => {
    const { plan, fragment } = fragmentOf(planPresets.find((p) => p.name === name)!.yaml);
    const file = join(dir, `${name}.yml`);
    await writeFile(file, wrapped(fragment));
    const check = await amtool(['check-config', file]);
    expect(check.output).toMatch(/SUCCESS/);
    expect(check.output).toContain('2 inhibit rules');
    expect(check.code).toBe(0);

    const routed = async (labels: Record<string, string>) => {
      const result = await amtool(['config', 'routes', 'test', `--config.file=${file}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
      expect(result.code, result.output).toBe(0);
      return result.output.split('\n').filter((line) => line && !line.startsWith('Warning:')).join(',');
    };
    const alert = { plan, workload: 'any', cluster: 'east' };
    expect(await routed({ ...alert, alertname: 'HeadroomReplicasBelowPlanMinimum', severity: 'critical' })).toBe('headroom-critical');
    expect(await routed({ ...alert, alertname: 'HeadroomMemoryAbovePlan', severity: 'warning' })).toBe('headroom-warning');
    expect(await routed({ ...alert, alertname: 'HeadroomCPUOverProvisioned', severity: 'info' })).toBe('headroom-warning');
    expect(await routed({ ...alert, plan: `${plan}-other`, alertname: 'HeadroomMemoryAbovePlan', severity: 'warning' })).toBe('team-default');
    expect(await routed({ ...alert, alertname: 'KubePodCrashLooping', severity: 'critical' })).toBe('team-default');
  });

  it('routes every alert of every preset\'s kit, with the labels its promtool test proves it fires with, to a Headroom receiver', async () => {
    const file = join(dir, 'all-alerts.yml');
    const { fragment } = fragmentOf(planPresets[0]!.yaml);
    await writeFile(file, wrapped(fragment));
    const plan = parsePlan(planPresets[0]!.yaml);
    if (!plan.ok) throw plan.error;
    // One label set per alert name across the presets, renamed to the first preset's plan: the
    // question is whether the alert carries the labels the route matches on, not which plan it is.
    const firing = new Map<string, Record<string, string>>();
    // The committed kits of the presets (alerts/<preset>/, held to the generator by the examples test).
    for (const preset of planPresets) {
      const testFile = join(repoRoot, 'alerts', preset.name, `${preset.name}.rules.test.yaml`);
      for (const group of (parse(await readFile(testFile, 'utf8')) as RuleTests).tests) {
        for (const step of group.alert_rule_test ?? []) {
          for (const alert of step.exp_alerts) {
            if (firing.has(step.alertname)) continue;
            const labels = { ...alert.exp_labels, alertname: step.alertname };
            firing.set(step.alertname, 'plan' in labels ? { ...labels, plan: plan.plan.metadata.name } : labels);
          }
        }
      }
    }
    expect(firing.has('HeadroomKubeStateMetricsAbsent')).toBe(true);
    const unrouted: string[] = [];
    for (const [alertname, labels] of firing) {
      const result = await amtool(['config', 'routes', 'test', `--config.file=${file}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
      expect(result.code, result.output).toBe(0);
      if (!/headroom-(critical|warning)/.test(result.output)) unrouted.push(`${alertname} (${JSON.stringify(labels)})`);
    }
    expect(unrouted).toEqual([]);
  });

  it('is refused without the receivers it names', async () => {
    const { fragment } = fragmentOf(planPresets[0]!.yaml);
    const file = join(dir, 'no-receivers.yml');
    await writeFile(file, wrapped(fragment, ['team-default']));
    const check = await amtool(['check-config', file]);
    expect(check.code).not.toBe(0);
    expect(check.output).toMatch(/undefined receiver "headroom-(critical|warning)"/);
  });
});
