/**
 * `headroom verify <plan> --prometheus URL [--range 7d] [--json] [--write-plan out.yaml]`: runs every
 * workload's signal queries (the alerts' own) as range queries, judges them with the alerts'
 * thresholds, and prints the report. Exit code 1 when any workload is under-provisioned.
 */
import { writeFileSync } from 'node:fs';
import type { PlanLimits } from '@headroom/model';
import {
  judgeCheck, parseDuration, revisePlan, stepFor, verifyChecks, verifyReport, workloadResult,
  type CheckResult, type Point, type VerifyReport,
} from '@headroom/observe';
import { CliError } from '../errors.ts';
import { loadPlanText, sizeLoadedPlan } from '../plan-input.ts';
import { formatReport } from './format-report.ts';
import { parseHeaders, PrometheusClient, type RangeSeries } from './prometheus.ts';
import { progressBar } from './progress.ts';

export interface VerifyOptions {
  prometheus?: string;
  range?: string;
  json: boolean;
  writePlan?: string;
  token?: string;
  basic?: string;
  header?: string[];
  timeout?: string;
  preset?: string;
  limits?: Partial<PlanLimits>;
}

const RATE_WINDOW = '5m';
const CONCURRENCY = 4;

/** One series per query is expected (every signal aggregates); several are merged by the maximum per timestamp. */
export function toPoints(series: readonly RangeSeries[]): Point[] {
  const byTime = new Map<number, number>();
  for (const s of series) for (const [t, v] of s.values) if (Number.isFinite(v)) byTime.set(t, Math.max(byTime.get(t) ?? -Infinity, v));
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]);
}

async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

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
  const workloads = verifyChecks(plan, sizing, { rateWindow: RATE_WINDOW });
  const end = Math.floor(Date.now() / 1000);
  const stepSeconds = stepFor(rangeSeconds);
  const range = { start: end - rangeSeconds, end, step: stepSeconds };
  const jobs = workloads.flatMap((w) => w.checks.map((check) => ({ w, check })));
  const progress = progressBar(jobs.length);
  let results: CheckResult[];
  try {
    results = await pool(jobs.map(({ w, check }) => async () => {
      const series = await client.queryRange(check.query, range, w.workload);
      progress.tick(`${w.workload} ${check.id}`);
      return judgeCheck(check, toPoints(series), stepSeconds);
    }), CONCURRENCY);
  } finally {
    progress.done();
  }

  if (jobs.length > 0 && results.every((r) => r.verdict === 'no-data')) {
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
  const exitCode = report.underProvisioned.length > 0 ? 1 : 0;
  const output = options.json
    ? `${JSON.stringify({ prometheus: client.server, ...report }, null, 2)}\n`
    : `${formatReport(report, client.server, rangeText)}${written ?? ''}`;
  return { output, exitCode };
}
