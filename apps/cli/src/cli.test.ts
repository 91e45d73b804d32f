/**
 * The real `headroom` command, run as a subprocess (`pnpm -s headroom ...` from the repository root),
 * as users and CI run it. Each run pays pnpm's start-up and the built CLI's (~1 s of CPU), so there are
 * 15 runs, concurrent, and one run checks several things where it can; output that needs no process
 * of its own (the presets table, init printing to stdout, --force) is checked by calling the command
 * functions in-process.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findPlanPreset, parsePlan, planPresets, type Plan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { initCommand, presetsCommand } from './commands/presets.ts';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'headroom-cli-'));

interface Run { code: number; stdout: string; stderr: string }

/** Runs `pnpm -s headroom ...args` without blocking, so concurrent tests run their CLIs in parallel. */
function headroom(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile('pnpm', ['-s', 'headroom', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      });
  });
}

const STACK_LINE = /^\s{4}at /m;
const USAGE = /usage: headroom <command>/;

function planOf(text: string): Plan {
  const result = parsePlan(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.plan;
}

const rag = findPlanPreset('rag')!;

describe.concurrent('headroom size', () => {
  // rag is sized below from the file `init --preset rag --out` writes.
  it.each(planPresets.filter((p) => p.name !== 'rag').map((p) => p.name))('size --preset %s prints a readable report', async (name) => {
    const plan = planOf(findPlanPreset(name)!.yaml);
    const run = await headroom('size', '--preset', name);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Plan ${plan.metadata.name} `);
    for (const w of plan.spec.workloads) expect(run.stdout).toMatch(new RegExp(`^${w.name} +${w.kind} `, 'm'));
    expect(run.stdout).toMatch(/^node pool +instance type +pricing +USD\/node-hour +nodes/m);
    for (const pool of plan.spec.cluster.nodePools) {
      expect(run.stdout).toMatch(new RegExp(`^${pool.name}( \\(added\\))? +${pool.instanceType.replace(/\./g, '\\.')} +${pool.pricing ?? plan.spec.cluster.pricing ?? 'on-demand'} +[\\d.]+ +\\d+ `, 'm'));
    }
    expect(run.stdout).toMatch(/^Totals: .* cores, .* memory, \d+ GPUs, .* storage, \$[\d,]+ per month/m);
  });
});

describe.concurrent('headroom init, and size <file> --json', () => {
  it('init --out writes the preset, size <file> --json prints one JSON document, and init refuses to overwrite without --force', async () => {
    const file = join(dir, 'rag.yaml');
    const init = await headroom('init', '--preset', 'rag', '--out', file);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toBe(`wrote ${file}\n`);
    const written = readFileSync(file, 'utf8');
    expect(written).toBe(rag.yaml); // with its comments
    expect(planOf(written)).toEqual(planOf(rag.yaml));

    const size = await headroom('size', file, '--json');
    expect(size.stderr).toBe('');
    expect(size.code).toBe(0);
    const sizing = JSON.parse(size.stdout) as { workloads: { name: string; kind: string }[]; cluster: { nodePools: unknown[]; totals: Record<string, number> } };
    expect(size.stdout.trimEnd().endsWith('}')).toBe(true);
    expect(sizing.workloads.map((w) => [w.name, w.kind])).toEqual(planOf(rag.yaml).spec.workloads.map((w) => [w.name, w.kind]));
    expect(sizing.cluster.nodePools.length).toBeGreaterThan(0);
    expect(sizing.cluster.totals).toHaveProperty('cpuCores');

    writeFileSync(file, '# my edits\n');
    const again = await headroom('init', '--out', file);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(file);
    expect(again.stderr).toMatch(/exists.*--force/);
    expect(again.stderr).not.toMatch(STACK_LINE);
    expect(readFileSync(file, 'utf8')).toBe('# my edits\n');
  });
});

describe.concurrent('headroom schema and presets', () => {
  it('schema prints the plan\'s JSON Schema', async () => {
    const run = await headroom('schema');
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as { $schema: string; type: string; properties: Record<string, unknown> };
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.type).toBe('object');
    expect(schema.properties).toHaveProperty('spec');
    for (const kind of ['llm-inference', 'model-serving', 'training', 'batch-inference', 'data-pipeline']) expect(run.stdout).toContain(`"${kind}"`);
  });

  it('presets --json lists every preset as JSON', async () => {
    const run = await headroom('presets', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(planPresets.map(({ name, title, description }) => ({ name, title, description })));
  });
});

describe.concurrent('headroom on bad input', () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: demo }
spec:
  workloads:
    - name: ranker
      kind: model-serving
      traffic: { peakRequestsPerSecond: -5 }
      serviceTime: 25 ms
      model: { sizeBytes: 1 GiB }
`);

  it('a bad plan exits non-zero naming the file, the line and the field path, without a stack trace', async () => {
    const run = await headroom('size', bad);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${bad}:8:`);
    expect(run.stderr).toContain('spec.workloads[0].traffic.peakRequestsPerSecond: must be greater than 0 (got -5)');
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toMatch(/internal error/);
  });

  it('a missing file is a clear message and a non-zero exit; --debug adds the stack', async () => {
    const missing = join(dir, 'no-such-plan.yaml');
    const run = await headroom('size', missing, '--debug');
    expect(run.code).not.toBe(0);
    expect(existsSync(missing)).toBe(false);
    expect(run.stderr).toContain(`${missing}: cannot read the plan (no such file)`);
    expect(run.stderr).toMatch(STACK_LINE);
  });

  it('an unknown command exits 2 with the usage', async () => {
    const run = await headroom('frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toMatch(USAGE);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('an unknown option exits 2 with the usage', async () => {
    const run = await headroom('size', '--bogus');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--bogus');
    expect(run.stderr).toMatch(USAGE);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const run = await headroom('--help');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(USAGE);
    for (const command of ['size', 'schema', 'presets', 'init']) expect(run.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
  });
});

describe('command output checked in-process (no subprocess needed)', () => {
  it('presets lists every preset with its title', () => {
    const text = presetsCommand({ json: false });
    for (const p of planPresets) expect(text).toMatch(new RegExp(`^${p.name} +${p.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm'));
  });

  it('init --preset rag prints YAML that parses back to the same preset', () => {
    const text = initCommand({ preset: 'rag', force: false });
    expect(text).toBe(rag.yaml);
    expect(planOf(text)).toEqual(planOf(rag.yaml));
  });

  it('init --out --force overwrites an existing file', () => {
    const file = join(dir, 'forced.yaml');
    writeFileSync(file, '# old\n');
    expect(() => initCommand({ preset: 'rag', out: file, force: false })).toThrow(/exists; pass --force/);
    expect(initCommand({ preset: 'rag', out: file, force: true })).toBe(`wrote ${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe(rag.yaml);
  });
});

describe.concurrent('headroom size on a plan that is not complete', () => {
  it('exits 3, still prints the JSON, and names the binding limit on stderr', async () => {
    const file = join(dir, 'infeasible.yaml');
    writeFileSync(file, `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: tight, namespace: ml }
spec:
  cluster: { provider: eks }
  workloads:
    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-70b }
      traffic: { peakRequestsPerSecond: 20, inputTokens: 1000, outputTokens: 250 }
      slo: { interTokenLatency: 5 ms }
      accelerator: { gpu: H100-SXM-80GB }
`);
    const run = await headroom('size', file, '--json');
    expect(run.code).toBe(3);
    const sizing = JSON.parse(run.stdout) as { complete: boolean; workloads: { feasible: boolean }[] };
    expect(sizing.complete).toBe(false);
    expect(sizing.workloads[0]!.feasible).toBe(false);
    expect(run.stderr).toMatch(/the plan is not complete:\n {2}chat: LLM_ITL_SLO_INFEASIBLE: One decode step alone takes/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe('size on a GPU no catalog instance type carries (in-process)', () => {
  it('prints the total as a lower bound and says the workload is not in it', async () => {
    const { sizeCommand } = await import('./commands/size.ts');
    const file = join(dir, 'unpriced.yaml');
    writeFileSync(file, `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: unpriced, namespace: ml }
spec:
  cluster: { provider: eks }
  workloads:
    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 2, inputTokens: 500, outputTokens: 200 }
      accelerator: { gpu: H20-96GB }
`);
    const { output, exitCode } = sizeCommand(file, { json: false });
    expect(exitCode).toBe(3);
    expect(output).toMatch(/chat: No eks instance type .* \(no price known: NOT included below\)/);
    expect(output).toMatch(/Totals: .* at least \$0 per month \(each pool at its pricing model; a lower bound: a workload above has no known price\)/);
    expect(output).toMatch(/chat \(infeasible\) .* unknown \(no price\)/);
  });
});

const PRICED_PLAN = `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: priced, namespace: ml }
spec:
  cluster: { provider: eks, nodePools: [ { name: l4-spot, instanceType: g6.12xlarge, pricing: spot }, { name: cpu, instanceType: m5.xlarge, pricing: commit-1y } ] }
  workloads:
    - name: tags
      kind: batch-inference
      items: 8e6
      window: 5 h
      perItem: { gpuTime: 15 ms }
      accelerator: { gpu: L4-24GB }
      nodePool: l4-spot
    - name: ranker
      kind: model-serving
      device: cpu
      traffic: { peakRequestsPerSecond: 50 }
      serviceTime: 20 ms
      model: { sizeBytes: 1 GiB }
      slo: { latencyP95: 200 ms }
`;

describe('size prints pricing per pool and showback per workload (in-process)', () => {
  it('shows each pool\'s pricing model and billed rate, and each workload\'s share of the cost', async () => {
    const { sizeCommand } = await import('./commands/size.ts');
    const file = join(dir, 'priced.yaml');
    writeFileSync(file, PRICED_PLAN);
    const { output, exitCode } = sizeCommand(file, { json: false });
    expect(exitCode).toBe(0);
    expect(output).toMatch(/l4-spot +g6\.12xlarge +spot +2\.0357 +\d+/);
    expect(output).toMatch(/cpu +m5\.xlarge +commit-1y +0\.12 +1 /);
    const shown = [...output.matchAll(/^(tags|ranker) .*?\$([\d,]+) \((\d+)%\)/gm)];
    expect(shown.map((m) => m[1])).toEqual(['tags', 'ranker']);
    expect(shown.reduce((sum, m) => sum + Number(m[3]), 0)).toBeGreaterThanOrEqual(99);
    const json = JSON.parse(sizeCommand(file, { json: true }).output) as { workloads: { showback: { costPerMonthUsd: number } }[]; cluster: { costPerMonthUsd: number } };
    expect(json.workloads.reduce((sum, w) => sum + w.showback.costPerMonthUsd, 0)).toBeCloseTo(json.cluster.costPerMonthUsd, 6);
  });
});

describe('size refuses a service on a spot pool', () => {
  it('exits 1 naming the file, the field and the workload', async () => {
    const file = join(dir, 'spot-service.yaml');
    writeFileSync(file, PRICED_PLAN.replace('slo: { latencyP95: 200 ms }', 'slo: { latencyP95: 200 ms }\n      nodePool: l4-spot'));
    const run = await headroom('size', file);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('spot-service.yaml');
    expect(run.stderr).toMatch(/workloads.*nodePool/);
    expect(run.stderr).toContain('workload "ranker" cannot run on spot pool "l4-spot"');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe('size --explain NAME lists the configurations compared (in-process)', () => {
  it('prints a table of GPU, TP, PP, replicas, GPUs, cost, feasibility and the binding limit', async () => {
    const { sizeCommand } = await import('./commands/size.ts');
    const { output, exitCode } = sizeCommand(undefined, { json: false, explain: 'llama-405b', preset: 'frontier-llm' });
    expect(exitCode).toBe(0);
    expect(output).toMatch(/Configurations compared:\n {4}gpu +TP +PP +replicas +gpus +USD\/month +feasible +limited by/);
    expect(output).toMatch(/H100-SXM-80GB +8 +2 +\d+ +\d+ +\$[\d,]+ +yes/);
    expect(output).toMatch(/H100-SXM-80GB +8 +1 +0 +0 +\$0 +no +LLM_MODEL_DOES_NOT_FIT/);
  });
});

describe('size --explain (in-process)', () => {
  it('prints every figure of one workload with its formula, inputs and source', async () => {
    const { sizeCommand } = await import('./commands/size.ts');
    const { output: text, exitCode } = sizeCommand(undefined, { json: false, explain: 'ranker', preset: 'chat-assistant' });
    expect(exitCode).toBe(0);
    expect(text).toMatch(/^ranker \(model-serving\)/);
    expect(text).toMatch(/Workers for the p95 latency SLO: \d+ workers\n {4}= smallest c with P\(sojourn > latencyP95\) ≤ 0.05/);
    expect(text).toMatch(/source: M\/M\/c sojourn time/);
    expect(text).not.toMatch(/chat-llm/);
    expect(() => sizeCommand(undefined, { json: false, explain: 'nope', preset: 'chat-assistant' })).toThrow(/no workload named "nope"/);
  });
});

describe('generate (subprocess)', () => {
  it('writes the kit for a plan and refuses to overwrite it', async () => {
    const out = join(dir, 'kit');
    const first = await headroom('generate', '--preset', 'rag', '--out', out, '--exporter-image', 'registry.example.com/ml/headroom-exporter:2.0.0', '--rule-labels', 'release=monitoring');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/wrote \d+ files to .*dashboards\/ \(\d+\), alerts\/ \(2\), kubernetes\/ \(\d+\), alertmanager\/ \(1\), README\.md, exporter\/ \(3\)\n$/);
    expect(existsSync(join(out, 'alerts/rag.rules.yaml'))).toBe(true);
    expect(existsSync(join(out, 'alerts/rag.rules.test.yaml'))).toBe(true);
    expect(existsSync(join(out, 'alertmanager/alertmanager.yaml'))).toBe(true);
    const exporter = readFileSync(join(out, 'kubernetes/exporter.yaml'), 'utf8');
    expect(exporter).toContain('Retrieval-augmented generation');
    expect(exporter).toContain('image: registry.example.com/ml/headroom-exporter:2.0.0');
    expect(readFileSync(join(out, 'kubernetes/prometheus-rule.yaml'), 'utf8')).toMatch(/^    release: monitoring\nspec:/m);
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('| Exporter image | `registry.example.com/ml/headroom-exporter:2.0.0` | `headroom generate --exporter-image` |');
    expect(readme).toContain('| PrometheusRule labels (ruleSelector) | `release=monitoring` | `headroom generate --rule-labels` |');
  });
});

describe.concurrent('serve errors (subprocess)', () => {
  it('names an unreadable plan', async () => {
    const run = await headroom('serve', join(dir, 'missing.yaml'), '--port', '0');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/missing\.yaml: cannot read the plan \(ENOENT\)/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('names the field of a bad web-config', async () => {
    const web = join(dir, 'web.yml');
    writeFileSync(web, 'basic_auth_users:\n  prometheus: not-a-bcrypt-hash\n');
    const run = await headroom('serve', join(root, '..', 'shared', 'examples', 'plan.yaml'), '--port', '0', '--web-config', web);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--web-config .*web\.yml.*basic_auth_users\.prometheus/);
  });

  it('holds the served plan to the --max-* plan limits', async () => {
    const run = await headroom('serve', join(root, '..', 'shared', 'examples', 'plan.yaml'), '--port', '0', '--max-workloads', '1');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/plan\.yaml:\d+:\d+: spec\.workloads: the plan exceeds a limit: \d+ workloads, over the limit of 1 \(workloads\)/);
  });
});
