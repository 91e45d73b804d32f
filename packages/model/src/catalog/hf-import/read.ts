/**
 * Reading keys of a parsed Hugging Face `config.json`. Multimodal configs (Llama 4, Gemma 3,
 * Mistral 3) nest the language model under `text_config`; a key is looked up there first, then
 * at the top level, and every value is reported with the path it came from.
 */

export interface Sourced<T> {
  value: T;
  /** The config key the value came from (`text_config.hidden_size`), or how it was derived. */
  from: string;
}

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Bounds past which a value is taken as a mistake rather than a model (the plan schema's own bounds). */
const MAX_COUNT = 1e8;

export class ConfigReader {
  readonly errors: string[] = [];
  private readonly text: JsonObject | undefined;

  /**
   * `defaults`: values the layout's configuration class supplies when the file leaves the key out
   * (Gemma 3's text_config states neither vocab_size nor max_position_embeddings), with the class named.
   */
  constructor(readonly root: JsonObject, private readonly defaults: { values: JsonObject; origin: string } = { values: {}, origin: '' }) {
    this.text = isObject(root.text_config) ? root.text_config : undefined;
  }

  /** The raw value of the first of `keys` present (text_config first), with its path; else the layout's default. */
  raw(...keys: string[]): Sourced<unknown> | undefined {
    for (const key of keys) {
      if (this.text && this.text[key] !== undefined && this.text[key] !== null) return { value: this.text[key], from: `text_config.${key}` };
      if (this.root[key] !== undefined && this.root[key] !== null) return { value: this.root[key], from: key };
    }
    for (const key of keys) {
      if (this.defaults.values[key] !== undefined) return { value: this.defaults.values[key], from: `${key} (absent: ${this.defaults.origin} default)` };
    }
    return undefined;
  }

  /** A positive whole number; a present value of another shape is an error naming the key. */
  count(...keys: string[]): Sourced<number> | undefined {
    const found = this.raw(...keys);
    if (!found) return undefined;
    if (typeof found.value !== 'number' || !Number.isInteger(found.value) || found.value < 0 || found.value > MAX_COUNT) {
      this.errors.push(`${found.from}: expected a whole number from 0 to ${MAX_COUNT} (got ${JSON.stringify(found.value)?.slice(0, 40)})`);
      return undefined;
    }
    return found as Sourced<number>;
  }

  /** A positive count the import cannot do without (a stand-in of 1 after recording the error). */
  required(...keys: string[]): Sourced<number> {
    const errorsBefore = this.errors.length;
    const found = this.count(...keys);
    if (found && found.value > 0) return found;
    if (found) this.errors.push(`${found.from}: must be greater than 0`);
    else if (this.errors.length === errorsBefore) this.errors.push(`${keys.join(' / ')}: missing (needed to size the model)`);
    return { value: 1, from: keys[0]! };
  }

  flag(key: string): Sourced<boolean> | undefined {
    const found = this.raw(key);
    if (!found) return undefined;
    if (typeof found.value !== 'boolean') {
      this.errors.push(`${found.from}: expected true or false (got ${JSON.stringify(found.value)?.slice(0, 40)})`);
      return undefined;
    }
    return found as Sourced<boolean>;
  }

  string(key: string): Sourced<string> | undefined {
    const found = this.raw(key);
    return found && typeof found.value === 'string' ? (found as Sourced<string>) : undefined;
  }

  /** An array of at most `maxLength` entries (a layer list is at most the layer count). */
  list(key: string, maxLength: number): Sourced<unknown[]> | undefined {
    const found = this.raw(key);
    if (!found) return undefined;
    if (!Array.isArray(found.value) || found.value.length > maxLength) {
      this.errors.push(`${found.from}: expected a list of at most ${maxLength} entries`);
      return undefined;
    }
    return found as Sourced<unknown[]>;
  }
}
