/**
 * Quantities: a plan may give a number in base units or a string with a unit ("80 GiB", "250 ms",
 * "1.5 TB", "30 d", "40 MB/s"). Sizes are stored in bytes, durations in seconds, rates in bytes per
 * second.
 *
 * Why a hand-written parser rather than mathjs: the model ships in the embeddable calculator, whose
 * budget is 150 KB gzip, and mathjs's Unit (with decimal.js, typed-function, complex.js and
 * fraction.js, which it pulls in) cost ~235 KB minified / ~70 KB gzip of the browser bundle
 * (esbuild bundle of the model: 192 KB gzip with mathjs, 122 KB without) to parse three
 * dimensions. This file is ~1.5 KB gzip. mathjs remains the oracle: units.test.ts checks, with
 * fast-check, that every unit below gives mathjs's value (`math.unit(text).toNumber(baseUnit)`,
 * with our `d` added) and that both reject the wrong dimension. What is accepted is a subset of
 * what mathjs accepted, with the same values; see "Quantities" in docs/plan.md.
 *
 * Grammar (after trimming): `[number][spaces]unit` or `[number][spaces]unit[spaces]/[spaces]unit`,
 * where the number is decimal with an optional sign, fraction and exponent ("-1.5e3", ".5"), a
 * missing number means 1 (as in mathjs), spaces are blanks or tabs, and units are case-sensitive.
 * - data: B (byte) and b (bit, 1/8 B); byte/bytes and bit/bits. Decimal prefixes k M G T P E Z Y
 *   (long: kilo ... yotta) and binary Ki Mi Gi Ti Pi Ei Zi Yi (long: kibi mebi gibi tebi pebi exi
 *   zebi yobi; "exi" is mathjs's spelling of IEC "exbi"). `KB` is not a unit (as in mathjs).
 * - time: s, sec, secs, second, seconds, with n, u, m (long: nano, micro, milli); min, mins,
 *   minute(s); h, hr, hrs, hour(s); d, day(s); week(s); month(s) (1/12 year); year(s) (365.25 d).
 * - rate: a data unit over a time unit ("40 MB/s", "1 GiB/min", "100 Mb/s").
 * Not carried over from mathjs: other prefixes on seconds ("Ms" is a megasecond, too close to
 * "ms"; "ks", "ps", "ds", ...), decade/century/millennium, and compound forms such as "B s^-1" or
 * "B Hz". They get a "not a quantity" error naming the unit (with a did-you-mean when the case is
 * off).
 *
 * Prefix values: decimal prefixes (k = 10^3 ... Y = 10^24; m = 10^-3, u = micro = 10^-6, n =
 * 10^-9) from the SI Brochure (BIPM, 9th edition, 2019, Table 7); minute, hour and day from its
 * Table 8 (non-SI units accepted for use with the SI: 60 s, 3600 s, 86 400 s); binary prefixes
 * (Ki = 2^10 ... Yi = 2^80) from IEC 80000-13:2008, Quantities and units, Part 13: Information
 * science and technology (prefixes for binary multiples).
 *
 * Exactness: the number's decimal exponent and the decimal prefixes are combined in the text and
 * converted once (`Number("250e-3")`), binary prefixes and bits are exact powers of two, and the
 * remaining factor (60, 3600, ...) is one integer multiplication or division. So a value with
 * prefixes only ("250 ms", "1.5 TB", "80 GiB", "100 Mb/s") is the correctly rounded double, and one
 * with min, h, d, ... at most two roundings from the true value.
 */

/** The physical dimensions a plan field can have, with the base unit Headroom stores it in. */
export const dimensions = {
  bytes: { baseUnit: 'B', example: '80 GiB' },
  seconds: { baseUnit: 's', example: '250 ms' },
  bytesPerSecond: { baseUnit: 'B/s', example: '40 MB/s' },
} as const;
export type Dimension = keyof typeof dimensions;

export type QuantityResult = { ok: true; value: number } | { ok: false; message: string };

/** A unit: data (in bytes) or time (in seconds), worth 10^p10 * 2^p2 * factor base units. */
interface UnitValue {
  data: boolean;
  p10: number;
  p2: number;
  factor: number;
}

const units = new Map<string, UnitValue>();
function define(data: boolean, names: readonly string[], prefixes: readonly string[], p10: (i: number) => number, p2: (i: number) => number, factor = 1) {
  prefixes.forEach((prefix, i) => {
    for (const name of names) units.set(prefix + name, { data, p10: p10(i), p2: p2(i), factor });
  });
}
const zero = () => 0;
for (const [names, bits] of [[['B'], 0], [['b'], -3]] as const) {
  define(true, names, ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'], (i) => 3 * i, () => bits);
  define(true, names, ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'], zero, (i) => 10 * (i + 1) + bits);
}
for (const [names, bits] of [[['byte', 'bytes'], 0], [['bit', 'bits'], -3]] as const) {
  define(true, names, ['', 'kilo', 'mega', 'giga', 'tera', 'peta', 'exa', 'zetta', 'yotta'], (i) => 3 * i, () => bits);
  define(true, names, ['kibi', 'mebi', 'gibi', 'tebi', 'pebi', 'exi', 'zebi', 'yobi'], zero, (i) => 10 * (i + 1) + bits);
}
define(false, ['s'], ['', 'm', 'u', 'n'], (i) => -3 * i, zero);
define(false, ['sec', 'secs', 'second', 'seconds'], ['', 'milli', 'micro', 'nano'], (i) => -3 * i, zero);
for (const [names, factor] of [
  [['min', 'mins', 'minute', 'minutes'], 60],
  [['h', 'hr', 'hrs', 'hour', 'hours'], 3600],
  [['d', 'day', 'days'], 86_400],
  [['week', 'weeks'], 604_800],
  [['month', 'months'], 2_629_800],
  [['year', 'years'], 31_557_600],
] as const) {
  define(false, names, [''], zero, zero, factor);
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;
const UNIT_TEXT = /^[ \t]*([A-Za-z][A-Za-z0-9]*)(?:[ \t]*\/[ \t]*([A-Za-z][A-Za-z0-9]*))?$/;
const ONE: UnitValue = { data: false, p10: 0, p2: 0, factor: 1 };

/** Parses `input` as a quantity of `dimension` and returns it in that dimension's base unit. */
export function parseQuantity(input: number | string, dimension: Dimension): QuantityResult {
  const { baseUnit, example } = dimensions[dimension];
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, message: `must be a finite number of ${baseUnit}` };
  }
  const text = input.trim();
  const notFinite: QuantityResult = { ok: false, message: `"${input}" is not a finite quantity` };
  const numberText = NUMBER.exec(text)?.[0] ?? '';
  if (numberText && numberText.length === text.length) {
    const value = Number(text);
    return Number.isFinite(value) ? { ok: true, value } : notFinite;
  }
  const notQuantity = (hint = '') => ({
    ok: false as const,
    message: `"${input}" is not a quantity; write a number of ${baseUnit} or a value with a unit such as "${example}"${hint}`,
  });
  const match = UNIT_TEXT.exec(text.slice(numberText.length));
  if (!match) return notQuantity();
  const [, numerator = '', denominator] = match;
  const over = denominator === undefined ? ONE : units.get(denominator);
  const unit = units.get(numerator);
  if (!unit) return notQuantity(unknownUnit(numerator, dimension !== 'seconds'));
  if (!over) return notQuantity(unknownUnit(denominator ?? '', false));

  const found = denominator === undefined ? (unit.data ? 'bytes' : 'seconds') : unit.data && !over.data ? 'bytesPerSecond' : undefined;
  if (found !== dimension) return { ok: false, message: `"${input}" is not a ${describe(dimension)}; expected a unit such as "${example}"` };

  const [mantissa = '1', exponent = '0'] = numberText ? numberText.split(/[eE]/) : [];
  // Decimal scaling in the text, so that a single conversion rounds; clamped only so that an
  // absurd exponent still reads as a number (the value is 0 or infinite long before 1e9).
  const power = Math.min(Math.max(Number(exponent) + unit.p10 - over.p10, -1e9), 1e9);
  const value = (Number(`${mantissa}e${power}`) * 2 ** (unit.p2 - over.p2) * unit.factor) / over.factor;
  return Number.isFinite(value) ? { ok: true, value } : notFinite;
}

/**
 * The hint for a unit not in the table: a case-insensitive near miss, or what is accepted. A near
 * miss never swaps bytes and bits ("KB" does not suggest "kb", the kilobit: an 8x error).
 */
function unknownUnit(token: string, data: boolean): string {
  const lower = token.toLowerCase();
  const sameDataUnit = (name: string) => !/[bB]$/.test(token) || name.at(-1) === token.at(-1);
  const near = [...units.keys()].filter((name) => (name.toLowerCase() === lower && sameDataUnit(name)) || (token.startsWith('K') && name === `Ki${token.slice(1)}`));
  const quoted = near.map((name) => `"${name}"`);
  const suggestion = quoted.length > 0
    ? `did you mean ${quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted[0]}?`
    : data
      ? 'use B (bytes) or b (bits) with a prefix such as k, M, G, T or Ki, Mi, Gi, Ti'
      : 'use ns, us, ms, s, min, h, d, week, month or year';
  return ` (unknown unit "${token}"; ${suggestion})`;
}

function describe(dimension: Dimension): string {
  return { bytes: 'size in bytes', seconds: 'duration', bytesPerSecond: 'data rate' }[dimension];
}

export const KiB = 1024;
export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;
export const TiB = 1024 ** 4;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
/** 365.25 / 12 days: the average month cloud price sheets use (730 hours). */
export const HOURS_PER_MONTH = 730;
