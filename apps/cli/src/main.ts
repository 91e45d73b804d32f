#!/usr/bin/env node
/** The `headroom` command: a thin shell over @headroom/model. */
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { CliError } from './errors.ts';
import { limitOptions, limitsFromFlags, limitsUsage } from './plan-limits.ts';
import { safeForTerminal } from './terminal.ts';

// Each command is imported when it runs: start-up is most of a CLI run, and `size` should not
// load the kit generators, the exporter or the HTTP clients (docs/benchmarks.md, CLI start-up).
const commands = {
  size: () => import('./commands/size.ts'),
  forecast: () => import('./commands/forecast.ts'),
  generate: () => import('./commands/generate.ts'),
  serve: () => import('./commands/serve.ts'),
  verify: () => import('./verify/command.ts'),
  push: () => import('./push/command.ts'),
  presets: () => import('./commands/presets.ts'),
  modelImport: () => import('./commands/model-import.ts'),
};

const USAGE = `usage: headroom <command> [options]

commands:
  size <plan> [--json]           size a plan: a readable report, or the Sizing JSON
  size <plan> --explain [NAME]   every figure with its formula, inputs and source, and the
                                 configurations an LLM's search compared
                                 (size exits 3 when the plan is not complete: an infeasible or
                                 unplaced workload; the report still prints, the reasons on stderr)
  size --preset NAME [--json]    size a bundled example plan
  forecast <plan> [--json] [--months N]
                                 size the plan month by month under spec.growth: GPUs, nodes per
                                 pool and cost per month, and the month each pool passes its
                                 maxNodes or a GPU quota (spec.cluster.quotas) is passed; N from 1
                                 to 120 (default spec.growth.months, else 12); exits 3 like size
                                 when the plan is not complete today (month 0); --preset NAME too
  generate <plan> --out DIR [--force] [--runbook-base-url URL] [--exporter-image REF]
         [--rule-labels k=v,...] [--service-monitor-labels k=v,...]
                                 write the verification kit: README.md, dashboards/, alerts/ (rules
                                 and promtool tests), kubernetes/, alertmanager/ (route fragment),
                                 exporter/ (bundle, plan, Dockerfile); the flags override the plan's
                                 spec.kit; refuses a non-empty DIR; --force replaces only a kit
                                 generated there before (listed in DIR/.headroom-kit.json)
  serve <plan> [--port 9464] [--host 0.0.0.0] [--web-config FILE]
                                 run the plan exporter (/metrics, /healthz, /plan); the plan
                                 reloads when the file changes or on SIGHUP; the plan limits
                                 (--max-* N) hold for every reload
  verify <plan> --prometheus URL [--range 7d] [--json] [--strict] [--write-plan FILE]
         [--token T | --basic user:pass] [--header 'Name: value']... [--timeout 30s]
                                 compare production with the deployed plan, workload by workload,
                                 with the alerts' queries and thresholds; exits 1 when any is
                                 under-provisioned, or with --strict when a signal has no data
  verify <plan> --prometheus URL --calibrate [--range 7d] [--write-plan FILE] [--json] [--strict]
                                 fit the plan's efficiencies (LLM memory bandwidth and prefill
                                 compute, serving service time and CPU per worker, pipeline
                                 throughput per core) from production; each with its error and
                                 points, or the reason it was refused; exits 1 when nothing fits
  push <dir> --grafana URL [--token T | --basic user:pass] [--folder NAME] [--dry-run]
                                 upload the kit's dashboards through Grafana's HTTP API
                                 (folder created if missing, overwrite by uid, idempotent)
  model import <config.json>     print a plan's model: block from a Hugging Face config.json,
                                 each value with the config key it came from (a plan can also
                                 say model: { config: ./config.json }, relative to the plan)
  schema                         print the plan's JSON Schema
  presets [--json]               list the bundled example plans
  init [--preset NAME] [--out FILE] [--force]
                                 print (or write) an example plan to start from

options:
  --debug                        show stack traces for errors
  -h, --help                     show this help

${limitsUsage}`;

export async function run(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      months: { type: 'string' },
      preset: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      'runbook-base-url': { type: 'string' },
      'exporter-image': { type: 'string' },
      'rule-labels': { type: 'string' },
      'service-monitor-labels': { type: 'string' },
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
      strict: { type: 'boolean', default: false },
      calibrate: { type: 'boolean', default: false },
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
      return withExitCode((await commands.size()).sizeCommand(values.preset !== undefined && values.explain ? undefined : args[0], {
        json: values.json,
        limits,
        explain: values.explain ? (values.preset !== undefined ? args[0] : args[1]) ?? true : false,
        ...(values.preset !== undefined ? { preset: values.preset } : {}),
      }));
    case 'forecast':
      noMoreThan(values.preset !== undefined ? 0 : 1);
      return withExitCode((await commands.forecast()).forecastCommand(values.preset !== undefined ? undefined : args[0], {
        json: values.json,
        limits,
        ...(values.months !== undefined ? { months: values.months } : {}),
        ...(values.preset !== undefined ? { preset: values.preset } : {}),
      }));
    case 'generate':
      noMoreThan(1);
      return (await commands.generate()).generateCommand(args[0], {
        force: values.force,
        limits,
        ...(values.out !== undefined ? { out: values.out } : {}),
        ...(values.preset !== undefined ? { preset: values.preset } : {}),
        ...(values['runbook-base-url'] !== undefined ? { runbookBaseUrl: values['runbook-base-url'] } : {}),
        ...(values['exporter-image'] !== undefined ? { exporterImage: values['exporter-image'] } : {}),
        ...(values['rule-labels'] !== undefined ? { ruleLabels: values['rule-labels'] } : {}),
        ...(values['service-monitor-labels'] !== undefined ? { serviceMonitorLabels: values['service-monitor-labels'] } : {}),
      });
    case 'serve':
      noMoreThan(1);
      return (await commands.serve()).serveCommand(args[0], {
        limits,
        ...(values.port !== undefined ? { port: values.port } : {}),
        ...(values.host !== undefined ? { host: values.host } : {}),
        ...(values['web-config'] !== undefined ? { webConfig: values['web-config'] } : {}),
      });
    case 'verify':
      noMoreThan(1);
      return (await commands.verify()).verifyCommand(values.preset !== undefined ? undefined : args[0], {
        json: values.json,
        strict: values.strict,
        calibrate: values.calibrate,
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
      return (await commands.push()).pushCommand(args[0], {
        dryRun: values['dry-run'],
        ...(values.grafana !== undefined ? { grafana: values.grafana } : {}),
        ...(values.token !== undefined ? { token: values.token } : {}),
        ...(values.basic !== undefined ? { basic: values.basic } : {}),
        ...(values.folder !== undefined ? { folder: values.folder } : {}),
      });
    case 'model':
      if (args[0] !== 'import') throw new CliError(`headroom model: unknown subcommand ${args[0] === undefined ? '(none)' : `"${args[0]}"`}; use: headroom model import <config.json>\n\n${USAGE}`, 2);
      if (args.length > 2) throw new CliError(`headroom model import: unexpected argument "${args[2]}"\n\n${USAGE}`, 2);
      return (await commands.modelImport()).modelImportCommand(args[1]);
    case 'schema':
      noMoreThan(0);
      return (await commands.presets()).schemaCommand();
    case 'presets':
      noMoreThan(0);
      return (await commands.presets()).presetsCommand({ json: values.json });
    case 'init':
      noMoreThan(0);
      return (await commands.presets()).initCommand({ force: values.force, ...(values.preset !== undefined ? { preset: values.preset } : {}), ...(values.out !== undefined ? { out: values.out } : {}) });
    default:
      throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 2);
  }
}

/** Prints a command's diagnostics on stderr and sets its exit code; returns what goes to stdout. */
function withExitCode(result: { output: string; exitCode: number; stderr: string }): string {
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
  return result.output;
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

// In the packed CLI, the exporter's bcrypt worker thread loads this same file; it must not run a command.
if (isMainThread) await main();
