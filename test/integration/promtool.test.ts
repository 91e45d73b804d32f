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
import { parsePlan, planPresets, sizePlan } from '@headroom/model';
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

  it('records every workload of a namespace from one rule per signal: each its own value, 0 ready without pods, a named container apart', async () => {
    const parsed = parsePlan(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: shared, namespace: ml }
spec:
  workloads:
    - { name: a, kind: model-serving, traffic: { peakRequestsPerSecond: 5 }, serviceTime: 20 ms, model: { sizeBytes: 100 MiB } }
    - { name: b, kind: model-serving, traffic: { peakRequestsPerSecond: 5 }, serviceTime: 20 ms, model: { sizeBytes: 100 MiB } }
    - { name: c, kind: model-serving, traffic: { peakRequestsPerSecond: 5 }, serviceTime: 20 ms, model: { sizeBytes: 100 MiB }, match: { container: server } }
`);
    if (!parsed.ok) throw parsed.error;
    const dir = mkdtempSync(join(tmpdir(), 'headroom-shared-'));
    const rules = generateKit(parsed.plan, sizePlan(parsed.plan)).find((f) => f.path === 'alerts/shared.rules.yaml')!;
    writeFileSync(join(dir, 'shared.rules.yaml'), rules.contents);
    // One rule records CPU for all three: a part for a and b, one for c (its own container).
    expect(rules.contents.match(/record: namespace_workload:headroom_cpu_usage:signal/g)).toHaveLength(1);
    expect(rules.contents).toMatch(/workload!="c"\}\)\) or \(.*container="server".*workload="c"\}/);
    const at = { cluster: 'x', namespace: 'ml' };
    const labels = (l: Record<string, string>) => `{${Object.entries({ ...at, ...l }).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
    // a runs two pods, b none (its Deployment is scaled to zero), c one pod with a sidecar; a second
    // kube-state-metrics replica reports a's pods again (folded by max before the join).
    const pods = [['a-0', 'a'], ['a-1', 'a'], ['c-0', 'c']] as const;
    const series = [
      ...pods.flatMap(([pod, owner]) => ['ksm-0', 'ksm-1'].flatMap((instance) => instance === 'ksm-1' && owner === 'c' ? [] : [
        { series: `kube_pod_owner${labels({ pod, owner_kind: 'StatefulSet', owner_name: owner, instance })}`, values: '1x20' },
        { series: `kube_pod_status_ready${labels({ pod, condition: 'true', instance })}`, values: '1x20' },
        { series: `kube_pod_status_phase${labels({ pod, phase: 'Running', instance })}`, values: '1x20' },
      ])),
      { series: `container_cpu_usage_seconds_total${labels({ pod: 'a-0', container: 'a' })}`, values: '0+30x20' },
      { series: `container_cpu_usage_seconds_total${labels({ pod: 'a-1', container: 'a' })}`, values: '0+15x20' },
      { series: `container_cpu_usage_seconds_total${labels({ pod: 'c-0', container: 'server' })}`, values: '0+60x20' },
      { series: `container_cpu_usage_seconds_total${labels({ pod: 'c-0', container: 'sidecar' })}`, values: '0+120x20' },
      { series: `headroom_plan_info${labels({ plan: 'shared' })}`, values: '1x20' },
      ...['a', 'b', 'c'].map((workload) => ({ series: `headroom_plan_replicas${labels({ plan: 'shared', workload, kind: 'model-serving', bound: 'min' })}`, values: '1x20' })),
    ];
    const of = (workload: string) => ({ ...at, plan: 'shared', workload, kind: 'model-serving' });
    const tests = {
      rule_files: ['shared.rules.yaml'],
      evaluation_interval: '1m',
      tests: [{
        interval: '1m',
        input_series: series,
        promql_expr_test: [
          { expr: 'namespace_workload:headroom_ready_replicas:signal', eval_time: '10m', exp_samples: [{ labels: `namespace_workload:headroom_ready_replicas:signal${labels(of('a'))}`, value: 2 }, { labels: `namespace_workload:headroom_ready_replicas:signal${labels(of('b'))}`, value: 0 }, { labels: `namespace_workload:headroom_ready_replicas:signal${labels(of('c'))}`, value: 1 }] },
          { expr: 'namespace_workload:headroom_pods_running:sum', eval_time: '10m', exp_samples: [{ labels: `namespace_workload:headroom_pods_running:sum${labels(of('a'))}`, value: 2 }, { labels: `namespace_workload:headroom_pods_running:sum${labels(of('c'))}`, value: 1 }] },
          { expr: 'namespace_workload:headroom_cpu_usage:signal', eval_time: '10m', exp_samples: [{ labels: `namespace_workload:headroom_cpu_usage:signal${labels(of('a'))}`, value: 0.75 }, { labels: `namespace_workload:headroom_cpu_usage:signal${labels(of('c'))}`, value: 1 }] },
        ],
      }],
    };
    writeFileSync(join(dir, 'shared.rules.test.yaml'), JSON.stringify(tests));
    await checkAndTest(dir);
  });

  it('finds a LeaderWorkerSet\'s leader and worker pods by their StatefulSets, not a look-alike, and counts its replicas as groups', async () => {
    const preset = planPresets.find((p) => p.name === 'frontier-llm')!;
    const parsed = parsePlan(preset.yaml);
    if (!parsed.ok) throw parsed.error;
    const sizing = sizePlan(parsed.plan);
    const llama = sizing.workloads.find((w) => w.name === 'llama-405b')!;
    expect(llama.details.nodesPerReplica).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'headroom-lws-'));
    const rules = generateKit(parsed.plan, sizing).find((f) => f.path === 'alerts/frontier-llm.rules.yaml')!;
    writeFileSync(join(dir, 'frontier-llm.rules.yaml'), rules.contents);
    const at = { cluster: 'x', namespace: 'llm' };
    const labels = (l: Record<string, string>) => `{${Object.entries({ ...at, ...l }).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
    const ksm = { job: 'kube-state-metrics', instance: '10.0.0.5:8080' };
    // kube-state-metrics' kube_pod_owner for LWS llama-405b with 2 groups of 2: leaders owned by
    // the leader StatefulSet llama-405b, workers by llama-405b-<group>; one worker not Ready. And a
    // StatefulSet named llama-405b-gateway in the same namespace, which is not the workload.
    const pods = [['llama-405b-0', 'llama-405b', 1], ['llama-405b-0-1', 'llama-405b-0', 1], ['llama-405b-1', 'llama-405b', 1], ['llama-405b-1-1', 'llama-405b-1', 0], ['llama-405b-gateway-0', 'llama-405b-gateway', 1]] as const;
    const series = [
      ...pods.flatMap(([pod, owner, ready]) => [
        { series: `kube_pod_owner${labels({ ...ksm, pod, uid: `uid-${pod}`, owner_kind: 'StatefulSet', owner_name: owner, owner_is_controller: 'true' })}`, values: '1x20' },
        { series: `kube_pod_status_ready${labels({ ...ksm, pod, uid: `uid-${pod}`, condition: 'true' })}`, values: `${ready}x20` },
      ]),
      { series: `headroom_plan_info${labels({ plan: 'frontier-llm' })}`, values: '1x20' },
      { series: `headroom_plan_replicas${labels({ plan: 'frontier-llm', workload: 'llama-405b', kind: 'llm-inference', bound: 'min' })}`, values: `${llama.replicas.min}x20` },
    ];
    const of = { ...at, plan: 'frontier-llm', workload: 'llama-405b', kind: 'llm-inference' };
    const tests = {
      rule_files: ['frontier-llm.rules.yaml'],
      evaluation_interval: '1m',
      tests: [{
        interval: '1m',
        input_series: series,
        promql_expr_test: [
          {
            expr: 'namespace_workload_pod:headroom_pod_workload:info{workload="llama-405b"}',
            eval_time: '10m',
            exp_samples: pods.filter(([, owner]) => owner !== 'llama-405b-gateway').map(([pod]) => ({ labels: `namespace_workload_pod:headroom_pod_workload:info${labels({ ...of, pod })}`, value: 1 })),
          },
          // 3 Ready pods of groups of 2: 1.5 replicas' worth, below the plan's minimum of 2.
          { expr: 'namespace_workload:headroom_ready_replicas:signal{workload="llama-405b"}', eval_time: '10m', exp_samples: [{ labels: `namespace_workload:headroom_ready_replicas:signal${labels(of)}`, value: 1.5 }] },
        ],
        alert_rule_test: [{ eval_time: '15m', alertname: 'HeadroomReplicasBelowPlanMinimum', exp_alerts: [{
          exp_labels: { ...of, severity: 'critical' },
          exp_annotations: {
            summary: 'Fewer replicas are ready than the plan needs for availability.',
            description: `llama-405b (llm-inference) in llm: ready replicas is 1.5, planned ${llama.replicas.min}. Pods of the workload that are Ready (divided by the pods of a group where a replica spans several nodes). Good: at or above the planned minimum (availability floor).`,
            runbook_url: 'https://github.com/headroom-dev/headroom/blob/main/docs/runbooks/replicas-below-plan-minimum.md',
          },
        }] }],
      }],
    };
    writeFileSync(join(dir, 'frontier-llm.rules.test.yaml'), JSON.stringify(tests));
    await checkAndTest(dir);
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
