/**
 * Quantities: a plan may give a number in base units or a string with a unit ("80 GiB", "250 ms",
 * "1.5 TB", "30 d", "40 MB/s"). mathjs parses the string; Headroom adds the units it lacks and
 * normalises bytes (mathjs's base unit for data is the bit).
 */
import { create, unitDependencies, createUnitDependencies, type FactoryFunctionMap } from 'mathjs';

const math = create({ unitDependencies, createUnitDependencies } as FactoryFunctionMap);
// mathjs knows `day`/`days` but not the `d` that operators write ("retention: 30 d").
math.createUnit('d', '1 day', { override: false });

/** The physical dimensions a plan field can have, with the base unit Headroom stores it in. */
export const dimensions = {
  bytes: { baseUnit: 'B', example: '80 GiB' },
  seconds: { baseUnit: 's', example: '250 ms' },
  bytesPerSecond: { baseUnit: 'B/s', example: '40 MB/s' },
} as const;
export type Dimension = keyof typeof dimensions;

export type QuantityResult = { ok: true; value: number } | { ok: false; message: string };

/** Parses `input` as a quantity of `dimension` and returns it in that dimension's base unit. */
export function parseQuantity(input: number | string, dimension: Dimension): QuantityResult {
  const { baseUnit, example } = dimensions[dimension];
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, message: `must be a finite number of ${baseUnit}` };
  }
  const text = input.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: `"${input}" is not a finite quantity` };
  }
  let unit;
  try {
    unit = math.unit(text);
  } catch {
    return { ok: false, message: `"${input}" is not a quantity; write a number of ${baseUnit} or a value with a unit such as "${example}"` };
  }
  if (!unit.equalBase(math.unit(baseUnit))) {
    return { ok: false, message: `"${input}" is not a ${describe(dimension)}; expected a unit such as "${example}"` };
  }
  const value = unit.toNumber(baseUnit);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: `"${input}" is not a finite quantity` };
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
