/**
 * Structural limits on plan text, checked before any expensive work so that hostile input (a YAML
 * alias bomb, 100,000 levels of nesting, a 50 MB file, a million blank lines) is refused in bounded
 * time and memory with a message naming the limit, the value found and the line. Every shell gets
 * them by calling parsePlan; a shell may raise one for an honest giant (CLI `--max-plan-bytes` and
 * the like). Defaults are documented in docs/plan.md, "Limits".
 */

export interface PlanLimits {
  /** Size of the plan text in UTF-8 bytes. */
  planBytes: number;
  /** Lines of the plan text. */
  planLines: number;
  /** Nesting of mappings and lists, aliases expanded (a plan needs about 6). */
  nestingDepth: number;
  /** YAML aliases (`*name`) in the text. */
  aliases: number;
  /** Values (scalars, mappings, lists) once every alias is expanded: bounds an alias bomb. */
  expandedNodes: number;
  /** Entries of spec.workloads. */
  workloads: number;
  /** Entries of spec.cluster.nodePools. */
  nodePools: number;
}

export type PlanLimitName = keyof PlanLimits;

/**
 * The defaults leave room for plans far beyond any seen: the largest bundled preset is 2.2 KB,
 * 60 lines, 6 levels deep; the 1,000-workload benchmark plan (test/bench/plans.ts) is about
 * 0.4 MB and 17,000 lines and sizes in about 15 ms (docs/benchmarks.md). 100 aliases is the yaml
 * library's own default `maxAliasCount`.
 */
export const defaultPlanLimits: Readonly<PlanLimits> = Object.freeze({
  planBytes: 1024 * 1024,
  planLines: 50_000,
  nestingDepth: 32,
  aliases: 100,
  expandedNodes: 200_000,
  workloads: 1_000,
  nodePools: 100,
});

/** What each limit counts, for messages. */
export const planLimitUnits: Readonly<Record<PlanLimitName, string>> = Object.freeze({
  planBytes: 'bytes',
  planLines: 'lines',
  nestingDepth: 'levels of nesting',
  aliases: 'aliases',
  expandedNodes: 'values after expanding aliases',
  workloads: 'workloads',
  nodePools: 'node pools',
});

/** The defaults with `overrides` applied; an override must be a positive whole number. */
export function resolvePlanLimits(overrides: Partial<PlanLimits> = {}): PlanLimits {
  const limits = { ...defaultPlanLimits };
  for (const [name, value] of Object.entries(overrides) as [PlanLimitName, number | undefined][]) {
    if (value === undefined) continue;
    if (!(name in defaultPlanLimits)) throw new RangeError(`unknown plan limit "${name}"; known: ${Object.keys(defaultPlanLimits).join(', ')}`);
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`plan limit ${name} must be a whole number of at least 1 (got ${String(value)})`);
    limits[name] = value;
  }
  return limits;
}

/** A limit the text broke: which, the value found (or a lower bound of it) and the line where it broke. */
export interface LimitBreach {
  limit: PlanLimitName;
  max: number;
  /** The value found; `atLeast` when counting stopped at the limit. */
  found: number;
  atLeast: boolean;
  line?: number;
}

export function describeBreach(breach: LimitBreach): string {
  const unit = planLimitUnits[breach.limit];
  return `${breach.atLeast ? 'at least ' : ''}${breach.found} ${unit}, over the limit of ${breach.max} (${breach.limit})`;
}

/**
 * Bytes, lines and a textual estimate of nesting, in one pass over the text, before the YAML
 * parser sees it (the parser recurses per level and overflows the stack near 2,000 levels, and
 * takes seconds on a million lines). `totalBytes` is the size of the whole input when `text` is
 * only its beginning (a shell that refused to read all of a huge file).
 */
export function checkPlanText(text: string, limits: PlanLimits, totalBytes?: number): LimitBreach | undefined {
  // UTF-16 length is a lower bound of the UTF-8 length: past the limit, there is no need to count.
  const cutShort = totalBytes === undefined && text.length > limits.planBytes;
  const bytes = totalBytes ?? (cutShort ? text.length : utf8Length(text));
  if (bytes > limits.planBytes) {
    return { limit: 'planBytes', max: limits.planBytes, found: bytes, atLeast: cutShort, line: lineAtByte(text, limits.planBytes) };
  }
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (++lines > limits.planLines) return { limit: 'planLines', max: limits.planLines, found: lines, atLeast: true, line: lines };
  }
  return nestingBreach(text, limits.nestingDepth);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

/** The line holding the byte at `offset` (UTF-8), for "where" the size limit is passed. */
function lineAtByte(text: string, offset: number): number {
  let line = 1;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes < offset; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    if (code === 10) line++;
  }
  return line;
}

/**
 * An upper estimate of nesting per line: open block collections (a stack of indentations, plus
 * `- `, `? ` and `: ` indicators opening a collection on the same line) plus open flow collections
 * (`[`, `{` where a value starts, or anywhere inside a flow collection), skipping comments, quoted
 * scalars and block scalars. It may over-count a level or two on odd layouts, never under-count
 * by more than a constant; the YAML parser is called only below the limit, and the exact depth
 * (aliases expanded) is checked again on the parsed document.
 */
function nestingBreach(text: string, maxDepth: number): LimitBreach | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarParent: number | undefined;
  let line = 0;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const lineNumber = line + 1;
    let i = start;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    const indent = i - start;
    const blank = i >= end || text[i] === '\r';
    if (blockScalarParent !== undefined && (blank || indent > blockScalarParent)) { start = end + 1; continue; }
    blockScalarParent = undefined;
    if (quote === undefined && flow === 0 && !blank && text[i] !== '#') {
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop();
      indents.push(indent);
    }
    let block = indents.length;
    let valueStart = quote === undefined;
    const breach = () => ({ limit: 'nestingDepth' as const, max: maxDepth, found: block + flow, atLeast: true, line: lineNumber });
    if (block + flow > maxDepth) return breach();
    for (; i < end; i++) {
      const c = text[i]!;
      if (quote === '"') { if (c === '\\') i++; else if (c === '"') quote = undefined; continue; }
      if (quote === "'") { if (c === "'" && text[i + 1] === "'") i++; else if (c === "'") quote = undefined; continue; }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (c === '#' && (i === start || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      const spaced = i + 1 >= end || text[i + 1] === ' ' || text[i + 1] === '\t' || text[i + 1] === '\r';
      if ((c === '-' || c === '?' || c === ':') && spaced) {
        if (flow === 0 && c !== ':') block++;
        valueStart = true;
      } else if (valueStart || flow > 0) {
        if (c === '[' || c === '{') { flow++; valueStart = true; }
        else if (c === ']' || c === '}') { flow = Math.max(0, flow - 1); valueStart = false; }
        else if (c === ',' || (c === ':' && flow > 0)) valueStart = true;
        else if ((c === '"' || c === "'") && valueStart) quote = c;
        else if ((c === '|' || c === '>') && valueStart && flow === 0) { blockScalarParent = indent; break; }
        else valueStart = false;
      }
      if (block + flow > maxDepth) return breach();
    }
    start = end + 1;
  }
  return undefined;
}
