/**
 * `headroom verify <plan> --prometheus URL [--range 7d] [--json] [--strict] [--write-plan out.yaml] [--calibrate]`:
 * reads the deployed plan (headroom_plan_* series) and warns when it differs from the file, runs
 * every workload's signal queries (the alerts' own) as range queries plus, for each alert, the
 * level its breach held at the rules' resolution, judges them with the alerts' thresholds, and
 * prints the report. Exit code 1 when any workload is under-provisioned, or with --strict when a
 * signal it must have returned no data. With --calibrate it fits the plan's efficiencies instead
 * (calibrate.ts).
 */
import { writeFileSync } from 'node:fs';
import type { PlanLimits } from '@headroom/model';
import {
  deployedPlanQuery, deployedSamples, heldQuery, judgeCheck, parseDuration, revisePlan, stepFor, verifyChecks, verifyReport, workloadResult,
  type CheckResult, type Point, type VerifyReport,
} from '@headroom/observe';
import type { PlanSample } from '@headroom/model';
import { CliError } from '../errors.ts';
import { loadPlanText, sizeLoadedPlan } from '../plan-input.ts';
import { formatReport } from './format-report.ts';
import { parseHeaders, PrometheusClient, type RangeSeries } from './prometheus.ts';
import { calibrateCommand } from './calibrate.ts';
import { pool, toPoints } from './pool.ts';
import { progressBar } from './progress.ts';

export interface VerifyOptions {
  prometheus?: string;
  range?: string;
  json: boolean;
  /** Fail (exit 1) when a signal a workload must have returned no data. */
  strict?: boolean;
  writePlan?: string;
  /** Fit the plan's efficiency assumptions from the range instead of judging it (issue 18). */
  calibrate?: boolean;
  token?: string;
  basic?: string;
  header?: string[];
  timeout?: string;
  preset?: string;
  limits?: Partial<PlanLimits>;
}

const RATE_WINDOW = '5m';
/** The rules' evaluation interval verify replays alerts at (kube-prometheus-stack's default is 30 s; 1 m is the Prometheus default). */
const RESOLUTION_SECONDS = 60;
const CONCURRENCY = 4;

export async function verifyCommand(planFile: string | undefined, options: VerifyOptions): Promise<{ output: string; exitCode: number }> {
  const { plan, text, source } = loadPlanText(planFile, options.preset, options.limits);
  if (options.prometheus === undefined) throw new CliError('verify: --prometheus URL is required (e.g. --prometheus http://prometheus:9090)', 2);
  const rangeText = options.range ?? '7d';
  const rangeSeconds = parseDuration(rangeText);
  if (rangeSeconds === undefined) throw new CliError(`--range "${rangeText}": expected a duration such as 7d, 12h or 90m`, 2);
  const timeoutSeconds = parseDuration(options.timeout ?? '30s');
  if (timeoutSeconds === undefined) throw new CliError(`--timeout "${options.timeout}": expected a duration such as 30s or 2m`, 2);
  const client = new PrometheusClient({
    url: options.prometheus, timeoutMs: timeoutSeconds * 1000, headers: parseHeaders(options.header),
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.basic !== undefined ? { basic: options.basic } : {}),
  });

  const sizing = sizeLoadedPlan(plan, source);
  if (options.calibrate) return calibrateCommand({ plan, text, sizing, client, rangeSeconds, rangeText, json: options.json, strict: options.strict ?? false, ...(options.writePlan !== undefined ? { writePlan: options.writePlan } : {}) });
  const deployed = deployedSamples(await client.query(deployedPlanQuery(plan.metadata.name), `plan "${plan.metadata.name}" (headroom_plan_*)`));
  const planSource = deployedPlan(deployed, sizing.plan.hash, source);
  const workloads = verifyChecks(plan, sizing, { rateWindow: RATE_WINDOW, ...(planSource.samples ? { planSamples: planSource.samples } : {}) });
  const end = Math.floor(Date.now() / 1000);
  const stepSeconds = stepFor(rangeSeconds);
  const range = { start: end - rangeSeconds, end, step: stepSeconds };
  const jobs = workloads.flatMap((w) => w.checks.map((check) => ({ w, check })));
  const progress = progressBar(jobs.length);
  let results: CheckResult[];
  try {
    results = await pool(jobs.map(({ w, check }) => async () => {
      const series = await client.queryRange(check.query, range, w.workload);
      const held: Record<string, Point[]> = {};
      for (const alert of check.alerts) {
        const query = heldQuery(check.query, alert, stepSeconds, RESOLUTION_SECONDS);
        if (query !== undefined) held[alert.name] = toPoints(await client.queryRange(query, range, w.workload));
      }
      progress.tick(`${w.workload} ${check.id}`);
      return judgeCheck(check, toPoints(series), stepSeconds, held);
    }), CONCURRENCY);
  } finally {
    progress.done();
  }

  if (jobs.length > 0 && results.every((r) => r.summary === undefined)) {
    const first = jobs[0]!;
    throw new CliError(`no data: none of the ${jobs.length} queries returned samples over the last ${rangeText} from ${client.server}; `
      + `check that it scrapes cAdvisor and kube-state-metrics and that the plan's namespace and match select the pods\n`
      + `  e.g. workload "${first.w.workload}", query: ${first.check.query}`);
  }
  let offset = 0;
  const report: VerifyReport = verifyReport(plan.metadata.name, { start: range.start, end, stepSeconds, rateWindow: RATE_WINDOW }, workloads.map((w) => {
    const mine = results.slice(offset, offset + w.checks.length);
    offset += w.checks.length;
    return workloadResult(w, mine);
  }));

  let written: string | undefined;
  if (options.writePlan !== undefined) {
    const revised = revisePlan(text, sizing, report, { note: `${client.server}, last ${rangeText}, ${new Date(end * 1000).toISOString()}` });
    try {
      writeFileSync(options.writePlan, revised.text);
    } catch (error) {
      throw new CliError(`--write-plan ${options.writePlan}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    written = `Revised plan written to ${options.writePlan} (${revised.edits.length} field${revised.edits.length === 1 ? '' : 's'} changed).\n`;
  }
  const noData = report.workloads.filter((w) => w.verdict === 'no-data').map((w) => w.workload);
  const exitCode = report.underProvisioned.length > 0 || (options.strict && noData.length > 0) ? 1 : 0;
  const strictNote = options.strict && noData.length > 0 ? `FAIL (--strict): no data for signals of ${noData.join(', ')}\n` : '';
  const output = options.json
    ? `${JSON.stringify({ prometheus: client.server, deployedPlan: planSource.report, noData, ...report }, null, 2)}\n`
    : `${planSource.warning ?? ''}${formatReport(report, client.server, rangeText)}${strictNote}${written ?? ''}`;
  return { output, exitCode };
}

interface PlanSource {
  /** The deployed plan series to judge with; undefined: the file's. */
  samples?: PlanSample[];
  report: { published: boolean; hashes: string[]; fileHash: string; matchesFile: boolean; conflictingSeries: number };
  warning?: string;
}

/** Judge against the plan that is deployed; say so when it is not the file, or when none is published. */
function deployedPlan(deployed: ReturnType<typeof deployedSamples>, fileHash: string, source: string): PlanSource {
  const published = deployed.samples.length > 0;
  const matchesFile = published && deployed.hashes.length === 1 && deployed.hashes[0] === fileHash;
  const report = { published, hashes: deployed.hashes, fileHash, matchesFile, conflictingSeries: deployed.conflicts };
  if (!published) return { report, warning: `warning: no headroom_plan_* series for this plan in Prometheus (is the plan exporter scraped?); judged against ${source}\n` };
  const warning = matchesFile ? undefined
    : `warning: the deployed plan (headroom_plan_info hash ${deployed.hashes.join(', ')}) is not ${source} (hash ${fileHash}); judged against the deployed plan's series${deployed.conflicts > 0 ? ` (${deployed.conflicts} series differ between copies; the larger value is used)` : ''}\n`;
  return { samples: deployed.samples, report, ...(warning ? { warning } : {}) };
}
