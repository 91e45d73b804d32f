/**
 * The loop, proven (issue 4): a real Prometheus (Debian's 2.42 in CI) loads the generated rule file,
 * scrapes the real plan exporter and a workload simulator publishing cAdvisor, kube-state-metrics,
 * dcgm-exporter and vLLM series, and its HTTP API must show the expected alerts firing for the
 * workload that breaks its plan (CPU over planned, traffic above the planned peak, KV cache
 * saturated) and nothing at all for the workload that keeps it; and, with one of the plan's nodes
 * not Ready and a pod of the hot workload unschedulable, the node-pool alert for its instance type
 * and no other node-pool finding.
 *
 * Concessions to test time, none touching a rule expression:
 * - every `for:` in the rule file is rewritten to 5s (production holds minutes to a day);
 * - the rules read 5-minute rate windows, and rate() divides by the whole window, so a freshly
 *   started Prometheus would see a fraction of the true rate for five minutes. The simulated pods
 *   therefore "started" six minutes ago: their history is backfilled into the TSDB with promtool
 *   before Prometheus starts, continuous with the series it then scrapes every second;
 * - the rule file is loaded (config reload) once Prometheus scrapes both targets, as it would be
 *   into a long-running server, rather than racing its first target discovery.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSamples, type Plan, type Sizing } from '@headroom/model';
import { generateKit } from '@headroom/observe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @headroom/exporter is not a dependency of the workspace root, so it is imported by path (as test/bench does).
import { startExporter, type RunningExporter } from '@headroom/exporter';
import { plannedNodes, plannedValue, servedPlan, simulatedLlm, vllmPlan } from './planned-workload.ts';
import { startPrometheus, type ActiveAlert, type RunningPrometheus } from './prometheus.ts';
import { startSimulator, type SimulatedWorkload, type Simulator } from './simulator.ts';

const PLAN = vllmPlan('loop', [
  { name: 'hot', comment: 'Runs above its plan: 3x the planned CPU, 2x the planned peak traffic, KV cache at 98%.' },
  { name: 'calm', comment: 'Stays within its plan on every signal.' },
]);

/** Production `for:` durations (minutes to a day) shortened so the test waits seconds. */
const FOR = '5s';
/** Longer than the longest rate window the rules read (5m), so rates are whole from the first evaluation. */
const HISTORY_SECONDS = 6 * 60;
const FIRING_DEADLINE_MS = 90_000;
/** After the expected alerts fire, keep watching this long: more than FOR, so a pending alert would fire. */
const SETTLE_MS = 7_000;
const EXPECTED_HOT = ['HeadroomCPUAbovePlan', 'HeadroomKVCacheSaturated', 'HeadroomPodsUnschedulable', 'HeadroomTrafficAbovePlannedPeak'];

/**
 * How the simulated workloads behave against their plan. The calm workload's vLLM is scraped
 * through pod annotations (no container label), the hot one's by a PodMonitor; every request is
 * well inside the latency objectives (all below the SLO bucket bound).
 */
const behaviour = {
  hot: { cpuOfTotal: 3, trafficOfPeak: 2, memoryOfTotal: 0.6, gpuMemoryOfReplica: 0.9, kvCacheUsage: 0.98, annotationScraped: false, unschedulablePods: 1 },
  calm: { cpuOfTotal: 0.5, trafficOfPeak: 0.3, memoryOfTotal: 0.5, gpuMemoryOfReplica: 0.8, kvCacheUsage: 0.4, annotationScraped: true },
} as const;

function simulated(plan: Plan, sizing: Sizing, name: keyof typeof behaviour): SimulatedWorkload {
  return simulatedLlm(plan, sizing, name, {
    ...behaviour[name],
    pods: (p) => Math.max(p('headroom_plan_replicas', { bound: 'peak' }), p('headroom_plan_replicas', { bound: 'min' })),
    ttftOfSlo: [0.15, 0.3, 0.45, 0.6, 0.8],
    itlOfSlo: [0.3, 0.5, 0.7, 0.9],
    volumeAvailable: 0.4,
  });
}

const describeAlert = (a: ActiveAlert) => `${a.labels.alertname}{workload="${a.labels.workload ?? ''}"} ${a.state} value=${a.value}`;

describe('the loop: generated rules in a real Prometheus against simulated production', () => {
  let dir: string | undefined;
  let exporter: RunningExporter | undefined;
  let simulator: Simulator | undefined;
  let prometheus: RunningPrometheus | undefined;
  let plan: Plan;
  let sizing: Sizing;
  const exporterLog: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'headroom-loop-'));
    const served = await servedPlan(dir, PLAN);
    ({ plan, sizing } = served);
    const { planFile } = served;

    const rules = generateKit(plan, sizing).find((f) => f.path === `alerts/${plan.metadata.name}.rules.yaml`);
    if (!rules) throw new Error('generateKit wrote no rule file');
    // Only the hold durations change (minutes to a day → 5s); every expression stays as generated.
    const alertCount = rules.contents.match(/^\s+- alert: /gm)?.length ?? 0;
    let rewritten = 0;
    const contents = rules.contents.replace(/^(\s+)for: \S+$/gm, (_, indent: string) => {
      rewritten++;
      return `${indent}for: ${FOR}`;
    });
    expect(rewritten).toBe(alertCount);
    const rulesFile = join(dir, 'loop.rules.yaml');
    await writeFile(rulesFile, contents);

    exporter = await startExporter({ planFile, port: 0, host: '127.0.0.1', log: (m) => exporterLog.push(m) });
    // The plan's nodes with one of them not Ready: the GPU pool is a node short.
    simulator = await startSimulator([simulated(plan, sizing, 'hot'), simulated(plan, sizing, 'calm')], { historySeconds: HISTORY_SECONDS, nodes: plannedNodes(plan, sizing, { notReady: 1 }) });

    prometheus = await startPrometheus({
      scrapeInterval: '1s',
      evaluationInterval: '1s',
      jobs: [
        // honor_labels as the generated ServiceMonitors: the series carry their own namespace/pod.
        { job: 'headroom-exporter', target: new URL(exporter.url).host, honorLabels: true },
        { job: 'workload-simulator', target: simulator.target, honorLabels: true },
      ],
      // The simulator's past, labelled as the scrape will label it, up to just before Prometheus starts.
      backfill: simulator.history({ until: Date.now() / 1000 - 1, stepSeconds: 5, labels: { job: 'workload-simulator', instance: simulator.target } }),
    });
    // Prometheus starts scraping static targets only after its first discovery update (up to 5 s
    // in), while rules would be evaluated at once: the exporter-absent alert could go off for
    // a plan exporter that is running. So the rules are loaded (SIGHUP, as the Prometheus
    // Operator's config reloader does) once both targets have been scraped.
    const upDeadline = Date.now() + 20_000;
    for (;;) {
      const up = await prometheus.query('up == 1');
      if (up.length === 2) break;
      if (Date.now() > upDeadline) throw new Error(`targets not up within 20 s: ${JSON.stringify(up)}\n${prometheus.logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await prometheus.loadRules([rulesFile]);
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
    await simulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it('fires the broken plan\'s alerts for the hot workload and none for the calm one', { timeout: 110_000 }, async () => {
    const p = prometheus!;
    const seen = new Map<string, ActiveAlert>();
    const firingFor = (alerts: readonly ActiveAlert[], workload: string) =>
      new Set(alerts.filter((a) => a.state === 'firing' && a.labels.workload === workload).map((a) => a.labels.alertname!));
    let alerts: ActiveAlert[] = [];
    let firedAt: number | undefined;
    const deadline = Date.now() + FIRING_DEADLINE_MS;
    while (Date.now() < deadline) {
      alerts = await p.alerts();
      for (const a of alerts) if (a.state === 'firing' || a.labels.workload === 'calm') seen.set(`${a.labels.alertname} ${a.labels.workload ?? ''} ${a.state}`, a);
      if (firedAt === undefined && EXPECTED_HOT.every((name) => firingFor(alerts, 'hot').has(name))) firedAt = Date.now();
      if (firedAt !== undefined && Date.now() - firedAt >= SETTLE_MS) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const report = () => `alerts now:\n${alerts.map(describeAlert).join('\n') || '(none)'}\nseen during the run:\n${[...seen.values()].map(describeAlert).join('\n') || '(none)'}\nPrometheus log (last lines):\n${p.logs().split('\n').slice(-30).join('\n')}\nexporter log:\n${exporterLog.join('\n')}`;

    // Both targets are scraped (at least once in the last 10 s: one slow scrape on a busy CI runner is not the point).
    const up = await p.query('max_over_time(up[10s])');
    expect(Object.fromEntries(up.map((s) => [s.metric.job, s.value[1]])), report()).toEqual({ 'headroom-exporter': '1', 'workload-simulator': '1' });

    // The hot workload breaks exactly the assumptions it was made to break, within the deadline.
    expect(firedAt, `expected ${EXPECTED_HOT.join(', ')} firing for hot within ${FIRING_DEADLINE_MS / 1000} s; ${report()}`).toBeDefined();
    expect([...firingFor(alerts, 'hot')].sort(), report()).toEqual(EXPECTED_HOT);

    // The observed values are the simulated ones: whole rates, not a freshly started window's fraction.
    const samples = planSamples(plan, sizing);
    const value = (name: string) => Number(alerts.find((a) => a.labels.alertname === name && a.labels.workload === 'hot')!.value);
    // (Within 5%: rate() extrapolates at the window's edges, and the history is sampled every 5 s.)
    const near = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThan(0.05);
    near(value('HeadroomCPUAbovePlan') / plannedValue(samples, 'headroom_plan_cpu_cores', 'hot', { scope: 'total' }), behaviour.hot.cpuOfTotal);
    near(value('HeadroomTrafficAbovePlannedPeak') / plannedValue(samples, 'headroom_plan_peak_requests_per_second', 'hot'), behaviour.hot.trafficOfPeak);
    expect(value('HeadroomKVCacheSaturated')).toBeCloseTo(behaviour.hot.kvCacheUsage, 5);
    // The description reads the planned value from the exporter's series at alert time.
    const cpu = alerts.find((a) => a.labels.alertname === 'HeadroomCPUAbovePlan')!;
    expect(cpu.labels).toMatchObject({ plan: 'loop', namespace: 'inference', kind: 'llm-inference', severity: 'warning' });
    expect(cpu.annotations.description).toContain(`planned ${plannedValue(samples, 'headroom_plan_cpu_cores', 'hot', { scope: 'total' })}.`);

    // The calm workload raised nothing, at any point of the run, not even pending.
    const calm = [...seen.values()].filter((a) => a.labels.workload === 'calm');
    expect(calm.map(describeAlert), report()).toEqual([]);
    // The node pool a node short while a pod waits: one alert for its instance type, reading the
    // planned nodes from the exporter's pool series; the nodes' instance types are known, their GPUs
    // as planned, none unplanned.
    const pool = sizing.cluster.nodePools[0]!;
    const short = alerts.filter((a) => a.labels.alertname === 'HeadroomNodePoolBelowPlan' && a.state === 'firing');
    expect(short.map((a) => [a.labels.instance_type, Number(a.value)]), report()).toEqual([[pool.instanceType, pool.nodes - 1]]);
    expect(short[0]!.annotations.description).toContain(`the always-on pools of every plan published there plan ${pool.nodes} of that type`);
    const otherPoolAlerts = ['HeadroomNodeInstanceTypeUnknown', 'HeadroomNodeGPUsBelowPlan', 'HeadroomNodeInstanceTypeUnplanned'];
    expect([...seen.values()].filter((a) => otherPoolAlerts.includes(a.labels.alertname!)).map(describeAlert), report()).toEqual([]);
    // The exporter was there all along.
    expect([...seen.values()].filter((a) => a.labels.alertname === 'HeadroomPlanExporterAbsent' && a.state === 'firing').map(describeAlert), report()).toEqual([]);
  });
});
