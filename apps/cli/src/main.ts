#!/usr/bin/env node
/** The `headroom` command: a thin shell over @headroom/model. */
import { parseArgs } from 'node:util';
import { generateCommand } from './commands/generate.ts';
import { initCommand, presetsCommand, schemaCommand } from './commands/presets.ts';
import { serveCommand } from './commands/serve.ts';
import { pushCommand } from './push/command.ts';
import { verifyCommand } from './verify/command.ts';
import { sizeCommand } from './commands/size.ts';
import { CliError } from './errors.ts';
import { limitOptions, limitsFromFlags, limitsUsage } from './plan-limits.ts';
import { safeForTerminal } from './terminal.ts';

const USAGE = `usage: headroom <command> [options]

commands:
  size <plan> [--json]           size a plan: a readable report, or the Sizing JSON
  size <plan> --explain [NAME]   every figure with its formula, inputs and source
  size --preset NAME [--json]    size a bundled example plan
  generate <plan> --out DIR [--force]
                                 write the verification kit: dashboards/, alerts/ (rules and
                                 promtool tests), kubernetes/, exporter/ (bundle, plan, Dockerfile);
                                 refuses a non-empty DIR; --force replaces only a kit
                                 generated there before (listed in DIR/.headroom-kit.json)
  serve <plan> [--port 9464] [--host 0.0.0.0] [--web-config FILE]
                                 run the plan exporter (/metrics, /healthz, /plan); the plan
                                 reloads when the file changes or on SIGHUP
  verify <plan> --prometheus URL [--range 7d] [--json] [--write-plan FILE]
         [--token T | --basic user:pass] [--header 'Name: value']... [--timeout 30s]
                                 compare production with the plan, workload by workload, with the
                                 alerts' queries and thresholds; exits 1 when any is under-provisioned
  push <dir> --grafana URL [--token T | --basic user:pass] [--folder NAME] [--dry-run]
                                 upload the kit's dashboards through Grafana's HTTP API
                                 (folder created if missing, overwrite by uid, idempotent)
  schema                         print the plan's JSON Schema
  presets [--json]               list the bundled example plans
  init [--preset NAME] [--out FILE] [--force]
                                 print (or write) an example plan to start from

options:
  --debug                        show stack traces for errors
  -h, --help                     show this help

${limitsUsage}`;

export function run(argv: string[]): string | Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      preset: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      'web-config': { type: 'string' },
      grafana: { type: 'string' },
      token: { type: 'string' },
      basic: { type: 'string' },
      folder: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      prometheus: { type: 'string' },
      range: { type: 'string' },
      'write-plan': { type: 'string' },
      header: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...limitOptions,
    },
  });
  const [command, ...args] = positionals;
  if (values.help || command === undefined || command === 'help') return `${USAGE}\n`;
  const limits = limitsFromFlags(values);
  const noMoreThan = (n: number) => {
    if (args.length > n) throw new CliError(`headroom ${command}: unexpected argument "${args[n]}"\n\n${USAGE}`, 2);
  };
  switch (command) {
    case 'size':
      // `--explain NAME`: parseArgs sees NAME as a second positional.
      noMoreThan(values.explain ? 2 : 1);
      return sizeCommand(values.preset !== undefined && values.explain ? undefined : args[0], {
        json: values.json,
        limits,
        explain: values.explain ? (values.preset !== undefined ? args[0] : args[1]) ?? true : false,
        ...(values.preset !== undefined ? { preset: values.preset } : {}),
      });
    case 'generate':
      noMoreThan(1);
      return generateCommand(args[0], {
        force: values.force,
        limits,
        ...(values.out !== undefined ? { out: values.out } : {}),
        ...(values.preset !== undefined ? { preset: values.preset } : {}),
      });
    case 'serve':
      noMoreThan(1);
      return serveCommand(args[0], {
        ...(values.port !== undefined ? { port: values.port } : {}),
        ...(values.host !== undefined ? { host: values.host } : {}),
        ...(values['web-config'] !== undefined ? { webConfig: values['web-config'] } : {}),
      });
    case 'verify':
      noMoreThan(1);
      return verifyCommand(values.preset !== undefined ? undefined : args[0], {
        json: values.json,
        limits,
        ...(values.preset !== undefined ? { preset: values.preset } : {}),
        ...(values.prometheus !== undefined ? { prometheus: values.prometheus } : {}),
        ...(values.range !== undefined ? { range: values.range } : {}),
        ...(values['write-plan'] !== undefined ? { writePlan: values['write-plan'] } : {}),
        ...(values.token !== undefined ? { token: values.token } : {}),
        ...(values.basic !== undefined ? { basic: values.basic } : {}),
        ...(values.header !== undefined ? { header: values.header } : {}),
        ...(values.timeout !== undefined ? { timeout: values.timeout } : {}),
      }).then(({ output, exitCode }) => {
        process.exitCode = exitCode;
        return output;
      });
    case 'push':
      noMoreThan(1);
      return pushCommand(args[0], {
        dryRun: values['dry-run'],
        ...(values.grafana !== undefined ? { grafana: values.grafana } : {}),
        ...(values.token !== undefined ? { token: values.token } : {}),
        ...(values.basic !== undefined ? { basic: values.basic } : {}),
        ...(values.folder !== undefined ? { folder: values.folder } : {}),
      });
    case 'schema':
      noMoreThan(0);
      return schemaCommand();
    case 'presets':
      noMoreThan(0);
      return presetsCommand({ json: values.json });
    case 'init':
      noMoreThan(0);
      return initCommand({ force: values.force, ...(values.preset !== undefined ? { preset: values.preset } : {}), ...(values.out !== undefined ? { out: values.out } : {}) });
    default:
      throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 2);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const debug = argv.includes('--debug');
  try {
    process.stdout.write(safeForTerminal(await run(argv)));
  } catch (error) {
    const usageError = error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
    const print = (text: string) => console.error(safeForTerminal(text));
    if (debug) print(error instanceof Error ? error.stack ?? error.message : String(error));
    else if (error instanceof CliError) print(`headroom: ${error.message}`);
    else if (usageError) print(`headroom: ${error.message.split('. To specify a positional')[0]}\n\n${USAGE}`);
    else print(`headroom: internal error: ${(error as Error).message} (run with --debug for details)`);
    // Exit codes: 1 bad input, 2 bad usage, 70 internal error (sysexits EX_SOFTWARE).
    process.exitCode = error instanceof CliError ? error.exitCode : usageError ? 2 : 70;
  }
}

await main();
