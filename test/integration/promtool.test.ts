/**
 * The generated rules against the real promtool (Debian package `prometheus`, 2.42 in CI):
 * `check rules --lint-fatal` and `test rules`, for every bundled preset's committed alerts/, for a
 * plan whose pod regex and names need escaping, for one where a workload's name is the prefix of
 * another's, and for one whose latency objectives lie between histogram buckets. The tests run one
 * after another: on a 2-core machine running them at once only makes each slower.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parsePlan, sizePlan } from '@headroom/model';
import { generateKit } from '@headroom/observe';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

async function promtool(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('promtool', args, { cwd, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('promtool not found: install the Debian package prometheus (.ci/run does)');
    throw new Error(`promtool ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

async function checkAndTest(dir: string): Promise<void> {
  const rules = readdirSync(dir).filter((f) => f.endsWith('.rules.yaml'));
  const tests = readdirSync(dir).filter((f) => f.endsWith('.rules.test.yaml'));
  expect(rules.length).toBe(1);
  expect(tests.length).toBe(1);
  expect(await promtool(['check', 'rules', '--lint-fatal', ...rules], dir)).toMatch(/SUCCESS/);
  expect(await promtool(['test', 'rules', ...tests], dir)).toMatch(/SUCCESS/);
}

async function checkPlan(name: string, text: string): Promise<void> {
  const parsed = parsePlan(text);
  if (!parsed.ok) throw parsed.error;
  const dir = mkdtempSync(join(tmpdir(), `headroom-${name}-`));
  for (const file of generateKit(parsed.plan, sizePlan(parsed.plan)).filter((f) => f.path.startsWith('alerts/'))) {
    writeFileSync(join(dir, file.path.slice('alerts/'.length)), file.contents);
  }
  await checkAndTest(dir);
}

describe('generated rules under promtool', () => {
  const presets = readdirSync(resolve(root, 'alerts'));
  it.each(presets)('alerts/%s passes check rules --lint-fatal and its unit tests', async (preset) => {
    await checkAndTest(resolve(root, 'alerts', preset));
  });

  it('escapes pod regexes and label values from the plan', async () => {
    const text = `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: escapes, namespace: team-a }
spec:
  cluster: { provider: eks }
  workloads:
    - name: chat
      kind: model-serving
      traffic: { peakRequestsPerSecond: 50 }
      serviceTime: 20 ms
      model: { sizeBytes: 100 MiB }
      slo: { latencyP95: 100 ms }
      match: { pod: 'chat-(a|b)\\d-.*', container: 'server' }
    - name: other
      kind: model-serving
      traffic: { peakRequestsPerSecond: 5 }
      serviceTime: 20 ms
      model: { sizeBytes: 100 MiB }
      match: { pod: 'other\\.v[0-9]+-.+', namespace: team-b }
`;
    await checkPlan('escapes', text);
  });

  it('tells apart workloads whose names share a prefix (chat, chat-gateway): the kit passes its own tests', async () => {
    await checkPlan('prefix', `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: prefix, namespace: ml }
spec:
  workloads:
    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 4, inputTokens: 800, outputTokens: 200 }
      accelerator: { gpu: H100-SXM-80GB }
      metrics: { runtime: vllm }
    - name: chat-gateway
      kind: model-serving
      traffic: { peakRequestsPerSecond: 50 }
      serviceTime: 20 ms
      model: { sizeBytes: 100 MiB }
`);
  });

  it('measures objectives between histogram buckets at the bucket below, and its tests use that bucket', async () => {
    await checkPlan('offbucket', `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: offbucket, namespace: ml }
spec:
  workloads:
    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 4, inputTokens: 800, outputTokens: 200 }
      slo: { timeToFirstToken: 1.2 s, interTokenLatency: 60 ms }
      accelerator: { gpu: H100-SXM-80GB }
      metrics: { runtime: vllm }
`);
  });

  it('accepts every pod regex the plan accepts (RE2 corners: flags, named groups, classes, quoting, escapes)', async () => {
    const patterns = ['(?i)Chat-(?P<color>a|b)\\x{41}[[:alpha:]]\\pL{2,3}?', '\\Q.*\\E[]a]\\012|\\p{Greek}+', '(?s:.)\\b[^\\d\\s-]{0,1000}', 'a"b\\\\c\\.\\*'];
    const workloads = patterns.map((pod, i) => `    - { name: w${i}, kind: model-serving, traffic: { peakRequestsPerSecond: 5 }, serviceTime: 20 ms, model: { sizeBytes: 100 MiB }, match: { pod: ${JSON.stringify(pod)} } }`);
    const parsed = parsePlan(`apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: regexes }\nspec:\n  workloads:\n${workloads.join('\n')}\n`);
    if (!parsed.ok) throw parsed.error;
    const dir = mkdtempSync(join(tmpdir(), 'headroom-re2-'));
    for (const file of generateKit(parsed.plan, sizePlan(parsed.plan)).filter((f) => f.path.startsWith('alerts/'))) {
      writeFileSync(join(dir, file.path.slice('alerts/'.length)), file.contents);
    }
    const rules = readdirSync(dir).filter((f) => f.endsWith('.rules.yaml'));
    expect(await promtool(['check', 'rules', '--lint-fatal', ...rules], dir)).toMatch(/SUCCESS/);
  });
});
