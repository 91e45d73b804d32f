/** Zod building blocks shared by the plan schema and every workload kind's schema. */
import { z } from 'zod';
import { assumptionCatalog, type AssumptionName } from '../catalog/assumptions.ts';
import { dimensions, parseQuantity, type Dimension } from '../units.ts';
import { re2SyntaxError } from './re2.ts';

interface Bounds {
  /** Smallest accepted value (inclusive), in base units. */
  min?: number;
  /** Largest accepted value (inclusive), in base units: anything above is taken as a mistake. */
  max: number;
  /** Whether zero is accepted (default: values must be positive). */
  allowZero?: boolean;
}

const withUnit = (value: number, unit: string) => (unit ? `${value} ${unit}` : String(value));

/** The bounds check, one message per way a value can be out of range. */
function boundsMessage(value: number, bounds: Bounds, unit: string): string | undefined {
  const min = bounds.min ?? 0;
  // A tiny minimum (1 µs, say) reads better as "greater than 0" to someone who wrote 0.
  if (!bounds.allowZero && value <= 0 && min < 1) return `must be greater than 0 (got ${value})`;
  if (value < min) return `must be at least ${withUnit(min, unit)} (got ${withUnit(value, unit)})`;
  if (value > bounds.max) return `${withUnit(value, unit)} is beyond the plausible maximum of ${withUnit(bounds.max, unit)}`;
  return undefined;
}

/** A quantity with a physical dimension: a number in base units or a string with a unit. */
export function quantity(dimension: Dimension, description: string, bounds: Bounds) {
  const { baseUnit, example } = dimensions[dimension];
  return z
    .union([z.number(), z.string()])
    .transform((input, ctx) => {
      const parsed = parseQuantity(input, dimension);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      const outOfBounds = boundsMessage(parsed.value, bounds, baseUnit);
      if (outOfBounds) ctx.addIssue({ code: 'custom', message: outOfBounds });
      return parsed.value;
    })
    .meta({ description: `${description} A number of ${baseUnit}, or a string with a unit such as "${example}".` });
}

export const bytes = (description: string, bounds: Bounds = { max: 1e18 }) => quantity('bytes', description, bounds);
export const seconds = (description: string, bounds: Bounds = { max: 10 * 365 * 86_400 }) => quantity('seconds', description, bounds);
export const bytesPerSecond = (description: string, bounds: Bounds = { max: 1e13 }) => quantity('bytesPerSecond', description, bounds);

/**
 * A plain number (a count, a rate per second, a ratio) with plausibility bounds. The bounds are
 * zod checks, so the JSON Schema carries them as minimum/maximum for editors.
 */
export function amount(description: string, bounds: Bounds) {
  return number(bounds, z.number()).meta({ description });
}

export function integer(description: string, bounds: Bounds) {
  return number(bounds, z.number().int({ error: (issue) => `must be a whole number (got ${String(issue.input)})` })).meta({ description });
}

function number(bounds: Bounds, base: z.ZodNumber): z.ZodNumber {
  const min = bounds.min ?? 0;
  const tooLarge = { error: (issue: { input?: unknown }) => boundsMessage(Number(issue.input), bounds, '') };
  const lowerBound = !bounds.allowZero && min <= 0
    ? base.positive({ error: (issue) => boundsMessage(Number(issue.input), bounds, '') })
    : base.min(min, { error: (issue) => boundsMessage(Number(issue.input), bounds, '') });
  return lowerBound.max(bounds.max, tooLarge);
}

export const ratio = (description: string, min = 0.01, max = 1) => amount(description, { min, max });

/** DNS-1123 label: what Kubernetes accepts as a name of most objects. */
export const dnsLabel = (description: string) =>
  z
    .string()
    .max(63, { message: 'must be at most 63 characters (a DNS-1123 label)' })
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
      message: 'must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit',
    })
    .meta({ description });

/** Overrides of the tunable assumptions (catalog/assumptions.ts), each within its documented bounds. */
export const assumptionOverrides = z
  .strictObject(
    Object.fromEntries(
      Object.entries(assumptionCatalog).map(([name, a]) => [
        name,
        amount(`${a.description} Default ${a.value} (${a.unit}). ${a.source}`, { min: a.min, max: a.max, allowZero: a.min === 0 }).optional(),
      ]),
    ) as Record<AssumptionName, z.ZodOptional<ReturnType<typeof amount>>>,
  )
  .meta({ description: 'Overrides of Headroom\'s tunable assumptions; each defaults to a documented value.' });
export type AssumptionOverrides = z.output<typeof assumptionOverrides>;

/**
 * A regular expression in Prometheus's dialect (RE2, checked by re2.ts): it ends up in PromQL `=~`
 * matchers, where a JavaScript-only construct would make Prometheus refuse the rules.
 */
export const regex = (description: string) =>
  z
    .string()
    .min(1)
    .superRefine((text, ctx) => {
      const problem = re2SyntaxError(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({ description });
