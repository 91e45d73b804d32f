/**
 * Hostile plans through the CLI (issue 13): every structural case is an ordinary invalid plan
 * (exit 1, the file, the line, the limit and the flag that raises it), never "internal error".
 * The cases are checked in-process through the CLI's own plan loader, and the worst ones through
 * the real command as a subprocess (exit code, stderr, time to refuse a 50 MB plan).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './errors.ts';
import { loadPlanText, sizeLoadedPlan } from './plan-input.ts';
import { limitsFromFlags } from './plan-limits.ts';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'headroom-hostile-'));

function file(name: string, contents: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

function aliasBomb(): string {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

const header = 'apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: demo }\nspec:\n';

/** The CliError loading `path` raises. */
function refusal(path: string, limits = {}): CliError {
  try {
    loadPlanText(path, undefined, limits);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`${path} was accepted`);
}

describe('hostile plans through the CLI loader', () => {
  it.each([
    ['alias bomb', aliasBomb(), ':6:9: the plan exceeds a limit: at least 1111111 values after expanding aliases, over the limit of 200000 (expandedNodes); raise it with --max-expanded-nodes N'],
    ['undefined alias', `${header}  workloads: *nothing\n`, ':5:14: the alias *nothing names no anchor &nothing set before it'],
    ['recursive alias', `${header}  workloads: &w [*w]\n`, ':5:18: the alias *w refers to the value that contains it (a recursive alias)'],
    ['deep flow nesting', `${header}  workloads: ${'['.repeat(2000)}${']'.repeat(2000)}\n`, ':5: the plan exceeds a limit: at least 33 levels of nesting, over the limit of 32 (nestingDepth); raise it with --max-nesting-depth N'],
    ['deep block nesting', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), ':33: the plan exceeds a limit: at least 33 levels of nesting'],
    ['a million blank lines', `${'\n'.repeat(1_000_000)}a: 1\n`, ':50001: the plan exceeds a limit: at least 50001 lines, over the limit of 50000 (planLines); raise it with --max-plan-lines N'],
    ['duplicate key', `${header}  workloads: []\n  workloads: []\n`, ':6:3: not valid YAML or JSON: Map keys must be unique; "workloads" is repeated'],
    ['YAML syntax error', `${header}  workloads: [\n`, 'not valid YAML or JSON'],
  ])('%s: exit 1 with file, line and what is wrong', (name, text, expected) => {
    const path = file(`${name.replace(/ /g, '-')}.yaml`, text);
    const error = refusal(path);
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain(`${path}: the plan is not valid:\n  ${path}`);
    expect(error.message).toContain(expected);
  });

  it('a UTF-16 plan is named as such', () => {
    const path = file('utf16.yaml', new Uint8Array([0xff, 0xfe, ...Buffer.from('a: 1', 'utf16le')]));
    expect(refusal(path).message).toBe(`${path}: the plan must be UTF-8 text (found a UTF-16 or UTF-32 byte order mark)`);
  });

  it('reads no more of a large file than the limit, and reports its full size', () => {
    const text = `${header}  # ${'x'.repeat(3_000_000)}\n`;
    const path = file('huge.yaml', text);
    expect(refusal(path).message).toContain(`${path}:5: the plan exceeds a limit: ${Buffer.byteLength(text)} bytes, over the limit of 1048576 (planBytes); raise it with --max-plan-bytes N`);
    expect(refusal(path, limitsFromFlags({ 'max-plan-bytes': '4000000' })).message).toContain(`${path}:4:6: spec: must be a mapping (got null)`);
  });

  it('a ten-line plan that multiplies out to billions of replicas is refused as implausible, exit 1', () => {
    const path = file('hog.yaml', `${header}  workloads:\n    - { name: hog, kind: model-serving, traffic: { peakRequestsPerSecond: 1e7 }, serviceTime: 3600 s, model: { sizeBytes: 1 GiB } }\n`);
    const { plan, source } = loadPlanText(path, undefined);
    expect(() => sizeLoadedPlan(plan, source)).toThrow(expect.objectContaining({
      exitCode: 1, message: expect.stringContaining(`${path}: the plan is not plausible:\n  ${path}: spec.workloads[0]: "hog" would need 77,142,857,145 replicas`),
    }));
  });

  it('limit flags take whole numbers of at least 1, as a usage error otherwise', () => {
    expect(limitsFromFlags({ 'max-workloads': '5000', 'max-plan-bytes': '20000000' })).toEqual({ workloads: 5000, planBytes: 20_000_000 });
    for (const bad of ['0', '-1', '1.5', '1e6', 'many', '']) {
      expect(() => limitsFromFlags({ 'max-aliases': bad })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^--max-aliases must be a whole number of at least 1/) }));
    }
  });
});

interface Run { code: number; stdout: string; stderr: string; seconds: number }

function headroom(...args: string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((done) => {
    execFile('pnpm', ['-s', 'headroom', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

describe.concurrent('hostile plans through the headroom command', () => {
  it('a 50 MB plan is refused with exit 1, naming the limit and the flag', async () => {
    const text = `${header}  # ${'x'.repeat(50 * 1024 * 1024)}\n`;
    const path = file('50mb.yaml', text);
    const run = await headroom('size', path);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${path}:5: the plan exceeds a limit: ${Buffer.byteLength(text)} bytes, over the limit of 1048576 (planBytes); raise it with --max-plan-bytes N`);
  });

  it('an alias bomb given to generate is a plan error, not an internal error; --max-workloads applies', async () => {
    const bomb = file('bomb.yaml', aliasBomb());
    const many = file('many.yaml', `${header}  workloads:\n${Array.from({ length: 3 }, (_, i) => `    - { name: w${i}, kind: model-serving, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 25 ms, model: { sizeBytes: 1 GiB } }\n`).join('')}`);
    const [bombRun, manyRun] = await Promise.all([
      headroom('generate', bomb, '--out', join(dir, 'kit')),
      headroom('size', many, '--max-workloads', '2'),
    ]);
    expect(bombRun.code).toBe(1);
    expect(bombRun.stderr).toContain('(expandedNodes); raise it with --max-expanded-nodes N');
    expect(bombRun.stderr).not.toMatch(/internal error/);
    expect(manyRun.code).toBe(1);
    expect(manyRun.stderr).toContain(`${many}:6:5: spec.workloads: the plan exceeds a limit: 3 workloads, over the limit of 2 (workloads); raise it with --max-workloads N`);
  });

  it('verify prints neither the URL password nor a server\'s terminal escape sequences', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'bad \u001b]0;owned\u0007\u001b[2J query' }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const port = (server.address() as { port: number }).port;
      const run = await headroom('verify', '--preset', 'batch-scoring', '--prometheus', `http://alice:hunter2@127.0.0.1:${port}`);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Prometheus rejected the query (bad_data: bad \\u001b]0;owned\\u0007\\u001b[2J query)');
      expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(run.stderr).not.toContain('hunter2');
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});
