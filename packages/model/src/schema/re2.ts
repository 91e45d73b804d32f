/**
 * Checks a regular expression against the syntax Prometheus compiles: Go's regexp/syntax with Perl
 * flags (RE2 syntax, https://github.com/google/re2/wiki/Syntax), as in Prometheus 2.42, built with
 * Go 1.19/1.20. A pattern this accepts is one Go's parser accepts; it refuses, with a message
 * naming the construct, what JavaScript takes and RE2 does not (lookaround, backreferences,
 * `(?<name>...)`, `\u0041`, possessive and stacked quantifiers) and any pattern unbalanced on
 * its own (`a)|(b`, which becomes a different regex once Prometheus wraps it in `^(?:...)$`).
 *
 * Hand-written rather than the re2js library (a port of RE2/J, 46 KB gzip) because that would push
 * both the calculator's and the embed's JavaScript over their budgets (docs/benchmarks.md) for one
 * field; re2js is the test oracle instead (re2.test.ts), and promtool checks rules built from the
 * accepted patterns (test/integration). Deliberately stricter than Go where Go's acceptance needs
 * large tables: `\p{...}` takes the Unicode general categories and the common scripts listed
 * below, not every script Go knows.
 */

/** Longest pattern accepted; a pod regex is a short name pattern. */
export const MAX_REGEX_LENGTH = 1000;
/** Go's regexp/syntax: repetition counts above 1000 are "invalid repeat count". */
const MAX_REPEAT = 1000;

const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);
/** Go's unicode.Categories, "Any", and common unicode.Scripts. */
const UNICODE_CLASSES = new Set([
  'Any', 'C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs',
  'Arabic', 'Armenian', 'Bengali', 'Common', 'Cyrillic', 'Devanagari', 'Georgian', 'Greek', 'Gujarati', 'Han', 'Hangul',
  'Hebrew', 'Hiragana', 'Inherited', 'Katakana', 'Latin', 'Tamil', 'Thai',
]);

const isHex = (c: string | undefined) => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isAsciiPunct = (c: string) => c.charCodeAt(0) < 0x80 && !/[0-9A-Za-z]/.test(c);

class SyntaxProblem extends Error {}

/** {n}, {n,} or {n,m}; any other "{" is a literal, as in Go. */
const COUNTED = /\{\d+(,\d*)?\}/y;

/** Why Prometheus would refuse `pattern`, or undefined when it compiles. */
export function re2SyntaxError(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_LENGTH) return `is ${pattern.length} characters long; at most ${MAX_REGEX_LENGTH} are accepted`;
  try {
    parse(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxProblem) return `is not a regular expression Prometheus accepts (RE2 syntax): ${error.message}`;
    throw error;
  }
}

function parse(p: string): void {
  let depth = 0;
  /** Whether the last item can take a repetition operator (something to repeat is there). */
  let operand = false;
  /** Whether the last item was a repetition (Go refuses a** and a*{2}: stacked repetition). */
  let repeated = false;
  const names = new Set<string>();
  const fail = (message: string): never => { throw new SyntaxProblem(message); };
  for (let i = 0; i < p.length;) {
    const c = p[i]!;
    COUNTED.lastIndex = i;
    const counted = c === '{' ? COUNTED.exec(p) : null;
    if (c === '*' || c === '+' || c === '?' || counted) {
      const op = counted ? counted[0] : c;
      if (!operand) fail(`missing argument to repetition operator "${op}" at position ${i + 1}`);
      if (repeated) fail(`stacked repetition operators ("${p.slice(Math.max(0, i - 1), i + op.length)}") at position ${i + 1}: RE2 has no possessive quantifiers; group the inner repetition`);
      if (c === '{') {
        const [min, max] = op.slice(1, -1).split(',').map((n) => (n === '' ? undefined : Number(n)));
        if (min! > MAX_REPEAT || (max !== undefined && (max > MAX_REPEAT || max < min!))) fail(`invalid repeat count "${op}" (at most ${MAX_REPEAT}, and min <= max)`);
      }
      i += op.length;
      if (p[i] === '?') i++; // a lazy quantifier
      repeated = true;
      continue;
    }
    repeated = false;
    if (c === '(') {
      i = openGroup(p, i, names, fail);
      if (p[i - 1] === ')') { operand = false; continue; } // a flags-only group such as (?i)
      depth++;
      operand = false;
      continue;
    }
    if (c === ')') {
      if (depth === 0) fail(`unexpected ")" at position ${i + 1}: the pattern must be balanced on its own`);
      depth--;
      operand = true;
      i++;
      continue;
    }
    if (c === '|') { operand = false; i++; continue; }
    if (c === '[') { i = parseClass(p, i, fail); operand = true; continue; }
    if (c === '\\') {
      const next = parseEscape(p, i, false, fail);
      // An empty \Q\E quotes nothing: what came before stays the operand.
      const quotedNothing = p.startsWith('\\Q', i) && p.slice(i + 2, next).replace(/\\E$/, '') === '';
      if (!quotedNothing) operand = true;
      i = next;
      continue;
    }
    operand = true;
    i += c.codePointAt(0)! > 0xffff ? 2 : 1;
  }
  if (depth > 0) fail('missing closing ")"');
}

/** Past a "(" at `i`: a plain, non-capturing, named or flags group; Perl's other groups are errors. */
function openGroup(p: string, i: number, names: Set<string>, fail: (m: string) => never): number {
  if (p[i + 1] !== '?') return i + 1;
  const rest = p.slice(i + 2);
  if (rest.startsWith('=') || rest.startsWith('!')) fail(`lookahead "(?${rest[0]}" is not supported by RE2`);
  if (rest.startsWith('<=') || rest.startsWith('<!')) fail(`lookbehind "(?${rest.slice(0, 2)}" is not supported by RE2`);
  if (rest.startsWith('<')) fail('named group "(?<name>...)" is not accepted by Prometheus 2.42 (Go before 1.22); write "(?P<name>...)"');
  if (rest.startsWith('P<')) {
    const name = /^P<([A-Za-z0-9_]+)>/.exec(rest);
    if (!name) fail(`invalid named group "${p.slice(i, i + 12)}": a name is letters, digits and "_"`);
    if (names.has(name![1]!)) fail(`duplicate group name "${name![1]}"`);
    names.add(name![1]!);
    return i + 2 + name![0].length;
  }
  const flags = /^([imsU]*)(?:-([imsU]+))?([:)])/.exec(rest);
  if (!flags || (flags[1] === '' && flags[2] === undefined && flags[3] === ')')) fail(`invalid or unsupported Perl syntax "${p.slice(i, i + 4)}" (flags are i, m, s and U)`);
  return i + 2 + flags![0].length;
}

/** Past a character class starting at `i`. */
function parseClass(p: string, i: number, fail: (m: string) => never): number {
  const start = i;
  i++;
  if (p[i] === '^') i++;
  let first = true;
  while (first || p[i] !== ']') {
    if (i >= p.length) fail(`missing closing "]" for the class at position ${start + 1}`);
    first = false;
    if (p.startsWith('[:', i)) {
      const posix = /^\[:\^?([a-z]+):\]/.exec(p.slice(i));
      if (posix) {
        if (!POSIX_CLASSES.has(posix[1]!)) fail(`unknown character class "${posix[0]}"`);
        i += posix[0].length;
        continue;
      }
    }
    const low = classChar(p, i, fail);
    i = low.next;
    if (p[i] === '-' && p[i + 1] !== ']' && i + 1 < p.length) {
      const high = classChar(p, i + 1, fail);
      if (low.code === undefined || high.code === undefined) fail(`invalid character class range "${p.slice(low.start, high.next)}"`);
      if (high.code! < low.code!) fail(`invalid character class range "${p.slice(low.start, high.next)}" (the end is before the start)`);
      i = high.next;
    }
  }
  return i + 1;
}

/** One member of a class: a character (with its code point, for ranges) or an escaped class like \d. */
function classChar(p: string, i: number, fail: (m: string) => never): { start: number; next: number; code?: number } {
  if (p[i] === '\\') {
    const next = parseEscape(p, i, true, fail);
    const text = p.slice(i, next);
    const code = escapedCode(text);
    return code === undefined ? { start: i, next } : { start: i, next, code };
  }
  const code = p.codePointAt(i)!;
  return { start: i, next: i + (code > 0xffff ? 2 : 1), code };
}

/** The code point an escape stands for, when it stands for one character. */
function escapedCode(text: string): number | undefined {
  const simple: Record<string, number> = { '\\a': 7, '\\f': 12, '\\t': 9, '\\n': 10, '\\r': 13, '\\v': 11 };
  if (text in simple) return simple[text];
  if (/^\\x\{[0-9A-Fa-f]+\}$/.test(text)) return parseInt(text.slice(3, -1), 16);
  if (/^\\x[0-9A-Fa-f]{2}$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^\\[0-7]{1,3}$/.test(text)) return parseInt(text.slice(1), 8);
  if (text.length === 2 && isAsciiPunct(text[1]!)) return text.charCodeAt(1);
  return undefined;
}

/** Past a backslash escape at `i` (Go's parseEscape and, outside classes, its empty-width and \Q forms). */
function parseEscape(p: string, i: number, inClass: boolean, fail: (m: string) => never): number {
  const c = p[i + 1];
  if (c === undefined) fail('trailing backslash at the end of the pattern');
  if (!inClass) {
    if (c === 'A' || c === 'z' || c === 'b' || c === 'B') return i + 2;
    if (c === 'Q') {
      const end = p.indexOf('\\E', i + 2);
      return end === -1 ? p.length : end + 2;
    }
  }
  if ('dswDSW'.includes(c!)) return i + 2;
  if (c === 'p' || c === 'P') {
    const named = /^\{\^?([A-Za-z_]+)\}/.exec(p.slice(i + 2));
    const name = named ? named[1]! : p[i + 2];
    if (name === undefined || !UNICODE_CLASSES.has(name)) fail(`unknown or unsupported Unicode class "${p.slice(i, named ? i + 2 + named[0].length : i + 3)}"`);
    return i + 2 + (named ? named[0].length : 1);
  }
  if (c === 'x') {
    if (p[i + 2] === '{') {
      const hex = /^\{([0-9A-Fa-f]{1,8})\}/.exec(p.slice(i + 2));
      if (!hex || parseInt(hex[1]!, 16) > 0x10ffff) fail(`invalid escape "${p.slice(i, i + 6)}": \\x{...} takes a hexadecimal code point up to 10FFFF`);
      return i + 2 + hex![0].length;
    }
    if (!isHex(p[i + 2]) || !isHex(p[i + 3])) fail(`invalid escape "${p.slice(i, i + 4)}": \\x takes two hexadecimal digits`);
    return i + 4;
  }
  if (c === '0' || (c! >= '1' && c! <= '7' && isOctal(p[i + 2]))) {
    let next = i + 2;
    while (next < i + 4 && isOctal(p[next])) next++;
    return next;
  }
  if (c! >= '1' && c! <= '9') fail(`backreference "\\${c}" is not supported by RE2`);
  if ('aftnrv'.includes(c!)) return i + 2;
  if (isAsciiPunct(c!)) return i + 2;
  return fail(`invalid escape sequence "\\${c}"${c === 'u' ? ' (write \\x{0041} for a code point)' : ''}`);
}
