/** `headroom serve <plan> [--port 9464] [--host 0.0.0.0] [--web-config file]`: runs the plan exporter until stopped. */
import { ExporterError, loadWebConfig, startExporter, WebConfigError } from '@headroom/exporter';
import { CliError } from '../errors.ts';

export interface ServeOptions {
  port?: string;
  host?: string;
  webConfig?: string;
}

const DEFAULT_PORT = 9464;

export async function serveCommand(file: string | undefined, options: ServeOptions): Promise<string> {
  if (file === undefined) throw new CliError('serve needs a plan file', 2);
  const port = options.port === undefined ? DEFAULT_PORT : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`--port must be a port number from 0 to 65535 (got ${options.port})`, 2);
  const host = options.host ?? '0.0.0.0';
  let exporter;
  try {
    exporter = await startExporter({ planFile: file, port, host, ...(await webConfigOptions(options.webConfig)) });
  } catch (error) {
    if (error instanceof ExporterError) throw new CliError(error.message);
    throw error;
  }
  const plan = exporter.current().plan.metadata.name;
  process.stderr.write(`headroom serve: plan ${plan} on ${exporter.url}/metrics (reloads on change or SIGHUP)\n`);
  process.on('SIGHUP', () => { void exporter.reload(); });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await exporter.close();
  return `headroom serve: stopped\n`;
}

async function webConfigOptions(file: string | undefined) {
  if (file === undefined) return {};
  try {
    return { webConfig: await loadWebConfig(file) };
  } catch (error) {
    if (error instanceof WebConfigError) throw new CliError(`--web-config ${error.message}`);
    throw error;
  }
}
