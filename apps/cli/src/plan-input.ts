/**
 * Loads a plan from a file or a bundled preset and validates it; bad input becomes a CliError.
 * A file is read no further than the size limit (a 50 MB plan is refused without reading it all),
 * and every refusal of a structural limit names the flag that raises it.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { findPlanPreset, formatIssue, implausibleFigures, parsePlan, planPresets, resolvePlanLimits, sizePlan, type Plan, type PlanIssue, type PlanLimits, type Sizing } from '@headroom/model';
import { CliError } from './errors.ts';
import { modelConfigsBeside } from './model-config-file.ts';
import { limitFlags } from './plan-limits.ts';

export interface PlanText {
  text: string;
  source: string;
  /** Size of the whole file when `text` is only its beginning. */
  totalBytes?: number;
}

const READ_CHUNK_BYTES = 64 * 1024;

export function readPlanText(file: string | undefined, preset: string | undefined, limits: Partial<PlanLimits> = {}): PlanText {
  if (preset !== undefined) {
    const found = findPlanPreset(preset);
    if (!found) throw new CliError(`unknown preset "${preset}"; known: ${planPresets.map((p) => p.name).join(', ')}`, 2);
    return { text: found.yaml, source: `preset:${preset}` };
  }
  if (file === undefined) throw new CliError('missing plan file (or --preset NAME)', 2);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    return { ...readBounded(fd, resolvePlanLimits(limits).planBytes), source: file };
  } catch (error) {
    throw cannotRead(file, error);
  } finally {
    closeSync(fd);
  }
}

/** At most `maxBytes` + 1 bytes of the file (enough to show it is over), and its full size if over. */
function readBounded(fd: number, maxBytes: number): { text: string; totalBytes?: number } {
  const stat = fstatSync(fd);
  if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  const buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.isFile() ? stat.size + 1 : maxBytes + 1));
  let read = 0;
  for (let n = -1; n !== 0 && read < buffer.length;) {
    n = readSync(fd, buffer, read, Math.min(READ_CHUNK_BYTES, buffer.length - read), null);
    read += n;
  }
  const text = decode(buffer.subarray(0, read));
  if (read <= maxBytes) return { text };
  return { text, totalBytes: stat.isFile() ? stat.size : read };
}

/** UTF-8 text; a UTF-16 or UTF-32 file is named rather than read as noise. */
function decode(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0 && bytes[1] === 0)) {
    throw new CliError('the plan must be UTF-8 text (found a UTF-16 or UTF-32 byte order mark)');
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function cannotRead(file: string, error: unknown): CliError {
  if (error instanceof CliError) return new CliError(`${file}: ${error.message}`, error.exitCode);
  const code = (error as NodeJS.ErrnoException).code;
  return new CliError(`${file}: cannot read the plan (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message})`);
}

/** The plan and the text it came from; an invalid plan is a CliError listing every issue. */
export function loadPlanText(file: string | undefined, preset: string | undefined, limits: Partial<PlanLimits> = {}): { plan: Plan; text: string; source: string } {
  const { text, source, totalBytes } = readPlanText(file, preset, limits);
  const result = parsePlan(text, source, {
    limits, ...(totalBytes !== undefined ? { totalBytes } : {}),
    // A bundled preset has no folder to read config.json files from.
    ...(preset === undefined && file !== undefined ? { readModelConfig: modelConfigsBeside(file) } : {}),
  });
  if (!result.ok) throw new CliError(`${source}: the plan is not valid:\n${result.error.issues.map((issue) => `  ${describeIssue(issue, source)}`).join('\n')}`);
  for (const warning of result.warnings ?? []) process.stderr.write(`headroom: warning: ${formatIssue(warning, source)}\n`);
  return { plan: result.plan, text, source };
}

function describeIssue(issue: PlanIssue, source: string): string {
  const text = formatIssue(issue, source);
  return issue.limit ? `${text}; raise it with ${limitFlags[issue.limit]} N if the plan is meant to be this large` : text;
}

/** The plan's sizing; figures beyond plausibility (billions of replicas) are a plan error, exit 1. */
export function sizeLoadedPlan(plan: Plan, source: string): Sizing {
  const sizing = sizePlan(plan);
  const implausible = implausibleFigures(sizing);
  if (implausible.length > 0) throw new CliError(`${source}: the plan is not plausible:\n${implausible.map((issue) => `  ${formatIssue(issue, source)}`).join('\n')}`);
  return sizing;
}
