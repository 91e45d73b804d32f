/**
 * The model picker of LLM serving and training cards: the catalog's presets searched by id, name,
 * Hugging Face id or alias (@headroom/model's modelPresets), and the edit that puts one in a
 * workload. Pure.
 */
import { modelPresets, normalizeName, type ModelArchitecture } from '@headroom/model';
import { isMap, isScalar } from 'yaml';
import { clearField, nodeAt, readPlanDocument, setField, WORKLOADS_PATH } from './plan-document.ts';

export const MAX_MODEL_MATCHES = 8;

/** Every name a preset answers to, normalised as the catalog matches names (case, "_" and blanks as "-"). */
const searchable = modelPresets.map((preset) => ({
  preset,
  names: [preset.id, preset.name, preset.huggingFaceId, ...preset.aliases].map(normalizeName),
}));

/**
 * Presets whose id, name, Hugging Face id or alias contains every word of `query` (whatever the
 * case), best first: a name that starts with the query, then one containing it, in catalog order.
 * An empty query lists the first presets.
 */
export function searchModelPresets(query: string, limit = MAX_MODEL_MATCHES): ModelArchitecture[] {
  const whole = normalizeName(query);
  const words = whole.split('-').filter((w) => w.length > 0);
  if (words.length === 0) return modelPresets.slice(0, limit);
  const rank = ({ names }: (typeof searchable)[number]) => {
    if (names.some((n) => n === whole)) return 0;
    if (names.some((n) => n.startsWith(whole) || n.split('/').at(-1)!.startsWith(whole))) return 1;
    if (names.some((n) => n.includes(whole))) return 2;
    return names.some((n) => words.every((w) => n.includes(w))) ? 3 : undefined;
  };
  return searchable
    .map((entry) => ({ entry, rank: rank(entry) }))
    .filter((r): r is { entry: (typeof searchable)[number]; rank: number } => r.rank !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((r) => r.entry.preset);
}

/**
 * Workload `index`'s model becomes the preset. The model's own fields would override the preset's
 * architecture, so they go; a written `precision` stays, since serving in fp8 is a deployment
 * choice, not part of the architecture.
 */
export function chooseModelPreset(text: string, index: number, presetId: string): string {
  const path = [...WORKLOADS_PATH, index, 'model'];
  let edited = setField(text, [...path, 'preset'], presetId);
  const read = readPlanDocument(edited);
  const model = read.ok ? nodeAt(read.document, path) : undefined;
  const others = isMap(model) ? model.items.flatMap((p) => (isScalar(p.key) && p.key.value !== 'preset' && p.key.value !== 'precision' ? [String(p.key.value)] : [])) : [];
  for (const key of others) edited = clearField(edited, [...path, key]);
  return edited;
}
