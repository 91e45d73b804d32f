/**
 * `headroom verify <plan> --prometheus URL --calibrate [--range 7d] [--write-plan out.yaml]`: runs
 * each calibratable workload's range queries, fits its efficiency assumptions (packages/model,
 * calibration/), prints every fit (old value, new value, error, points) or its refusal with the
 * reason, and what the fits change in the sizing; with --write-plan, writes the plan with the
 * fitted values and their provenance, atomically, and only when at least one value was fitted.
 *
 * Exit code 1 when nothing could be fitted (missing data is a finding, never a fitted value), or
 * with --strict when any fit was refused.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  acceptedFits, calibrateWorkload, calibrationImpact, type CalibrationFit, type CalibrationImpact, type Plan, type Sizing, type SizingFigures,
} from '@headroom/model';
import { calibratePlanText, calibrationQueries, fittedFigure, observationsFrom, stepFor, type Point } from '@headroom/observe';
import { CliError } from '../errors.ts';
import { formatDuration, formatUsd, table } from '../format.ts';
import { formatValue } from './format-report.ts';
import { pool, toPoints } from './pool.ts';
import { progressBar } from './progress.ts';
import type { PrometheusClient } from './prometheus.ts';

const RATE_WINDOW = '5m';
const CONCURRENCY = 4;

export interface CalibrateInput {
  plan: Plan;
  text: string;
  sizing: Sizing;
  client: PrometheusClient;
  rangeSeconds: number;
  rangeText: string;
  json: boolean;
  strict: boolean;
  writePlan?: string;
}

interface WorkloadCalibration {
  workload: string;
  kind: string;
  /** Why the workload was not queried (its kind or runtime has nothing calibration reads). */
  notCalibrated?: string;
  fits: CalibrationFit[];
  queries: string[];
}

/** Writes `text` to `path` through a temporary file in the same folder and a rename: never half a file. */
export function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliError(`--write-plan ${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export async function calibrateCommand(input: CalibrateInput): Promise<{ output: string; exitCode: number }> {
  const { plan, sizing, client } = input;
  const end = Math.floor(Date.now() / 1000);
  const stepSeconds = stepFor(input.rangeSeconds);
  const range = { start: end - input.rangeSeconds, end, step: stepSeconds };
  const targets = calibrationQueries(plan, sizing, { rateWindow: RATE_WINDOW });
  const queried = targets.filter((t) => t.unsupported === undefined);
  const jobs = queried.flatMap((t) => t.queries.map((q) => ({ t, q })));
  const progress = progressBar(jobs.length);
  let points: Point[][];
  try {
    points = await pool(jobs.map(({ t, q }) => async () => {
      const series = await client.queryRange(q.query, range, t.workload);
      progress.tick(`${t.workload} ${q.field}`);
      return toPoints(series);
    }), CONCURRENCY);
  } finally {
    progress.done();
  }
  const results = new Map<string, Map<string, Point[]>>();
  jobs.forEach(({ t, q }, i) => {
    const byField = results.get(t.workload) ?? new Map<string, Point[]>();
    byField.set(q.field, points[i]!);
    results.set(t.workload, byField);
  });

  const calibrations: WorkloadCalibration[] = plan.spec.workloads.map((w) => {
    const target = targets.find((t) => t.workload === w.name);
    if (!target) return { workload: w.name, kind: w.kind, notCalibrated: `calibration covers llm-inference, model-serving and data-pipeline, not ${w.kind}`, fits: [], queries: [] };
    if (target.unsupported) return { workload: w.name, kind: w.kind, notCalibrated: target.unsupported, fits: [], queries: [] };
    const observed = observationsFrom(target, results.get(w.name) ?? new Map());
    return { workload: w.name, kind: w.kind, fits: calibrateWorkload(plan, sizing, w.name, observed), queries: target.queries.map((q) => q.query) };
  });
  const fits = new Map(calibrations.filter((c) => c.fits.length > 0).map((c) => [c.workload, c.fits]));
  const impact = calibrationImpact(plan, sizing, fits);
  const accepted = calibrations.reduce((n, c) => n + acceptedFits(c.fits).length, 0);
  const refused = calibrations.flatMap((c) => c.fits.filter((f) => f.refusal !== undefined).map((f) => `${c.workload} ${f.name}`));

  const rangeNote = `${input.rangeText} from ${new Date(range.start * 1000).toISOString()} to ${new Date(end * 1000).toISOString()}, step ${stepSeconds} s, rate window ${RATE_WINDOW}`;
  let written: { path: string; edits: number } | undefined;
  let notWritten: string | undefined;
  if (input.writePlan !== undefined) {
    if (accepted === 0) {
      notWritten = `Nothing written to ${input.writePlan}: no value was fitted.`;
    } else {
      const revised = calibratePlanText(input.text, fits, {
        prometheus: client.server, range: rangeNote, fittedAt: new Date(end * 1000).toISOString(),
        queries: new Map(calibrations.map((c) => [c.workload, c.queries])),
      });
      writeAtomically(input.writePlan, revised.text);
      written = { path: input.writePlan, edits: revised.edits.length };
    }
  }
  const exitCode = accepted === 0 || (input.strict && refused.length > 0) ? 1 : 0;
  if (input.json) {
    const report = {
      prometheus: client.server, plan: plan.metadata.name,
      range: { start: range.start, end, stepSeconds, rateWindow: RATE_WINDOW },
      workloads: calibrations.map((c) => ({
        ...c, fits: c.fits.map((f) => ({ ...f, ...(f.value !== undefined && f.refusal === undefined ? { written: fittedFigure(f.value) } : {}) })),
        ...impactOf(impact, c.workload),
      })),
      totals: impact.totals, fitted: accepted, refused,
      written: written ?? null,
    };
    return { output: `${JSON.stringify(report, null, 2)}\n`, exitCode };
  }
  const out = [`Calibration of plan ${plan.metadata.name} against ${client.server}, last ${input.rangeText} (step ${stepSeconds} s, rate window ${RATE_WINDOW})`, ''];
  for (const c of calibrations) {
    if (c.notCalibrated) {
      out.push(`${c.workload} (${c.kind}): not calibrated: ${c.notCalibrated}`, '');
      continue;
    }
    out.push(`${c.workload} (${c.kind})`);
    out.push(indent(table(['value', 'plan', 'fitted', 'error (RMS)', 'points', 'finding'], c.fits.map((f) => [
      f.name, show(f.previous, f.unit), f.value === undefined ? '-' : show(fittedFigure(f.value), f.unit),
      f.relativeError === undefined ? '-' : `${(f.relativeError * 100).toFixed(1)}%`, `${f.points} of ${f.observedPoints}`,
      f.refusal ? `refused (${f.refusal.code}): ${f.refusal.message}` : 'fitted',
    ]))));
    const moved = impactOf(impact, c.workload);
    if (moved) out.push(`  sizing: ${changes(moved.before, moved.after)}`);
    out.push('');
  }
  const t = impact.totals;
  out.push(`Plan: GPUs ${t.before.gpus} → ${t.after.gpus}, cost ${formatUsd(t.before.costPerMonthUsd)} → ${formatUsd(t.after.costPerMonthUsd)} per month`);
  out.push(accepted === 0 ? 'FAIL: no value could be fitted (see the findings above)' : `${accepted} value${accepted === 1 ? '' : 's'} fitted${refused.length ? `, ${refused.length} refused` : ''}`);
  if (input.strict && refused.length > 0) out.push(`FAIL (--strict): refused: ${refused.join(', ')}`);
  if (written) out.push(`Calibrated plan written to ${written.path} (${written.edits} value${written.edits === 1 ? '' : 's'}, provenance under calibration:).`);
  if (notWritten) out.push(notWritten);
  return { output: `${out.join('\n')}\n`, exitCode };
}

const indent = (text: string) => text.split('\n').map((line) => `  ${line}`).join('\n');

function show(value: number, unit: CalibrationFit['unit']): string {
  switch (unit) {
    case 'seconds': return formatDuration(value);
    case 'cores': return formatValue(value, 'cores');
    case 'bytes per second': return formatValue(value, 'Bps');
    default: return String(Number(value.toPrecision(4)));
  }
}

function impactOf(impact: CalibrationImpact, workload: string): { before: SizingFigures; after: SizingFigures } | undefined {
  const found = impact.workloads.find((w) => w.workload === workload);
  return found ? { before: found.before, after: found.after } : undefined;
}

function changes(before: SizingFigures, after: SizingFigures): string {
  const parts = [`replicas ${before.replicasPeak} → ${after.replicasPeak}`, `GPUs ${before.gpus} → ${after.gpus}`];
  const rate = (label: string, pick: (f: SizingFigures) => number | undefined) => {
    const [b, a] = [pick(before), pick(after)];
    if (b !== undefined && a !== undefined) parts.push(`${label} ${Number(b.toPrecision(4))} → ${Number(a.toPrecision(4))}`);
  };
  rate('requests/s per replica', (f) => f.requestsPerSecondPerReplica);
  rate('generated tokens/s per replica', (f) => f.decodeTokensPerSecondPerReplica);
  rate('cores', (f) => f.coresNeeded);
  if (before.gpus === 0 && after.gpus === 0) parts.splice(1, 1, `CPU cores ${Number(before.cpuCores.toPrecision(4))} → ${Number(after.cpuCores.toPrecision(4))}`);
  return parts.join(', ');
}
