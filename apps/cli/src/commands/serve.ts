/** `headroom serve <plan> [--port 9464] [--host 0.0.0.0] [--web-config file] [--max-* N]`: runs the plan exporter until stopped. */
import { ExporterError, serveUntilStopped, WebConfigError } from '@headroom/exporter';
import type { PlanLimits } from '@headroom/model';
import { CliError } from '../errors.ts';
import { modelConfigsBeside } from '../model-config-file.ts';

export interface ServeOptions {
  port?: string;
  host?: string;
  webConfig?: string;
  /** --max-* flags: the plan limits the served plan (and every edit of it) is held to. */
  limits?: Partial<PlanLimits>;
}

const DEFAULT_PORT = 9464;

export async function serveCommand(file: string | undefined, options: ServeOptions): Promise<string> {
  if (file === undefined) throw new CliError('serve needs a plan file', 2);
  const port = options.port === undefined ? DEFAULT_PORT : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`--port must be a port number from 0 to 65535 (got ${options.port})`, 2);
  try {
    await serveUntilStopped({
      planFile: file, port, host: options.host ?? '0.0.0.0',
      // config.json files relative to the plan, as size and generate read them.
      modelConfigReader: modelConfigsBeside,
      ...(options.webConfig !== undefined ? { webConfigFile: options.webConfig } : {}),
      ...(options.limits && Object.keys(options.limits).length > 0 ? { planLimits: options.limits } : {}),
    });
  } catch (error) {
    if (error instanceof ExporterError) throw new CliError(error.message);
    if (error instanceof WebConfigError) throw new CliError(`--web-config ${error.message}`);
    throw error;
  }
  return '';
}
