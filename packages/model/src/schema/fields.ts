/** Zod building blocks shared by the plan schema and every workload kind's schema. */
import { z } from 'zod';
import { assumptionCatalog, type AssumptionName } from '../catalog/assumptions.ts';
import { dimensions, parseQuantity, type Dimension } from '../units.ts';

interface Bounds {
  /** Smallest accepted value (inclusive), in base units. */
  min?: number;
  /** Largest accepted value (inclusive), in base units: anything above is taken as a mistake. */
  max: number;
  /** Whether zero is accepted (default: values must be positive). */
  allowZero?: boolean;
}

function checkBounds(value: number, bounds: Bounds, unit: string, ctx: z.RefinementCtx): void {
  const min = bounds.min ?? 0;
  if (!bounds.allowZero && value <= 0 && min <= 0) {
    ctx.addIssue({ code: 'custom', message: `must be greater than 0 (got ${value})` });
  } else if (value < min) {
    ctx.addIssue({ code: 'custom', message: `must be at least ${min} ${unit} (got ${value})` });
  } else if (value > bounds.max) {
    ctx.addIssue({ code: 'custom', message: `${value} ${unit} is beyond the plausible maximum of ${bounds.max} ${unit}` });
  }
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
      checkBounds(parsed.value, bounds, baseUnit, ctx);
      return parsed.value;
    })
    .meta({ description: `${description} A number of ${baseUnit}, or a string with a unit such as "${example}".` });
}

export const bytes = (description: string, bounds: Bounds = { max: 1e18 }) => quantity('bytes', description, bounds);
export const seconds = (description: string, bounds: Bounds = { max: 10 * 365 * 86_400 }) => quantity('seconds', description, bounds);
export const bytesPerSecond = (description: string, bounds: Bounds = { max: 1e13 }) => quantity('bytesPerSecond', description, bounds);

/** A plain number (a count, a rate per second, a ratio) with plausibility bounds. */
export function amount(description: string, bounds: Bounds) {
  return z
    .number()
    .superRefine((value, ctx) => {
      if (!Number.isFinite(value)) ctx.addIssue({ code: 'custom', message: 'must be a finite number' });
      else checkBounds(value, bounds, '', ctx);
    })
    .meta({ description });
}

export function integer(description: string, bounds: Bounds) {
  return amount(description, bounds).pipe(z.number().int({ message: 'must be a whole number' }));
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

/** Checks a regular expression compiles (it ends up in PromQL `=~` matchers). */
export const regex = (description: string) =>
  z
    .string()
    .min(1)
    .superRefine((text, ctx) => {
      try {
        new RegExp(`^(?:${text})$`);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `is not a valid regular expression: ${(error as Error).message}` });
      }
    })
    .meta({ description });
