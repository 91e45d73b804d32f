/**
 * verify end to end against a real Prometheus: the test writes five workloads' history as
 * OpenMetrics (4 h 10 min of it: one using 1.5× its planned CPU, one within plan, one at 10%, one
 * within plan but for a 20-minute spike, one with no series but its pods), in the shapes
 * kube-state-metrics and cAdvisor emit them (pods found by their StatefulSet owner), and the plan
 * series as a deployed exporter publishes them (a different hash, and one changed value), builds
 * TSDB blocks with `promtool tsdb create-blocks-from openmetrics`, starts Prometheus on them, and
 * checks verdicts, figures and the exit code.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlan, planSamples, sizePlan, type Plan, type Sizing } from '@headroom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quantile, type VerifyReport } from '@headroom/observe';
import { verifyCommand } from './command.ts';

const PLAN = `# capacity plan under test
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: verify-test, namespace: ml }
spec:
  defaults: { redundancy: none }
  workloads:
    - name: hot        # production uses 1.5x its planned CPU
      kind: model-serving
      traffic: { peakRequestsPerSecond: 40 }
      serviceTime: 50 ms
      workersPerReplica: 2
      model: { sizeBytes: 100 MiB }
      metrics: { runtime: none }
    - name: steady     # within plan
      kind: model-serving
      traffic: { peakRequestsPerSecond: 40 }
      serviceTime: 50 ms
      workersPerReplica: 2
      model: { sizeBytes: 100 MiB }
      metrics: { runtime: none }
    - name: idle       # 10% of its planned CPU
      kind: model-serving
      traffic: { peakRequestsPerSecond: 40 }
      serviceTime: 50 ms
      workersPerReplica: 2
      model: { sizeBytes: 100 MiB }
      metrics: { runtime: none }
    - name: spiky      # within plan but for 20 minutes at 1.5x
      kind: model-serving
      traffic: { peakRequestsPerSecond: 40 }
      serviceTime: 50 ms
      workersPerReplica: 2
      model: { sizeBytes: 100 MiB }
      metrics: { runtime: none }
    - name: dark       # runs, but nothing about it is scraped
      kind: model-serving
      traffic: { peakRequestsPerSecond: 40 }
      serviceTime: 50 ms
      workersPerReplica: 2
      model: { sizeBytes: 100 MiB }
      metrics: { runtime: none }
`;

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const INTERVAL = 60;
const POINTS = 250; // 4 h 10 min at 60 s: the 4 h range lies inside the history

/** CPU (fraction of the planned total) at sample i. */
const cpuShape: Record<string, (i: number) => number> = {
  hot: () => 1.5,
  steady: (i) => (i < POINTS * (2 / 3) ? 0.5 : 0.8),
  idle: () => 0.1,
  // 20 minutes at 1.5x: longer than HeadroomCPUAbovePlan's 15m `for`, shorter than two 7-day steps.
  spiky: (i) => (i >= 100 && i < 120 ? 1.5 : 0.5),
};
/** The deployed exporter publishes steady's CPU total at 1.5 times the file's (the file moved on since). */
const DEPLOYED_CPU_FACTOR: Record<string, number> = { steady: 1.5 };
const DEPLOYED_HASH = 'sha256-deployed';
/** Memory (fraction of the planned total) at sample i: a saw tooth, so quantiles differ from the max. */
const memoryShape = (i: number) => 0.3 + 0.04 * (i % 10);

let dir = '';
let prometheus: ChildProcess | undefined;
let url = '';
let sizing: Sizing;
let parsedPlan: Plan;
const planFile = () => join(dir, 'plan.yaml');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function openMetrics(endSeconds: number): string {
  const families = new Map<string, string[]>();
  const add = (metric: string, line: string) => families.set(metric, [...(families.get(metric) ?? []), line]);
  const times = Array.from({ length: POINTS }, (_, i) => endSeconds - (POINTS - 1 - i) * INTERVAL);
  const info = `{plan="verify-test",namespace="ml",version="headroom/v1",hash="${DEPLOYED_HASH}",job="headroom-exporter",instance="10.0.0.9:9464"}`;
  for (const t of times) add('headroom_plan_info', `headroom_plan_info${info} 1 ${t}`);
  for (const s of planSamples(parsedPlan, sizing).filter((s) => s.name !== 'headroom_plan_info')) {
    const factor = s.name === 'headroom_plan_cpu_cores' && s.labels.scope === 'total' ? DEPLOYED_CPU_FACTOR[s.labels.workload!] ?? 1 : 1;
    const labels = `{${Object.entries({ ...s.labels, job: 'headroom-exporter', instance: '10.0.0.9:9464' }).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
    for (const t of times) add(s.name, `${s.name}${labels} ${s.value * factor} ${t}`);
  }
  for (const w of sizing.workloads) {
    const pods = Math.max(w.replicas.peak, w.replicas.min);
    const hpa = `{namespace="ml",horizontalpodautoscaler="${w.name}"}`;
    if (w.name !== 'dark') {
      for (const t of times) {
        add('kube_horizontalpodautoscaler_spec_max_replicas', `kube_horizontalpodautoscaler_spec_max_replicas${hpa} ${w.replicas.max} ${t}`);
        add('kube_horizontalpodautoscaler_info', `kube_horizontalpodautoscaler_info{namespace="ml",horizontalpodautoscaler="${w.name}",scaletargetref_kind="StatefulSet",scaletargetref_name="${w.name}"} 1 ${t}`);
      }
    }
    for (let p = 0; p < pods; p++) {
      const pod = `pod="${w.name}-${p}",uid="uid-${w.name}-${p}"`;
      // cAdvisor: the container's cgroup and the pod's own (no container label), which holds the same again.
      const container = `{namespace="ml",${pod},container="${w.name}",image="registry.example/${w.name}:1"}`;
      const podCgroup = `{namespace="ml",${pod},id="/kubepods/pod${w.name}-${p}"}`;
      let cpuSeconds = 0;
      for (const [i, t] of times.entries()) {
        add('kube_pod_owner', `kube_pod_owner{namespace="ml",${pod},owner_kind="StatefulSet",owner_name="${w.name}",owner_is_controller="true"} 1 ${t}`);
        add('kube_pod_status_ready', `kube_pod_status_ready{namespace="ml",${pod},condition="true"} 1 ${t}`);
        if (w.name === 'dark') continue;
        if (i > 0) cpuSeconds += (cpuShape[w.name]!(i) * w.total.cpuCores / pods) * INTERVAL;
        for (const labels of [container, podCgroup]) {
          add('container_cpu_usage_seconds_total', `container_cpu_usage_seconds_total${labels} ${cpuSeconds} ${t}`);
          add('container_memory_working_set_bytes', `container_memory_working_set_bytes${labels} ${Math.round(memoryShape(i) * w.total.memoryBytes / pods)} ${t}`);
        }
        add('kube_pod_container_resource_requests', `kube_pod_container_resource_requests{namespace="ml",${pod},container="${w.name}",resource="cpu",unit="core"} ${w.perReplica.cpuCores} ${t}`);
      }
    }
  }
  return `${[...families.values()].flat().join('\n')}\n# EOF\n`;
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/-/ready`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('prometheus did not become ready');
}

beforeAll(async () => {
  const parsed = parsePlan(PLAN, 'plan.yaml');
  if (!parsed.ok) throw new Error(parsed.error.message);
  parsedPlan = parsed.plan;
  sizing = sizePlan(parsed.plan);
  dir = mkdtempSync(join(tmpdir(), 'headroom-verify-'));
  writeFileSync(planFile(), PLAN);
  const end = Math.floor(Date.now() / 1000) - 120;
  writeFileSync(join(dir, 'history.om'), openMetrics(end));
  const built = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'history.om'), join(dir, 'data')], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`promtool failed: ${built.stderr}`);
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  prometheus = spawn(PROMETHEUS, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, '--storage.tsdb.retention.time=30d',
    `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: 'ignore' });
  await waitReady(url, prometheus);
}, 40_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus!.once('exit', r));
    prometheus.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const byName = (report: VerifyReport, name: string) => report.workloads.find((w) => w.workload === name)!;
const check = (report: VerifyReport, workload: string, id: string) => byName(report, workload).checks.find((c) => c.id === id)!;
const planned = (name: string) => sizing.workloads.find((w) => w.name === name)!;

describe('headroom verify against a real Prometheus', () => {
  it('judges each workload as its history was built to show, with exit code 1', async () => {
    const { output, exitCode } = await verifyCommand(planFile(), { prometheus: url, range: '4h', json: true });
    const report = JSON.parse(output) as VerifyReport;
    expect(exitCode).toBe(1);
    expect(report.underProvisioned).toEqual(['hot', 'spiky']);
    expect(byName(report, 'hot').verdict).toBe('under-provisioned');
    expect(byName(report, 'steady').verdict).toBe('within-plan');
    expect(byName(report, 'idle').verdict).toBe('over-provisioned');
    expect(check(report, 'hot', 'cpu-usage').verdict).toBe('under-provisioned');
    expect(check(report, 'idle', 'cpu-peak-day').outcomes.find((o) => o.alert === 'HeadroomCPUOverProvisioned')?.breached).toBe(true);
    // Nothing scraped about dark but its pods: no data, its own verdict, never "within plan".
    expect(byName(report, 'dark').verdict).toBe('no-data');
    expect(check(report, 'dark', 'cpu-usage').verdict).toBe('no-data');
    // Absence that means nothing happened is not judged: no OOM kill, no unschedulable pod.
    expect(check(report, 'steady', 'oom-kills').verdict).toBe('not-judged');
  });

  it('judges against the deployed plan and says it is not the file', async () => {
    const { output } = await verifyCommand(planFile(), { prometheus: url, range: '4h', json: true });
    const report = JSON.parse(output) as VerifyReport & { deployedPlan: { published: boolean; hashes: string[]; matchesFile: boolean } };
    expect(report.deployedPlan).toMatchObject({ published: true, hashes: [DEPLOYED_HASH], matchesFile: false });
    expect(check(report, 'steady', 'cpu-usage').planned).toBeCloseTo(1.5 * planned('steady').total.cpuCores, 9);
    const text = await verifyCommand(planFile(), { prometheus: url, range: '4h', json: false });
    expect(text.output).toMatch(/^warning: the deployed plan \(headroom_plan_info hash sha256-deployed\) is not .*plan\.yaml/m);
  });

  it('finds a breach shorter than two steps of a 7-day range at the alert\'s own resolution', async () => {
    const { output } = await verifyCommand(planFile(), { prometheus: url, range: '7d', json: true });
    const report = JSON.parse(output) as VerifyReport;
    expect(report.range.stepSeconds).toBeGreaterThan(600);
    const spike = check(report, 'spiky', 'cpu-usage').outcomes.find((o) => o.alert === 'HeadroomCPUAbovePlan')!;
    expect(spike.breached).toBe(true);
    expect(spike.observed / planned('spiky').total.cpuCores).toBeCloseTo(1.5, 1);
    expect(check(report, 'steady', 'cpu-usage').verdict).toBe('within-plan');
  });

  it('fails under --strict when a signal a workload must have has no data', async () => {
    const { output, exitCode } = await verifyCommand(planFile(), { prometheus: url, range: '4h', json: false, strict: true });
    expect(exitCode).toBe(1);
    expect(output).toContain('FAIL (--strict): no data for signals of dark');
  });

  it('reports figures computed from the written history', async () => {
    const { output } = await verifyCommand(planFile(), { prometheus: url, range: '4h', json: true });
    const report = JSON.parse(output) as VerifyReport;
    for (const name of ['hot', 'steady', 'idle']) {
      const cpu = check(report, name, 'cpu-usage');
      const total = planned(name).total.cpuCores;
      expect(cpu.planned).toBeCloseTo(total * (DEPLOYED_CPU_FACTOR[name] ?? 1), 9);
      const expectedMax = Math.max(...Array.from({ length: POINTS }, (_, i) => cpuShape[name]!(i))) * total;
      expect(cpu.summary!.max).toBeCloseTo(expectedMax, 6);
      expect(cpu.summary!.p95).toBeCloseTo(expectedMax, 6);
      // The busiest pod's working set (every pod holds the same share).
      const memory = check(report, name, 'memory-usage');
      const pods = Math.max(planned(name).replicas.peak, planned(name).replicas.min);
      const written = Array.from({ length: POINTS }, (_, i) => memoryShape(i) * planned(name).total.memoryBytes / pods).sort((a, b) => a - b);
      expect(memory.summary!.max).toBeCloseTo(written.at(-1)!, -3);
      expect(Math.abs(memory.summary!.p95 / quantile(written, 0.95) - 1)).toBeLessThan(0.02);
      expect(Math.abs(memory.summary!.p50 / quantile(written, 0.5) - 1)).toBeLessThan(0.05);
      expect(memory.verdict).toBe('within-plan');
    }
    const steady = check(report, 'steady', 'cpu-usage');
    expect(steady.summary!.p50).toBeCloseTo(0.5 * planned('steady').total.cpuCores, 6);
    // Against the deployed plan's CPU, 1.5 times the file's: (1.5 − 0.8) / 1.5.
    expect(steady.headroomPercent).toBeCloseTo(((1.5 - 0.8) / 1.5) * 100, 3);
    const hot = byName(report, 'hot').recommendations.find((r) => r.resource === 'cpu')!;
    expect(hot.recommendedTotal).toBeCloseTo(1.5 * 1.15 * planned('hot').total.cpuCores, 6);
  });

  it('prints a readable table and writes a revised plan that sizes the observed CPU', async () => {
    const out = join(dir, 'revised.yaml');
    const { output, exitCode } = await verifyCommand(planFile(), { prometheus: url, range: '4h', json: false, writePlan: out });
    expect(exitCode).toBe(1);
    expect(output).toMatch(/^hot \(model-serving, ml\): UNDER-PROVISIONED$/m);
    expect(output).toMatch(/^idle \(model-serving, ml\): over-provisioned$/m);
    expect(output).toContain('FAIL: under-provisioned: hot');
    const revisedText = readFileSync(out, 'utf8');
    expect(revisedText).toContain('# capacity plan under test');
    const revised = parsePlan(revisedText, out);
    if (!revised.ok) throw new Error(revised.error.message);
    const resized = sizePlan(revised.plan);
    const cpu = (s: Sizing, name: string) => s.workloads.find((w) => w.name === name)!.total.cpuCores;
    expect(cpu(resized, 'hot') / (1.5 * 1.15 * cpu(sizing, 'hot'))).toBeCloseTo(1, 2);
    expect(cpu(resized, 'idle') / (0.1 * 1.15 * cpu(sizing, 'idle'))).toBeCloseTo(1, 2);
    expect(cpu(resized, 'steady')).toBe(cpu(sizing, 'steady'));
  });
});
