/**
 * Entry point of the standalone exporter bundle (exporter/headroom-exporter.mjs):
 *   node headroom-exporter.mjs serve <plan> [--port 9464] [--host 0.0.0.0] [--web-config FILE]
 */
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { serveUntilStopped } from './serve.ts';
import { ExporterError } from './server/exporter.ts';
import { WebConfigError } from './server/web-config.ts';

const USAGE = 'usage: headroom-exporter serve <plan> [--port 9464] [--host 0.0.0.0] [--web-config FILE]';

// The bcrypt worker thread loads this same file (server/bcrypt-worker.ts); it must not start a server.
if (isMainThread) await main();

async function main(): Promise<void> {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { port: { type: 'string', default: '9464' }, host: { type: 'string', default: '0.0.0.0' }, 'web-config': { type: 'string' } },
    });
    const [command, planFile, ...extra] = positionals;
    const port = Number(values.port);
    if (command !== 'serve' || planFile === undefined || extra.length > 0 || !Number.isInteger(port) || port < 0 || port > 65_535) {
      process.stderr.write(`${USAGE}\n`);
      process.exit(2);
    }
    await serveUntilStopped({ planFile, port, host: values.host, ...(values['web-config'] !== undefined ? { webConfigFile: values['web-config'] } : {}) });
  } catch (error) {
    const known = error instanceof ExporterError || error instanceof WebConfigError;
    process.stderr.write(`headroom-exporter: ${known ? (error as Error).message : `internal error: ${(error as Error).stack}`}\n`);
    process.exit(known ? 1 : 70);
  }
}
