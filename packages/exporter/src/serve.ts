/**
 * Runs the exporter until SIGINT or SIGTERM, reloading the plan on SIGHUP. Shared by `headroom
 * serve` and the standalone bundle that `headroom generate` writes to exporter/.
 */
import { startExporter, type ExporterOptions } from './server/exporter.ts';
import { loadWebConfig } from './server/web-config.ts';

export interface ServeOptions {
  planFile: string;
  port: number;
  host: string;
  webConfigFile?: string;
  planLimits?: ExporterOptions['planLimits'];
  modelConfigReader?: ExporterOptions['modelConfigReader'];
  log?: ExporterOptions['log'];
}

export async function serveUntilStopped(options: ServeOptions): Promise<void> {
  const exporter = await startExporter({
    planFile: options.planFile,
    port: options.port,
    host: options.host,
    ...(options.webConfigFile !== undefined ? { webConfig: await loadWebConfig(options.webConfigFile) } : {}),
    ...(options.planLimits ? { planLimits: options.planLimits } : {}),
    ...(options.modelConfigReader ? { modelConfigReader: options.modelConfigReader } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  log(`headroom serve: plan ${exporter.current().plan.metadata.name} on ${exporter.url}/metrics (reloads on change or SIGHUP)`);
  const onHangup = () => { void exporter.reload(); };
  process.on('SIGHUP', onHangup);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  process.off('SIGHUP', onHangup);
  await exporter.close();
  log('headroom serve: stopped');
}
