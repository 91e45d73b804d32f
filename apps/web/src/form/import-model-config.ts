/**
 * A model's Hugging Face `config.json`, pasted or dropped on a workload card, written into the
 * workload's `model` as the fields `headroom model import` prints (@headroom/model's importer:
 * every value traced to its config key). The browser has no plan file to resolve `model.config`
 * against, so the fields themselves go into the plan, replacing a preset.
 */
import { importHfConfig, type HfModelImport } from '@headroom/model';
import { clearField, setField, WORKLOADS_PATH } from './plan-document.ts';

/** A config.json is a few kilobytes; anything this large is not one, and is refused before parsing. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ModelConfigImport =
  | { ok: true; text: string; imported: HfModelImport }
  | { ok: false; message: string };

/** The plan `text` with workload `index`'s `model` replaced by what `configText` (a config.json) describes. */
export function importModelConfig(text: string, index: number, configText: string, fileName: string): ModelConfigImport {
  if (configText.length > MAX_CONFIG_BYTES) return { ok: false, message: `${fileName} is larger than ${MAX_CONFIG_BYTES / 1024} KiB: not a model's config.json` };
  let json: unknown;
  try {
    json = JSON.parse(configText);
  } catch (error) {
    return { ok: false, message: `${fileName} is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = importHfConfig(json);
  if (!result.ok) return { ok: false, message: `${fileName}: ${result.errors.join('; ')}` };
  const model = [...WORKLOADS_PATH, index, 'model'];
  try {
    // A preset (or a CLI-only config path) and explicit fields together are an error in a plan.
    let edited = clearField(clearField(text, [...model, 'preset']), [...model, 'config']);
    for (const [field, value] of Object.entries(result.model.fields)) {
      if (value !== undefined) edited = setField(edited, [...model, field], value);
    }
    return { ok: true, text: edited, imported: result.model };
  } catch (error) {
    return { ok: false, message: `cannot write the model into this plan: ${error instanceof Error ? error.message : String(error)}` };
  }
}
