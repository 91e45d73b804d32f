/**
 * Where an embedded calculator's plan comes from: the `plan` attribute (inline YAML/JSON, or a URL
 * to fetch), else the `preset` attribute, else the default example plan.
 */
import { findPlanPreset, planPresets } from '@headroom/model';
import { defaultPlanText } from '../state/store.ts';

export interface PlanSourceAttributes {
  plan: string | null;
  preset: string | null;
}

/** A URL rather than a plan: one line, no YAML/JSON structure, and a scheme or a path to a file. */
export function isPlanUrl(value: string): boolean {
  const text = value.trim();
  if (text.includes('\n') || /^[{[]/.test(text) || /:\s/.test(text)) return false;
  return /^(https?:\/\/|\.{0,2}\/)/.test(text) || /\.(ya?ml|json)(\?.*)?$/i.test(text);
}

export type PlanSource = { ok: true; text: string } | { ok: false; message: string };

/** The plan text the attributes name; fetches a URL relative to `baseUrl`. Never throws. */
export async function loadPlanSource(attributes: PlanSourceAttributes, baseUrl: string, fetchText: typeof fetch = fetch): Promise<PlanSource> {
  const { plan, preset } = attributes;
  if (plan !== null && plan.trim() !== '') {
    if (!isPlanUrl(plan)) return { ok: true, text: plan };
    const url = new URL(plan.trim(), baseUrl);
    try {
      const response = await fetchText(url);
      if (!response.ok) return { ok: false, message: `plan: could not load ${url.href} (HTTP ${response.status})` };
      return { ok: true, text: await response.text() };
    } catch (error) {
      return { ok: false, message: `plan: could not load ${url.href} (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  if (preset !== null && preset.trim() !== '') {
    const found = findPlanPreset(preset.trim());
    if (!found) return { ok: false, message: `preset: no preset named "${preset}"; known: ${planPresets.map((p) => p.name).join(', ')}` };
    return { ok: true, text: found.yaml };
  }
  return { ok: true, text: defaultPlanText() };
}
