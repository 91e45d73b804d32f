/** `headroom model import <config.json>`: the plan's `model:` block, each value traced to its config key. */
import { importHfConfig, modelBlockYaml } from '@headroom/model';
import { CliError } from '../errors.ts';
import { readModelConfigFile } from '../model-config-file.ts';

export function modelImportCommand(file: string | undefined): string {
  if (file === undefined) throw new CliError('headroom model import: missing the config.json to import', 2);
  const loaded = readModelConfigFile(file);
  if (!loaded.ok) throw new CliError(`${file}: ${loaded.message}`);
  const imported = importHfConfig(loaded.config);
  if (!imported.ok) throw new CliError(`${file}: not a config.json Headroom can size:\n${imported.errors.map((e) => `  ${e}`).join('\n')}`);
  return modelBlockYaml(imported.model, file);
}
