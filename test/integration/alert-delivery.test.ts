/**
 * Alert delivery, proven (issue 17 item 3): the kit's alertmanager/alertmanager.yaml in a real
 * Alertmanager (Debian's 0.25 in CI) with a local webhook receiver per contract receiver, fed by
 * real Prometheus servers (Debian's 2.42) evaluating the kit's rule file, and what arrives where.
 *
 * Production, simulated in cluster "gpu-east", starts within plan except that `warm` uses under
 * 30% of its planned CPU (info), then goes wrong: `hot` drops below the plan's minimum of ready
 * replicas (critical) while its memory passes the plan and its KV cache fills (warnings); `warm`'s
 * memory passes the plan and its KV cache fills (warnings).
 * - Phase 1, Prometheus "A" scrapes the plan exporter and the simulated workloads: hot's critical
 *   reaches headroom-critical; hot's warnings and info reach no one (inhibited by that critical:
 *   same cluster, plan and workload); warm's warnings and info reach headroom-warning.
 * - Phase 2, the missing plan. A Prometheus that loses the plan exporter resolves its comparisons
 *   in the same evaluation as it fires HeadroomPlanExporterAbsent, so one server never holds both.
 *   They meet in Alertmanager when two servers of one cluster disagree: here Prometheus "B", with
 *   the same rules and cluster label, keeps only headroom_plan_info from a plan exporter of its own
 *   and kube_pod_owner from the simulator (so it can raise nothing but the missing-plan alert);
 *   that exporter stops. The missing-plan
 *   alert reaches headroom-warning, and every comparison with the plan that A still sends is
 *   inhibited (hot's critical, warm's memory and CPU), while warm's KV-cache alert, a fixed
 *   threshold that needs no plan, stays active.
 *
 * Concessions to test time, none touching a rule expression or a matcher: every `for:` becomes 0s;
 * the route's group_wait and group_interval become 500ms (production: 30s and 5m); rules are
 * evaluated every 500ms and firing alerts re-sent every 200ms (Prometheus's default is a minute),
 * so each evaluation posts every firing alert. Prometheus finds its Alertmanager about 5 s after
 * it starts (its discovery sends updates every 5 s), so production goes wrong only once it has:
 * an alert already older than group_wait when it arrives is flushed at once, before the critical
 * that inhibits it has arrived (Alertmanager's dispatcher skips group_wait for such alerts).
 * Both servers start with history backfilled (the simulated pods "started" six minutes ago, the
 * plan was served as long), so the rules load at start and 5-minute rates are whole.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan, Sizing } from '@headroom/model';
import { generateKit } from '@headroom/observe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startExporter, type RunningExporter } from '@headroom/exporter';
import { startAlertmanager, startWebhookReceiver, type AlertmanagerAlert, type Notification, type RunningAlertmanager, type WebhookReceiver } from './alertmanager.ts';
import { constantHistory } from './history.ts';
import { plannedNodes, servedPlan, simulatedLlm, vllmPlan } from './planned-workload.ts';
import { startPrometheus, type RunningPrometheus } from './prometheus.ts';
import { startSimulator, type SimulatedWorkload, type Simulator } from './simulator.ts';

const PLAN = vllmPlan('delivery', [{ name: 'hot' }, { name: 'warm' }]);

const CLUSTER = 'gpu-east';
const PHASE_DEADLINE_MS = 20_000;
/** After a phase's notifications arrive, watch this long (more than two group intervals) for strays. */
const SETTLE_MS = 1_000;
/** Longer than the longest rate window the rules read (5m). */
const HISTORY_SECONDS = 6 * 60;
const HISTORY_STEP_SECONDS = 5;
/** Memory against the plan before and after production goes wrong. */
const NOMINAL_MEMORY = 0.6;
const BROKEN_MEMORY = 2;

/**
 * Production goes wrong, all at once between two scrapes: hot's first pod turns unready, both
 * workloads' memory grows past the plan, their KV caches fill up.
 */
function breakProduction(simulator: Simulator, pods: Record<'hot' | 'warm', number>): void {
  const changed = (count: number, what: string) => {
    if (count === 0) throw new Error(`the simulator has no series for ${what}`);
  };
  changed(simulator.setGauge('kube_pod_status_ready', { pod: 'hot-0', condition: 'true' }, () => 0), 'hot-0 ready');
  changed(simulator.setGauge('kube_pod_status_ready', { pod: 'hot-0', condition: 'false' }, () => 1), 'hot-0 not ready');
  for (const [name, count] of Object.entries(pods)) {
    for (let i = 0; i < count; i++) {
      changed(simulator.setGauge('container_memory_working_set_bytes', { pod: `${name}-${i}` }, (old) => (old * BROKEN_MEMORY) / NOMINAL_MEMORY), `${name}-${i} memory`);
      changed(simulator.setGauge('vllm:kv_cache_usage_perc', { pod: `${name}-${i}` }, () => (name === 'hot' ? 0.98 : 0.95)), `${name}-${i} KV cache`);
    }
  }
}

function simulated(plan: Plan, sizing: Sizing, name: 'hot' | 'warm'): SimulatedWorkload {
  return simulatedLlm(plan, sizing, name, {
    pods: (p) => {
      const minReplicas = p('headroom_plan_replicas', { bound: 'min' });
      if (minReplicas < 2) throw new Error(`the test needs a planned minimum of at least 2 replicas for ${name}, got ${minReplicas}`);
      // hot runs at its availability floor, so one unready pod takes it below.
      return name === 'hot' ? minReplicas : Math.max(minReplicas, p('headroom_plan_replicas', { bound: 'peak' }));
    },
    // warm: under the 30% of planned CPU that HeadroomCPUOverProvisioned (info) looks for.
    cpuOfTotal: name === 'hot' ? 0.5 : 0.2,
    memoryOfTotal: NOMINAL_MEMORY,
    gpuMemoryOfReplica: 0.8,
    trafficOfPeak: 0.5,
    kvCacheUsage: 0.4,
    ttftOfSlo: [0.2, 0.5],
    itlOfSlo: [0.3, 0.7],
    annotationScraped: false,
  });
}

/** "receiver: Alert{workload}" for every alert notified, sorted: what arrived where. */
function deliveries(received: Map<string, Notification[]>): string[] {
  return [...received].flatMap(([path, notifications]) => notifications.flatMap((n) => n.alerts.map((a) => `${path}: ${a.labels.alertname}{${a.labels.workload ?? ''}}`))).filter((d, i, all) => all.indexOf(d) === i).sort();
}

const stateOf = (alerts: readonly AlertmanagerAlert[]) =>
  alerts.map((a) => `${a.labels.alertname}{${a.labels.workload ?? ''}} ${a.status.state}${a.status.inhibitedBy.length ? ` by ${a.status.inhibitedBy.map((f) => alerts.find((s) => s.fingerprint === f)?.labels.alertname ?? f).join(',')}` : ''}`).sort();

describe('alert delivery: the kit\'s Alertmanager fragment with real Prometheus and Alertmanager', () => {
  let dir: string | undefined;
  let exporter: RunningExporter | undefined;
  let infoOnlyExporter: RunningExporter | undefined;
  let simulator: Simulator | undefined;
  let hook: WebhookReceiver | undefined;
  let alertmanager: RunningAlertmanager | undefined;
  let withPlan: RunningPrometheus | undefined;
  let withoutPlan: RunningPrometheus | undefined;
  let rulesFile = '';
  let pods = { hot: 0, warm: 0 };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'headroom-delivery-'));
    const { plan, sizing, planFile } = await servedPlan(dir, PLAN);
    const kit = generateKit(plan, sizing);
    const file = (path: string) => {
      const found = kit.find((f) => f.path === path);
      if (!found) throw new Error(`generateKit wrote no ${path}`);
      return found.contents;
    };

    // The rules with every hold duration at 0s; expressions as generated.
    const rules = file('alerts/delivery.rules.yaml');
    const alertCount = rules.match(/^\s+- alert: /gm)?.length ?? 0;
    let rewritten = 0;
    const fastRules = rules.replace(/^(\s+)for: \S+$/gm, (_, indent: string) => {
      rewritten++;
      return `${indent}for: 0s`;
    });
    expect(rewritten).toBe(alertCount);
    rulesFile = join(dir, 'delivery.rules.yaml');
    await writeFile(rulesFile, fastRules);

    // The fragment under a root route whose receiver catches anything the fragment does not route.
    const fragment = parse(file('alertmanager/alertmanager.yaml')) as { route: Record<string, unknown>; inhibit_rules: unknown[] };
    expect(fragment.route).toMatchObject({ group_wait: '30s', group_interval: '5m' });
    hook = await startWebhookReceiver();
    const webhook = (name: string) => ({ name, webhook_configs: [{ url: `${hook!.url}/${name}`, send_resolved: false }] });
    alertmanager = await startAlertmanager({
      route: { receiver: 'unrouted', routes: [{ ...fragment.route, group_wait: '500ms', group_interval: '500ms' }] },
      inhibit_rules: fragment.inhibit_rules,
      receivers: [webhook('unrouted'), webhook('headroom-critical'), webhook('headroom-warning')],
    });

    const [planExporter, infoExporter] = await Promise.all([0, 1].map(() => startExporter({ planFile, port: 0, host: '127.0.0.1', log: () => undefined })));
    exporter = planExporter!;
    infoOnlyExporter = infoExporter!;
    const workloads = [simulated(plan, sizing, 'hot'), simulated(plan, sizing, 'warm')];
    pods = { hot: workloads[0]!.pods, warm: workloads[1]!.pods };
    // The plan's nodes, all Ready: no node-pool finding to deliver.
    simulator = await startSimulator(workloads, { historySeconds: HISTORY_SECONDS, nodes: plannedNodes(plan, sizing) });
    const until = Date.now() / 1000 - 1;
    const served = async (e: RunningExporter) => (await fetch(`${e.url}/metrics`)).text();
    const [planText, infoText] = await Promise.all([served(planExporter!), served(infoExporter!)]);
    const past = (text: string, job: string, target: string) => constantHistory(text, { from: until - HISTORY_SECONDS, until, stepSeconds: HISTORY_STEP_SECONDS, labels: { job, instance: target } });
    const target = (e: RunningExporter) => new URL(e.url).host;
    const common = { scrapeInterval: '1s', evaluationInterval: '500ms', alertmanagers: [alertmanager.target], externalLabels: { cluster: CLUSTER }, alertResendDelay: '200ms', ruleFiles: [rulesFile] };
    const INFO_ONLY = 'headroom_plan_info';
    const OWNERS_ONLY = 'kube_pod_owner|kube_node_labels';
    [withPlan, withoutPlan] = await Promise.all([
      startPrometheus({
        ...common,
        jobs: [
          // honor_labels as the generated ServiceMonitors: the series carry their own namespace/pod.
          { job: 'headroom-exporter', target: target(planExporter!), honorLabels: true },
          { job: 'workload-simulator', target: simulator.target, honorLabels: true },
        ],
        backfill: [
          simulator.history({ until, stepSeconds: HISTORY_STEP_SECONDS, labels: { job: 'workload-simulator', instance: simulator.target } }).replace(/\n# EOF\n$/, ''),
          past(planText, 'headroom-exporter', target(planExporter!)),
          '# EOF\n',
        ].join('\n'),
      }),
      startPrometheus({
        ...common,
        jobs: [
          { job: 'headroom-exporter', target: target(infoExporter!), honorLabels: true, keepMetrics: INFO_ONLY },
          // B sees kube-state-metrics too, or it would (rightly) raise HeadroomKubeStateMetricsAbsent
          // and, without the nodes' instance types, HeadroomNodeInstanceTypeUnknown.
          { job: 'workload-simulator', target: simulator.target, honorLabels: true, keepMetrics: OWNERS_ONLY },
        ],
        backfill: [
          past(infoText.split('\n').filter((line) => line.startsWith(`${INFO_ONLY}{`)).join('\n'), 'headroom-exporter', target(infoExporter!)),
          simulator.history({ until, stepSeconds: HISTORY_STEP_SECONDS, labels: { job: 'workload-simulator', instance: simulator.target } })
            .split('\n').filter((line) => OWNERS_ONLY.split('|').some((name) => line.startsWith(`${name}{`))).join('\n'),
          '# EOF\n',
        ].join('\n'),
      }),
    ]);
  }, 45_000);

  afterAll(async () => {
    await Promise.all([withPlan?.stop(), withoutPlan?.stop(), alertmanager?.stop()]);
    await Promise.all([exporter?.close(), infoOnlyExporter?.close(), simulator?.close(), hook?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  /** Polls until `done` holds, then watches SETTLE_MS longer; returns Alertmanager's alerts then. */
  async function waitFor(done: (delivered: string[], alerts: AlertmanagerAlert[]) => boolean, what: string): Promise<AlertmanagerAlert[]> {
    const deadline = Date.now() + PHASE_DEADLINE_MS;
    for (;;) {
      const alerts = await alertmanager!.alerts();
      if (done(deliveries(hook!.received()), alerts)) break;
      if (Date.now() > deadline) {
        const firing = (await withPlan!.alerts()).map((a) => `${a.labels.alertname}{${a.labels.workload ?? ''}} ${a.state}`).sort();
        throw new Error(`${what} not within ${PHASE_DEADLINE_MS / 1000} s.\nPrometheus (with the plan) has:\n${firing.join('\n') || '(nothing)'}\nits log:\n${withPlan!.logs().split('\n').slice(-15).join('\n')}\ndelivered:\n${deliveries(hook!.received()).join('\n') || '(nothing)'}\nAlertmanager holds:\n${stateOf(alerts).join('\n')}\nAlertmanager log:\n${alertmanager!.logs().split('\n').slice(-20).join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return alertmanager!.alerts();
  }

  it('delivers criticals and warnings to their receivers, inhibits by the workload\'s critical, then by the missing plan', { timeout: 60_000 }, async () => {
    // Production goes wrong once Prometheus A sends to Alertmanager: alerts that fired earlier would
    // reach it already older than group_wait, and Alertmanager flushes such a group at once, before
    // the rest of the evaluation's alerts (the inhibiting critical among them) have arrived.
    const discoveryDeadline = Date.now() + PHASE_DEADLINE_MS;
    while ((await withPlan!.alertmanagers()).length === 0) {
      if (Date.now() > discoveryDeadline) throw new Error(`Prometheus found no Alertmanager within ${PHASE_DEADLINE_MS / 1000} s:\n${withPlan!.logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    breakProduction(simulator!, pods);

    // Phase 1: the plan is there.
    const phase1 = await waitFor(
      (delivered, alerts) => delivered.includes('headroom-critical: HeadroomReplicasBelowPlanMinimum{hot}')
        && ['HeadroomCPUOverProvisioned', 'HeadroomKVCacheSaturated', 'HeadroomMemoryAbovePlan', 'HeadroomMemoryNearLimit'].every((name) => delivered.includes(`headroom-warning: ${name}{warm}`))
        && alerts.filter((a) => a.labels.workload === 'hot' && a.status.state === 'suppressed').length >= 3,
      'phase 1 deliveries',
    );
    const phase1Deliveries = [
      'headroom-critical: HeadroomReplicasBelowPlanMinimum{hot}',
      // Info has no route of its own: the fragment's route sends it to its receiver, headroom-warning.
      'headroom-warning: HeadroomCPUOverProvisioned{warm}',
      'headroom-warning: HeadroomKVCacheSaturated{warm}',
      'headroom-warning: HeadroomMemoryAbovePlan{warm}',
      // Each pod's working set against its own limit: no plan series, so only the critical inhibits it.
      'headroom-warning: HeadroomMemoryNearLimit{warm}',
    ];
    expect(deliveries(hook!.received())).toEqual(phase1Deliveries);
    expect(stateOf(phase1)).toEqual([
      'HeadroomCPUOverProvisioned{warm} active',
      'HeadroomKVCacheSaturated{hot} suppressed by HeadroomReplicasBelowPlanMinimum',
      'HeadroomKVCacheSaturated{warm} active',
      'HeadroomMemoryAbovePlan{hot} suppressed by HeadroomReplicasBelowPlanMinimum',
      'HeadroomMemoryAbovePlan{warm} active',
      'HeadroomMemoryNearLimit{hot} suppressed by HeadroomReplicasBelowPlanMinimum',
      'HeadroomMemoryNearLimit{warm} active',
      'HeadroomReplicasBelowPlanMinimum{hot} active',
    ]);
    // Every alert arrived with the cluster as Prometheus's external label, in a group of cluster, plan and workload.
    const critical = hook!.received().get('headroom-critical')![0]!;
    expect(critical.groupLabels).toEqual({ cluster: CLUSTER, plan: 'delivery', workload: 'hot' });
    expect(critical.alerts[0]!.labels).toMatchObject({ cluster: CLUSTER, plan: 'delivery', workload: 'hot', severity: 'critical' });

    // Phase 2: B's plan exporter stops.
    await infoOnlyExporter!.close();
    const phase2 = await waitFor((delivered) => delivered.includes('headroom-warning: HeadroomPlanExporterAbsent{}'), 'the missing-plan alert');
    expect(deliveries(hook!.received())).toEqual([...phase1Deliveries, 'headroom-warning: HeadroomPlanExporterAbsent{}']);
    const absent = hook!.received().get('headroom-warning')!.find((n) => n.alerts.some((a) => a.labels.alertname === 'HeadroomPlanExporterAbsent'))!;
    expect(absent.groupLabels).toEqual({ cluster: CLUSTER, plan: 'delivery' });
    expect(stateOf(phase2)).toEqual([
      'HeadroomCPUOverProvisioned{warm} suppressed by HeadroomPlanExporterAbsent',
      'HeadroomKVCacheSaturated{hot} suppressed by HeadroomReplicasBelowPlanMinimum',
      'HeadroomKVCacheSaturated{warm} active',
      // Alertmanager names the first inhibit rule that mutes an alert: the fragment's critical one.
      'HeadroomMemoryAbovePlan{hot} suppressed by HeadroomReplicasBelowPlanMinimum',
      'HeadroomMemoryAbovePlan{warm} suppressed by HeadroomPlanExporterAbsent',
      'HeadroomMemoryNearLimit{hot} suppressed by HeadroomReplicasBelowPlanMinimum',
      'HeadroomMemoryNearLimit{warm} active',
      'HeadroomPlanExporterAbsent{} active',
      'HeadroomReplicasBelowPlanMinimum{hot} suppressed by HeadroomPlanExporterAbsent',
    ]);
    expect(hook!.received().has('unrouted')).toBe(false);
  });
});
