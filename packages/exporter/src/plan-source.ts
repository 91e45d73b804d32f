/** Reads, validates and sizes the plan file; never throws for a bad plan, reports why instead. */
import { readFile } from 'node:fs/promises';
import { parsePlan, planSamples, sizePlan, type Plan, type PlanSample, type Sizing } from '@headroom/model';

export interface LoadedPlan {
  plan: Plan;
  sizing: Sizing;
  samples: PlanSample[];
}

export type LoadResult = { ok: true; loaded: LoadedPlan } | { ok: false; message: string };

export async function loadPlanFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `${file}: cannot read the plan (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const parsed = parsePlan(text, file);
  if (!parsed.ok) return { ok: false, message: `${file}: the plan is not valid:\n${parsed.error.message}` };
  const sizing = sizePlan(parsed.plan);
  return { ok: true, loaded: { plan: parsed.plan, sizing, samples: planSamples(parsed.plan, sizing) } };
}
