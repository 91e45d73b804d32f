/**
 * The kit's rules at fleet scale (issue 17 item 7): for plans of 10, 100 and 1,000 workloads, the
 * plan's rule file in `vmalert` over a single-node VictoriaMetrics (Debian's 1.79), with the
 * production series of two clusters ("a" and "b") that both run every workload, and the plan
 * series; how long one evaluation of the plan's group takes against the evaluation interval, from
 * vmalert's own figures (`vmalert_iteration_duration_seconds`, `vmalert_iteration_missed_total` on
 * its /metrics; per-rule `lastEvaluation` on /api/v1/rules while the first iteration runs).
 *
 * The floor, measured in the same vmalert over the same store, is a group of one recording rule
 * reading the plan series: what any iteration costs. The series are the workload simulator's
 * (kube-state-metrics, cAdvisor, dcgm-exporter, vLLM; one pod per workload in the plan's namespace,
 * found by its owner) and the real plan exporter's, labelled per cluster as each cluster's vmagent
 * would label them. They are written straight into the store (six minutes of history, then every
 * scrape interval while the rules run): scraping prom-client histograms for 2,000 pods would
 * measure the simulator.
 *
 * Each size runs until its group has completed `--iterations` evaluations or `--window` has passed.
 * A group that has not completed one evaluation by then is reported by its progress: rules
 * evaluated per second in the window, and the evaluation time that rate projects (marked "projected").
 *
 * Run: `pnpm bench:fleet-rules [--sizes 10,100,1000] [--interval 1m] [--iterations 2] [--window 120]`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sizePlan, validatePlan } from '@headroom/model';
import { generateKit } from '@headroom/observe';
import { startExporter } from '@headroom/exporter';
import { stringify } from 'yaml';
import { constantHistory } from '../integration/history.ts';
import { simulatedSamples, type SimulatedWorkload } from '../integration/simulator.ts';
import { startVictoriaMetrics, startVmalert, type RunningVictoriaMetrics, type RunningVmalert } from '../integration/victoria-metrics.ts';
import { syntheticPlan } from './plans.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const sizes = option('sizes', '10,100,1000').split(',').map(Number);
const interval = option('interval', '1m');
const iterations = Number(option('iterations', '2'));
const windowSeconds = Number(option('window', '120'));
const CLUSTERS = ['a', 'b'];
/** As a 30 s scrape interval (the kit's default `monitoring.scrapeInterval`) writes them. */
const SCRAPE_SECONDS = 30;
/** Longer than the 5-minute rate windows the rules read. */
const HISTORY_SECONDS = 6 * 60;
const intervalSeconds = (() => {
  const m = /^(\d+)(s|m)$/.exec(interval);
  if (!m) throw new Error(`--interval: expected a duration like 30s or 1m, got ${interval}`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
})();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One pod per workload, in the plan's namespace, as an LLM server on one GPU (the simulator's shapes). */
function simulated(namespace: string, name: string): SimulatedWorkload {
  return {
    namespace, name, annotationScraped: false, pods: 1, model: 'meta-llama/Llama-3.1-8B-Instruct', gpusPerPod: 1, gpuModelName: 'NVIDIA H100 80GB HBM3',
    cpuCores: 2, memoryBytes: 16 * 2 ** 30, gpuMemoryBytesPerPod: 60 * 2 ** 30, requestsPerSecond: 2, generationTokensPerSecond: 400, kvCacheUsage: 0.5,
    requestsWaitingPerPod: 0, requestsRunningPerPod: 8, timeToFirstTokenSeconds: [0.2, 0.4], interTokenLatencySeconds: [0.02, 0.03],
    cpuRequestCores: 4, memoryRequestBytes: 32 * 2 ** 30, hpaMinReplicas: 1, hpaMaxReplicas: 4, volumes: [],
  };
}

/** Both clusters' series at `t`: the simulator's and the plan exporter's `planText`. */
function writer(vm: RunningVictoriaMetrics, render: ReturnType<typeof simulatedSamples>, planText: string) {
  const millis = (t: number) => String(Math.round(t * 1000));
  return async (t: number): Promise<number> => {
    let samples = 0;
    for (const cluster of CLUSTERS) {
      const sim = render([t], { job: 'workload-simulator', instance: `simulator.${cluster}:9400`, cluster }, millis);
      const planned = constantHistory(planText, { from: t, until: t, stepSeconds: SCRAPE_SECONDS, labels: { job: 'headroom-exporter', instance: `exporter.${cluster}:9464`, cluster } })
        .split('\n').map((line) => line.replace(/ (\S+)$/, (_, s: string) => ` ${millis(Number(s))}`));
      await vm.importSamples(sim);
      await vm.importSamples(planned);
      samples += sim.length + planned.length;
    }
    return samples;
  };
}

/** A group's completed iterations (the duration summary's count), missed ones and total seconds. */
function groupFigures(metrics: string, group: string): { completed: number; missed: number; sumSeconds: number } {
  const value = (metric: string) => {
    const line = metrics.split('\n').find((l) => l.startsWith(`${metric}{group="${group}"`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };
  return { completed: value('vmalert_iteration_duration_seconds_count'), missed: value('vmalert_iteration_missed_total'), sumSeconds: value('vmalert_iteration_duration_seconds_sum') };
}

/** Rules of `group` evaluated at least once so far (vmalert reports a zero time for the others). */
async function rulesEvaluated(vmalert: RunningVmalert, group: string): Promise<number> {
  const response = await fetch(`${vmalert.url}/api/v1/rules`, { signal: AbortSignal.timeout(60_000) });
  const body = (await response.json()) as { data: { groups: { name: string; rules: { lastEvaluation: string }[] }[] } };
  return body.data.groups.find((g) => g.name === group)?.rules.filter((r) => !r.lastEvaluation.startsWith('0001-')).length ?? 0;
}

interface Row { workloads: number; rules: number; samplesPerScrape: number; startupS: number; completed: number; missed: number; meanS: number; floorS: number; projectedFrom?: { rules: number; seconds: number } }

async function measure(workloadCount: number): Promise<Row> {
  const dir = await mkdtemp(join(tmpdir(), 'headroom-fleet-bench-'));
  let vm: RunningVictoriaMetrics | undefined;
  let vmalert: RunningVmalert | undefined;
  let feeder: NodeJS.Timeout | undefined;
  try {
    const validated = validatePlan(syntheticPlan(workloadCount));
    if (!validated.ok) throw validated.error;
    const plan = validated.plan;
    const rules = generateKit(plan, sizePlan(plan)).find((f) => f.path === `alerts/${plan.metadata.name}.rules.yaml`)!.contents;
    const rulesFile = join(dir, `${plan.metadata.name}.rules.yaml`);
    await writeFile(rulesFile, rules);
    const ruleCount = (rules.match(/^\s+- (record|alert): /gm) ?? []).length;
    const floorFile = join(dir, 'floor.rules.yaml');
    await writeFile(floorFile, stringify({ groups: [{ name: 'floor', rules: [{ record: 'cluster:headroom_plan_info:count', expr: 'count by (cluster) (headroom_plan_info)' }] }] }));

    const planFile = join(dir, 'plan.yaml');
    await writeFile(planFile, stringify(syntheticPlan(workloadCount)));
    const exporter = await startExporter({ planFile, port: 0, host: '127.0.0.1', log: () => undefined });
    const planText = await (await fetch(`${exporter.url}/metrics`)).text();
    await exporter.close();

    vm = await startVictoriaMetrics();
    const startedAt = Date.now() / 1000 - HISTORY_SECONDS;
    const write = writer(vm, simulatedSamples(plan.spec.workloads.map((w) => simulated(plan.metadata.namespace, w.name)), startedAt), planText);
    let samplesPerScrape = 0;
    for (let t = startedAt; t <= Date.now() / 1000; t += SCRAPE_SECONDS) samplesPerScrape = await write(t);
    feeder = setInterval(() => { void write(Date.now() / 1000); }, SCRAPE_SECONDS * 1000);

    const loading = performance.now();
    vmalert = await startVmalert({ ruleFiles: [floorFile, rulesFile], victoriaMetrics: vm, evaluationInterval: interval, readyTimeoutMs: 600_000 });
    const startupS = (performance.now() - loading) / 1000;
    const group = `headroom-${plan.metadata.name}`;
    const began = performance.now();
    let metrics = '';
    let evaluated = 0;
    for (;;) {
      metrics = await vmalert.metrics();
      if (groupFigures(metrics, group).completed >= iterations) break;
      if ((performance.now() - began) / 1000 >= windowSeconds) {
        evaluated = await rulesEvaluated(vmalert, group);
        break;
      }
      await sleep(2_000);
    }
    const elapsedS = (performance.now() - began) / 1000;
    const figures = groupFigures(metrics, group);
    const floor = groupFigures(metrics, 'floor');
    const completed = figures.completed > 0;
    return {
      workloads: workloadCount, rules: ruleCount, samplesPerScrape, startupS,
      completed: figures.completed, missed: figures.missed,
      meanS: completed ? figures.sumSeconds / figures.completed : (ruleCount / Math.max(1, evaluated)) * elapsedS,
      ...(completed ? {} : { projectedFrom: { rules: evaluated, seconds: elapsedS } }),
      floorS: floor.sumSeconds / Math.max(1, floor.completed),
    };
  } finally {
    clearInterval(feeder);
    await vmalert?.stop();
    await vm?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(`vmalert and VictoriaMetrics 1.79 (Debian), node ${process.version}; ${CLUSTERS.length} clusters, evaluation interval ${interval}, window ${windowSeconds} s`);
console.log('workloads  rules   samples/scrape  start-up   iterations  missed  evaluation          / interval   / floor     per rule');
for (const size of sizes) {
  const r = await measure(size);
  const evaluation = `${r.meanS.toFixed(1)} s${r.projectedFrom ? ` (projected: ${r.projectedFrom.rules} rules in ${r.projectedFrom.seconds.toFixed(0)} s)` : ''}`;
  console.log(`${String(r.workloads).padStart(9)}  ${String(r.rules).padStart(5)}   ${String(r.samplesPerScrape).padStart(14)}  ${`${r.startupS.toFixed(1)} s`.padStart(8)}   ${String(r.completed).padStart(10)}  ${String(r.missed).padStart(6)}  ${evaluation.padEnd(18)}  ${`${(r.meanS / intervalSeconds).toFixed(2)}x`.padStart(9)}  ${`${(r.meanS / r.floorS).toFixed(0)}x`.padStart(8)}   ${(r.meanS / r.rules * 1000).toFixed(1)} ms`);
}
