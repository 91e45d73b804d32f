/**
 * Reads, validates and sizes the plan file. Never throws and never rejects: whatever goes wrong
 * with the file (unreadable, too large, YAML that makes the parser throw, a plan that fails
 * validation, a sizing that throws) comes back as a message, so the exporter keeps serving the
 * last good plan. The model names plan errors itself (file, line, field, limit); anything it
 * throws instead is reported with its file and the parser's own words.
 */
import { open } from 'node:fs/promises';
import { forecastSamples, formatIssue, implausibleFigures, parsePlan, planSamples, resolvePlanLimits, sizePlan, type ModelConfigReader, type Plan, type PlanLimits, type PlanSample, type Sizing } from '@headroom/model';
import { poolSamples } from '@headroom/model';

export interface LoadedPlan {
  plan: Plan;
  sizing: Sizing;
  samples: PlanSample[];
}

export type LoadResult = { ok: true; loaded: LoadedPlan } | { ok: false; message: string };

/**
 * The most bytes read from a plan file. A bound on the exporter's memory whatever the file holds;
 * the model's own plan limits (docs/plan.md) refuse large plans well below it.
 */
export const MAX_PLAN_FILE_BYTES = 64 * 1024 * 1024;

const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Reads, parses and sizes the plan under the model's plan limits (`limits` overrides them, as the
 * CLI's --max-* flags do); figures beyond plausibility are refused like an invalid plan.
 * `readModelConfig` reads the config.json files of `model: { config }` (`headroom serve`: beside
 * the plan, as `size` does); without it such a plan is refused, naming the field.
 */
export async function loadPlanFile(file: string, limits: Partial<PlanLimits> = {}, readModelConfig?: ModelConfigReader): Promise<LoadResult> {
  // One byte past the plan-size limit is enough for parsePlan to name the breach.
  const read = await readBounded(file, Math.min(MAX_PLAN_FILE_BYTES, resolvePlanLimits(limits).planBytes));
  if (!read.ok) return read;
  try {
    const parsed = parsePlan(read.text, file, { limits, ...(readModelConfig ? { readModelConfig } : {}) });
    if (!parsed.ok) return { ok: false, message: `${file}: the plan is not valid:\n${parsed.error.message}` };
    const sizing = sizePlan(parsed.plan);
    const implausible = implausibleFigures(sizing);
    if (implausible.length > 0) return { ok: false, message: `${file}: the plan is not plausible:\n${implausible.map((issue) => `  ${formatIssue(issue, file)}`).join('\n')}` };
    return { ok: true, loaded: { plan: parsed.plan, sizing, samples: samplesAt(parsed.plan, sizing, new Date()) } };
  } catch (error) {
    return { ok: false, message: `${file}: the plan could not be loaded: ${describeThrown(error)}` };
  }
}

/**
 * Every plan series as of `now`: the plan's and its pools', and this calendar month's forecast
 * load (which changes when the month does: the exporter re-renders then, server/exporter.ts).
 */
export function samplesAt(plan: Plan, sizing: Sizing, now: Date): PlanSample[] {
  return [...planSamples(plan, sizing), ...poolSamples(plan, sizing), ...forecastSamples(plan, now)];
}

/** A calendar month (UTC) as one number, to notice when it changes. */
export const calendarMonthIndex = (now: Date) => now.getUTCFullYear() * 12 + now.getUTCMonth();

/** At most `maxBytes` + 1 bytes of the file: enough to tell it is larger than `maxBytes`, never more. */
async function readBounded(file: string, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    // Chunks rather than the file's stated size: a file can grow between stat and read.
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxBytes) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK_BYTES, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    return { ok: true, text: Buffer.concat(chunks, length).toString('utf8') };
  } catch (error) {
    return { ok: false, message: `${file}: cannot read the plan (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The first line of a thrown value's message, with its kind when it says something (RangeError: ...). */
function describeThrown(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split('\n')[0]!;
  const first = error.message.split('\n')[0]!;
  return error.name && error.name !== 'Error' ? `${error.name}: ${first}` : first;
}
