/**
 * The kit on a scale-out engine (issue 17 item 2): the generated rule file in `vmalert` over a
 * single-node VictoriaMetrics (Debian's 1.79 binaries), fed by two clusters. Each cluster has its
 * own simulated production (kube-state-metrics, cAdvisor, dcgm-exporter and vLLM series, as the
 * simulator emits them) and its own real plan exporter, scraped by its own `vmagent`, which adds
 * the cluster's external label (`-remoteWrite.label=cluster=<name>`) and remote-writes to the
 * store. vmalert evaluates the rules against the store (MetricsQL), writes recording rules and
 * alert state back, and notifies a real Alertmanager running the kit's fragment, with a webhook
 * receiver per receiver name.
 *
 * Both clusters run the same plan with the same pod names. In cluster "a" the workload runs 3x its
 * planned CPU and 2x its planned peak traffic with the KV cache at 98%; in "b" it keeps its plan.
 * - "a" raises exactly the alerts it was made to raise, each carrying `cluster="a"`, and they reach
 *   Alertmanager grouped by cluster, plan and workload; "b" never fires, and once the rules have
 *   run a while nothing of "b" is pending either.
 * - Every series a cluster's vmagent sends carries its cluster label; the store keeps them apart
 *   although both clusters have the same pod names.
 * - Every target of the generated dashboards, with `$cluster` and the other variables substituted
 *   as Grafana does, runs in VictoriaMetrics and returns only the chosen cluster's series.
 * - Cluster "b"'s plan exporter stops: `HeadroomPlanExporterAbsent{cluster="b"}` fires and
 *   nothing of the kind for "a", whose exporter still serves; "b"'s comparisons go quiet (a
 *   MetricsQL `!=` once kept them firing: see docs/kit.md, Fleet).
 * The store makes fresh samples searchable every 250 ms (`/internal/force_flush`), instead of
 * about a second, or up to 9 s for a new series.
 *
 * Every bundled preset's committed rule file also passes `vmalert -dryRun` (MetricsQL's parser).
 *
 * Concessions to test time, none touching an expression, label or annotation: every `for:` becomes
 * 3s (production holds a minute to an hour); rules are evaluated every second over series scraped
 * every second; the Alertmanager route waits 500ms. 3s is three evaluations: vmalert writes
 * recording rules to the store asynchronously, so a rule reading another rule's series sees the
 * previous evaluation's result (vmalert's documented limitation on chained rules), and in the first
 * evaluation a recorded series does not exist yet. A hold of several evaluations absorbs that, as
 * the kit's production holds (1m at the least) do. No history is backfilled: MetricsQL's rate()
 * does not extrapolate, so a 5-minute window holding seconds of samples gives the whole rate.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { planSamples, type Plan, type Sizing } from '@headroom/model';
import { generateKit } from '@headroom/observe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startExporter, type RunningExporter } from '@headroom/exporter';
import { startAlertmanager, startWebhookReceiver, type Notification, type RunningAlertmanager, type WebhookReceiver } from './alertmanager.ts';
import { plannedNodes, plannedValue, servedPlan, simulatedLlm, vllmPlan } from './planned-workload.ts';
import { startSimulator, type Simulator } from './simulator.ts';
import { startVictoriaMetrics, startVmagent, startVmalert, vmalertDryRun, type RunningVictoriaMetrics, type RunningVmagent, type RunningVmalert, type VmalertAlert } from './victoria-metrics.ts';

const PLAN = vllmPlan('fleet', [{ name: 'chat' }]);

/** Production `for:` durations (a minute to an hour) shortened to three evaluations. */
const FOR = '3s';
const DEADLINE_MS = 20_000;
/** After the expected alerts fire, keep watching this long: more than FOR, so a pending alert would fire. */
const SETTLE_MS = 4_000;
const EXPECTED_A = ['HeadroomCPUAbovePlan', 'HeadroomKVCacheSaturated', 'HeadroomTrafficAbovePlannedPeak'];
/** What Grafana puts for `$__rate_interval` with the data source's default 15 s scrape interval (4 x 15 s). */
const RATE_INTERVAL = '1m';

const behaviour = {
  a: { cpuOfTotal: 3, trafficOfPeak: 2, memoryOfTotal: 0.6, gpuMemoryOfReplica: 0.9, kvCacheUsage: 0.98 },
  b: { cpuOfTotal: 0.5, trafficOfPeak: 0.3, memoryOfTotal: 0.5, gpuMemoryOfReplica: 0.8, kvCacheUsage: 0.4 },
} as const;
type ClusterName = keyof typeof behaviour;
const CLUSTERS = Object.keys(behaviour) as ClusterName[];

interface Cluster { exporter: RunningExporter; simulator: Simulator; agent: RunningVmagent }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describeAlert = (a: VmalertAlert) => `${a.name}{cluster="${a.labels.cluster ?? ''}", workload="${a.labels.workload ?? ''}"} ${a.state} value=${a.value}`;

/** Every panel of a dashboard, those inside rows included. */
interface Panel { title?: string; targets?: { expr?: string; refId?: string }[]; panels?: Panel[] }
const panelsOf = (panels: readonly Panel[]): Panel[] => panels.flatMap((p) => [p, ...panelsOf(p.panels ?? [])]);

describe('every bundled preset\'s rules in vmalert', () => {
  it('load as generated: MetricsQL parses every expression, vmalert every template', async () => {
    const alerts = resolve(import.meta.dirname, '../../alerts');
    const files = readdirSync(alerts).map((plan) => join(alerts, plan, `${plan}.rules.yaml`));
    expect(files.length).toBeGreaterThan(5);
    expect(await vmalertDryRun(files)).toBeUndefined();
    // And it refuses what is not MetricsQL, so the check can fail.
    const dir = await mkdtemp(join(tmpdir(), 'headroom-dry-run-'));
    try {
      const broken = join(dir, 'broken.rules.yaml');
      await writeFile(broken, 'groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: sum(rate(x[5m]) by\n');
      expect(await vmalertDryRun([broken])).toMatch(/invalid expression for rule/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the kit on a scale-out engine: vmalert over VictoriaMetrics, two clusters', () => {
  let dir: string | undefined;
  let plan: Plan;
  let sizing: Sizing;
  let kit: { path: string; contents: string }[] = [];
  let vm: RunningVictoriaMetrics | undefined;
  let vmalert: RunningVmalert | undefined;
  let alertmanager: RunningAlertmanager | undefined;
  let hook: WebhookReceiver | undefined;
  const clusters = new Map<ClusterName, Cluster>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'headroom-fleet-'));
    const served = await servedPlan(dir, PLAN);
    ({ plan, sizing } = served);
    const { planFile } = served;
    kit = generateKit(plan, sizing);
    const file = (path: string) => {
      const found = kit.find((f) => f.path === path);
      if (!found) throw new Error(`generateKit wrote no ${path}`);
      return found.contents;
    };

    // Only the hold durations change; every expression, label and annotation stays as generated.
    const rules = file('alerts/fleet.rules.yaml');
    const alertCount = rules.match(/^\s+- alert: /gm)?.length ?? 0;
    let rewritten = 0;
    const fastRules = rules.replace(/^(\s+)for: \S+$/gm, (_, indent: string) => {
      rewritten++;
      return `${indent}for: ${FOR}`;
    });
    expect(rewritten).toBe(alertCount);
    const rulesFile = join(dir, 'fleet.rules.yaml');
    await writeFile(rulesFile, fastRules);

    const fragment = parse(file('alertmanager/alertmanager.yaml')) as { route: Record<string, unknown>; inhibit_rules: unknown[] };
    hook = await startWebhookReceiver();
    const webhook = (name: string) => ({ name, webhook_configs: [{ url: `${hook!.url}/${name}`, send_resolved: false }] });
    [vm, alertmanager] = await Promise.all([
      startVictoriaMetrics({ forceFlushEveryMs: 250 }),
      startAlertmanager({
        route: { receiver: 'unrouted', routes: [{ ...fragment.route, group_wait: '500ms', group_interval: '500ms' }] },
        inhibit_rules: fragment.inhibit_rules,
        receivers: [webhook('unrouted'), webhook('headroom-critical'), webhook('headroom-warning')],
      }),
    ]);

    await Promise.all(CLUSTERS.map(async (name) => {
      const exporter = await startExporter({ planFile, port: 0, host: '127.0.0.1', log: () => undefined });
      const simulator = await startSimulator([simulatedLlm(plan, sizing, 'chat', {
        ...behaviour[name],
        pods: (p) => Math.max(p('headroom_plan_replicas', { bound: 'peak' }), p('headroom_plan_replicas', { bound: 'min' })),
        ttftOfSlo: [0.15, 0.3, 0.45, 0.6, 0.8],
        itlOfSlo: [0.3, 0.5, 0.7, 0.9],
        volumeAvailable: 0.4,
        annotationScraped: name === 'b',
      })], { historySeconds: 60, nodes: plannedNodes(plan, sizing) });
      const agent = await startVmagent({
        scrapeInterval: '1s',
        remoteWriteUrl: vm!.remoteWriteUrl,
        labels: { cluster: name },
        flushInterval: '200ms',
        jobs: [
          // honor_labels as the generated ServiceMonitors: the series carry their own namespace/pod.
          { job: 'headroom-exporter', target: new URL(exporter.url).host, honorLabels: true },
          { job: 'workload-simulator', target: simulator.target, honorLabels: true },
        ],
      });
      clusters.set(name, { exporter, simulator, agent });
    }));

    // The rules start once the store holds both clusters' plan series and two scrapes of their
    // counters (a rate needs two samples), as they would over a store long fed: otherwise the
    // first evaluations see a cluster's plan without its production, or the reverse.
    const deadline = Date.now() + DEADLINE_MS;
    for (;;) {
      const [plans, rates] = await Promise.all([
        vm.query('count by (cluster) (headroom_plan_info)'),
        vm.query('count by (cluster) (rate(container_cpu_usage_seconds_total[1m]))'),
      ]);
      if (plans.length === 2 && rates.length === 2) break;
      if (Date.now() > deadline) throw new Error(`the store did not hold both clusters within ${DEADLINE_MS / 1000} s: plans ${JSON.stringify(plans)}, rates ${JSON.stringify(rates)}\n${vm.logs()}`);
      await sleep(200);
    }
    vmalert = await startVmalert({ ruleFiles: [rulesFile], victoriaMetrics: vm, evaluationInterval: '1s', alertmanagers: [alertmanager.target], flushInterval: '200ms' });
  }, 45_000);

  afterAll(async () => {
    await vmalert?.stop();
    await Promise.all([...clusters.values()].map((c) => c.agent.stop()));
    await Promise.all([vm?.stop(), alertmanager?.stop()]);
    await Promise.all([...clusters.values()].flatMap((c) => [c.exporter.close(), c.simulator.close()]));
    await hook?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  const report = (alerts: readonly VmalertAlert[], seen: ReadonlyMap<string, VmalertAlert>) =>
    `alerts now:\n${alerts.map(describeAlert).join('\n') || '(none)'}\nseen during the run:\n${[...seen.values()].map(describeAlert).join('\n') || '(none)'}\nvmalert log:\n${vmalert!.logs().split('\n').slice(-20).join('\n')}`;

  it('alerts for the cluster that breaks its plan, with its cluster label, and for no other', async () => {
    const seen = new Map<string, VmalertAlert>();
    const firingIn = (alerts: readonly VmalertAlert[], cluster: string) =>
      new Set(alerts.filter((a) => a.state === 'firing' && a.labels.cluster === cluster).map((a) => a.name));
    let alerts: VmalertAlert[] = [];
    let firedAt: number | undefined;
    const deadline = Date.now() + DEADLINE_MS;
    while (Date.now() < deadline) {
      alerts = await vmalert!.alerts();
      for (const a of alerts) if (a.state === 'firing' || a.labels.cluster !== 'a') seen.set(`${a.name} ${a.labels.cluster ?? ''} ${a.labels.workload ?? ''} ${a.state}`, a);
      if (firedAt === undefined && EXPECTED_A.every((name) => firingIn(alerts, 'a').has(name))) firedAt = Date.now();
      if (firedAt !== undefined && Date.now() - firedAt >= SETTLE_MS) break;
      await sleep(250);
    }
    expect(firedAt, `expected ${EXPECTED_A.join(', ')} firing for cluster a within ${DEADLINE_MS / 1000} s; ${report(alerts, seen)}`).toBeDefined();
    expect([...firingIn(alerts, 'a')].sort(), report(alerts, seen)).toEqual(EXPECTED_A);
    const cpu = alerts.find((a) => a.name === 'HeadroomCPUAbovePlan')!;
    expect(cpu.labels).toMatchObject({ cluster: 'a', plan: 'fleet', namespace: 'inference', workload: 'chat', kind: 'llm-inference', severity: 'warning' });

    // The figures are MetricsQL's and match the simulated ones: rate() over partial windows gives the whole rate.
    const samples = planSamples(plan, sizing);
    const value = (name: string) => Number(alerts.find((a) => a.name === name && a.labels.cluster === 'a')!.value);
    const near = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThan(0.05);
    near(value('HeadroomCPUAbovePlan') / plannedValue(samples, 'headroom_plan_cpu_cores', 'chat', { scope: 'total' }), behaviour.a.cpuOfTotal);
    near(value('HeadroomTrafficAbovePlannedPeak') / plannedValue(samples, 'headroom_plan_peak_requests_per_second', 'chat'), behaviour.a.trafficOfPeak);
    expect(value('HeadroomKVCacheSaturated')).toBeCloseTo(behaviour.a.kvCacheUsage, 5);
    // The description's planned value is read with a query template at alert time, from the store.
    expect(cpu.annotations.description).toContain(`planned ${plannedValue(samples, 'headroom_plan_cpu_cores', 'chat', { scope: 'total' })}.`);

    // Nothing for cluster b, nor without a cluster: never firing, and nothing pending once the
    // rules have run a while. In vmalert's first evaluations a chained rule reads a recorded series
    // that does not exist yet (ready replicas read 0 until the pod-to-workload series is written),
    // so an alert can be pending for an evaluation or two; the hold (3 s here, minutes in production)
    // keeps it from firing.
    expect([...seen.values()].filter((a) => a.labels.cluster !== 'a' && a.state === 'firing').map(describeAlert), report(alerts, seen)).toEqual([]);
    expect(alerts.filter((a) => a.labels.cluster !== 'a').map(describeAlert), report(alerts, seen)).toEqual([]);

    // Alertmanager received them from vmalert, grouped by cluster, plan and workload.
    const delivered = (received: Map<string, Notification[]>) => (received.get('headroom-warning') ?? []).filter((n) => n.alerts.some((x) => x.labels.alertname === 'HeadroomCPUAbovePlan'));
    const deliveryDeadline = Date.now() + DEADLINE_MS;
    while (delivered(hook!.received()).length === 0 && Date.now() < deliveryDeadline) await sleep(200);
    const notification = delivered(hook!.received())[0];
    expect(notification?.groupLabels, `nothing delivered; Alertmanager log:\n${alertmanager!.logs()}`).toEqual({ cluster: 'a', plan: 'fleet', workload: 'chat' });
    expect([...hook!.received().values()].flat().flatMap((n) => n.alerts.map((x) => `${x.labels.alertname}{cluster="${x.labels.cluster}"}`)).filter((d) => !d.includes('cluster="a"'))).toEqual([]);
  });

  it('runs every dashboard target in VictoriaMetrics, per cluster, as Grafana substitutes the variables', async () => {
    // The cluster variable's query: label_values(headroom_plan_info{plan="fleet"}, cluster).
    const dashboards = kit.filter((f) => f.path.startsWith('dashboards/') && f.path.endsWith('.json')).map((f) => ({ path: f.path, json: JSON.parse(f.contents) as { panels: Panel[]; templating: { list: { name: string; type: string; query?: unknown; allValue?: string; includeAll?: boolean }[] } } }));
    expect(dashboards.length).toBeGreaterThan(1);
    for (const d of dashboards) {
      const variable = d.json.templating.list.find((v) => v.name === 'cluster')!;
      const match = /^label_values\((.+), cluster\)$/.exec(String(variable.query));
      expect(match, `${d.path}: cluster variable ${JSON.stringify(variable.query)}`).not.toBeNull();
      expect((await vm!.labelValues('cluster', match![1]!)).sort()).toEqual(['a', 'b']);
    }

    // Grafana's substitutions: the chosen cluster (a single value, regex-escaped: "a" is itself);
    // the workload variable's value (a constant, or "All" whose allValue is .*); $__rate_interval.
    const substitute = (expr: string, d: (typeof dashboards)[number], cluster: ClusterName) => {
      const workload = d.json.templating.list.find((v) => v.name === 'workload');
      const workloadValue = workload === undefined ? '' : workload.type === 'constant' ? String(workload.query) : (workload.allValue ?? '.*');
      return expr.replaceAll('${cluster}', cluster).replaceAll('${workload}', workloadValue).replaceAll('$__rate_interval', RATE_INTERVAL);
    };
    const targets = dashboards.flatMap((d) => panelsOf(d.json.panels).flatMap((p) => (p.targets ?? []).filter((t) => t.expr).map((t) => ({ d, title: p.title ?? '', expr: t.expr! }))));
    expect(targets.length).toBeGreaterThan(20);
    const answered: Record<ClusterName, number> = { a: 0, b: 0 };
    for (const t of targets) {
      expect(t.expr, `${t.d.path} ${t.title}: a variable left unsubstituted`).not.toMatch(/\$(?!\{(cluster|workload)\}|__rate_interval)/);
      for (const cluster of CLUSTERS) {
        const result = await vm!.query(substitute(t.expr, t.d, cluster));
        if (result.length > 0) answered[cluster]++;
        // A series that keeps the cluster label is the chosen cluster's.
        const others = result.filter((s) => s.metric.cluster !== undefined && s.metric.cluster !== cluster);
        expect(others.map((s) => JSON.stringify(s.metric)), `${t.d.path} "${t.title}" for cluster ${cluster}: ${t.expr}`).toEqual([]);
      }
    }
    // Both clusters run the same workload: the same targets have data in each, most of them.
    expect(answered.a).toBe(answered.b);
    expect(answered.a).toBeGreaterThan(targets.length / 2);

    // One figure per cluster: the CPU panel reads each cluster's own usage against the plan.
    const cpu = targets.find((t) => t.title === 'CPU used (cores) vs plan' && t.expr.includes('container_cpu_usage_seconds_total'));
    expect(cpu, 'the workload dashboard has a CPU panel').toBeDefined();
    const planned = plannedValue(planSamples(plan, sizing), 'headroom_plan_cpu_cores', 'chat', { scope: 'total' });
    for (const cluster of CLUSTERS) {
      const result = await vm!.query(substitute(cpu!.expr, cpu!.d, cluster));
      expect(result.map((s) => s.metric.cluster)).toEqual([cluster]);
      expect(Math.abs(Number(result[0]!.value[1]) / planned / behaviour[cluster].cpuOfTotal - 1)).toBeLessThan(0.05);
    }
  });

  it('raises the missing-plan alert for the cluster whose plan exporter stops, and only for it', async () => {
    await clusters.get('b')!.exporter.close();
    const seen = new Map<string, VmalertAlert>();
    let alerts: VmalertAlert[] = [];
    const absentIn = (cluster: string) => alerts.some((a) => a.name === 'HeadroomPlanExporterAbsent' && a.state === 'firing' && a.labels.cluster === cluster);
    const deadline = Date.now() + DEADLINE_MS;
    while (!absentIn('b') && Date.now() < deadline) {
      alerts = await vmalert!.alerts();
      for (const a of alerts) if (a.name === 'HeadroomPlanExporterAbsent') seen.set(`${a.labels.cluster ?? ''} ${a.state}`, a);
      await sleep(250);
    }
    expect(absentIn('b'), report(alerts, seen)).toBe(true);
    expect(alerts.find((a) => a.name === 'HeadroomPlanExporterAbsent' && a.labels.cluster === 'b')!.labels).toMatchObject({ plan: 'fleet', severity: 'warning' });
    // Cluster a's exporter still serves: no missing-plan alert names it, nor one without a cluster.
    expect([...seen.values()].filter((a) => a.labels.cluster !== 'b').map(describeAlert), report(alerts, seen)).toEqual([]);
    // Without its plan series, cluster b's comparisons have nothing to compare with: they stay
    // inactive, the "differs from plan" ones included (MetricsQL's `!=` keeps an unmatched left side).
    await sleep(1_500);
    alerts = await vmalert!.alerts();
    expect(alerts.filter((a) => a.labels.cluster === 'b').map(describeAlert), report(alerts, seen)).toEqual([expect.stringMatching(/^HeadroomPlanExporterAbsent\{cluster="b"/)]);
    // Cluster a's comparisons still fire: its plan series are there.
    expect(alerts.filter((a) => a.state === 'firing' && a.labels.cluster === 'a').map((a) => a.name)).toEqual(expect.arrayContaining(EXPECTED_A));
  });
});
