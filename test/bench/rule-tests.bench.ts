/**
 * Generated rule tests under promtool (issue 14, item 10): for each bundled preset, `promtool test
 * rules` on its committed alerts/ directory (or the directories given with --root), median of
 * --runs runs, wall time and, where GNU time is installed, CPU time (user + system), which the
 * other users of a shared machine do not inflate. The floor is promtool on a one-group test of one
 * alert rule: process start, rule loading and TSDB set-up every run pays.
 * Budget: every plan's tests under 5 s on the 2-core machine. Run: `pnpm bench:rule-tests`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const root = resolve(option('root', resolve(import.meta.dirname, '../../alerts')));
const runs = Number(option('runs', '3'));
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run { wallS: number; cpuS: number | undefined }

function promtoolTest(dir: string, file: string): Run {
  const command = gnuTime ? [gnuTime, '-f', 'TIME %e %U %S', 'promtool', 'test', 'rules', file] : ['promtool', 'test', 'rules', file];
  const started = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), { cwd: dir, encoding: 'utf8' });
  const wallS = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`promtool test rules ${file} failed in ${dir}:\n${result.stdout}${result.stderr}`);
  const times = /TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return { wallS, cpuS: times ? Number(times[2]) + Number(times[3]) : undefined };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function measure(dir: string, file: string): { wallS: number; cpuS: number | undefined } {
  const all = Array.from({ length: runs }, () => promtoolTest(dir, file));
  const cpu = all.map((r) => r.cpuS).filter((c): c is number => c !== undefined);
  return { wallS: median(all.map((r) => r.wallS)), cpuS: cpu.length ? median(cpu) : undefined };
}

const floorDir = mkdtempSync(join(tmpdir(), 'headroom-floor-'));
writeFileSync(join(floorDir, 'floor.rules.yaml'), 'groups:\n  - name: floor\n    rules:\n      - alert: FloorHigh\n        expr: x > 1\n        for: 5m\n');
writeFileSync(join(floorDir, 'floor.rules.test.yaml'), [
  'rule_files: [floor.rules.yaml]', 'evaluation_interval: 5m', 'tests:', '  - interval: 1m', '    input_series:',
  "      - series: 'x'", "        values: '2+0x20'", '    alert_rule_test:', '      - eval_time: 15m', '        alertname: FloorHigh',
  '        exp_alerts: [{ exp_labels: {} }]', '',
].join('\n'));
const floor = measure(floorDir, 'floor.rules.test.yaml');
const seconds = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(2)} s`);

console.log(`promtool test rules, median of ${runs} runs, ${root}${gnuTime ? '' : ' (no /usr/bin/time: wall time only)'}`);
console.log(`floor (one alert, one group): wall ${seconds(floor.wallS)}, cpu ${seconds(floor.cpuS)}`);
console.log('plan                 groups  wall      cpu       wall / floor');
for (const plan of readdirSync(root).sort()) {
  const dir = join(root, plan);
  const file = readdirSync(dir).find((f) => f.endsWith('.rules.test.yaml'));
  if (!file) continue;
  const groups = (spawnSync('grep', ['-c', '^  - name:', file], { cwd: dir, encoding: 'utf8' }).stdout ?? '').trim();
  const m = measure(dir, file);
  console.log(`${plan.padEnd(20)} ${groups.padStart(6)}  ${seconds(m.wallS).padEnd(8)}  ${seconds(m.cpuS).padEnd(8)}  ${(m.wallS / floor.wallS).toFixed(1)}x`);
}
