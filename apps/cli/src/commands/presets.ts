/** `headroom presets`, `headroom init` and `headroom schema`. */
import { existsSync, writeFileSync } from 'node:fs';
import { planJsonSchema, planPresets } from '@headroom/model';
import { CliError } from '../errors.ts';
import { table } from '../format.ts';
import { readPlanText } from '../plan-input.ts';

export function presetsCommand(options: { json: boolean }): string {
  if (options.json) return `${JSON.stringify(planPresets.map(({ name, title, description }) => ({ name, title, description })), null, 2)}\n`;
  return `${table(['preset', 'title', 'description'], planPresets.map((p) => [p.name, p.title, p.description]))}\n`;
}

/** Prints the preset's YAML, or writes it to `out` (never over an existing file unless --force). */
export function initCommand(options: { preset?: string; out?: string; force: boolean }): string {
  const { text } = readPlanText(undefined, options.preset ?? 'chat-assistant');
  if (options.out === undefined) return text;
  if (existsSync(options.out) && !options.force) throw new CliError(`${options.out} exists; pass --force to overwrite it`);
  writeFileSync(options.out, text);
  return `wrote ${options.out}\n`;
}

export function schemaCommand(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}
