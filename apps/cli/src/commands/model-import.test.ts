/**
 * `headroom model import` in-process, and `model: { config }` through the real commands
 * (subprocesses): the path is read relative to the plan file, not the working directory; `generate`
 * ships the plan with the config inlined (the exporter in the cluster has no config.json), and both
 * the generated exporter and `headroom serve` serve it.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { parsePlan, sizePlan } from '@headroom/model';
import { parse } from 'yaml';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { modelConfigsBeside } from '../model-config-file.ts';
import { modelImportCommand } from './model-import.ts';

const root = resolve(import.meta.dirname, '../../../..');
const fixture = (name: string) => join(root, 'packages/model/src/catalog/hf-configs', `${name}.json`);
const dir = mkdtempSync(join(tmpdir(), 'headroom-model-import-'));

describe('headroom model import', () => {
  it('prints the model block, each value with the config key it came from', () => {
    const out = modelImportCommand(fixture('llama-4-maverick'));
    expect(out).toMatch(/^# from .*llama-4-maverick\.json: Llama4ForConditionalGeneration \(read as llama4\)\n/);
    expect(out).toMatch(/\nmodel:\n/);
    expect(out).toMatch(/\n {2}layers: 48 +# text_config\.num_hidden_layers\n/);
    expect(out).toMatch(/\n {2}experts: 128 +# text_config\.num_local_experts\n/);
    expect(out).toMatch(/\n {2}parameters: \d+ +# computed: embeddings \+ 48 layers of attention, norms and MLP\/experts \(24 MoE layers\) \+ vision encoder \(estimated\)/);
    expect(out).toMatch(/\n# warning: the vision encoder is estimated/);
  });

  it('leaves activeParameters out for a dense text model (it equals parameters)', () => {
    const out = modelImportCommand(fixture('llama-3.1-8b'));
    expect(out).toContain('  parameters: 8030261248');
    expect(out).not.toContain('activeParameters');
    expect(out).toMatch(/ {2}precision: bf16 +# torch_dtype\n/);
  });

  it('refuses an unreadable or unsizable file, naming it and the key', () => {
    expect(() => modelImportCommand(join(dir, 'nope.json'))).toThrow(/nope\.json: cannot read the config \(no such file\)/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "hidden_size": 4096, ');
    expect(() => modelImportCommand(bad)).toThrow(/bad\.json: not valid JSON/);
    writeFileSync(bad, JSON.stringify({ architectures: ['LlamaForCausalLM'], hidden_size: 4096, num_attention_heads: 32, vocab_size: 1000, intermediate_size: 10 }));
    expect(() => modelImportCommand(bad)).toThrow(CliError);
    expect(() => modelImportCommand(bad)).toThrow(/num_hidden_layers \/ n_layer \/ num_layers: missing/);
  });
});

const plans = join(dir, 'plans');
mkdirSync(join(plans, 'models'), { recursive: true });
copyFileSync(fixture('gemma-3-27b'), join(plans, 'models', 'config.json'));
const configPlan = join(plans, 'plan.yaml');
writeFileSync(configPlan, `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: gemma }
spec:
  workloads:
    - name: chat
      kind: llm-inference
      model: { config: models/config.json, maxContextTokens: 32768 }
      traffic: { peakRequestsPerSecond: 2, inputTokens: 1000, outputTokens: 200 }
      accelerator: { gpu: h100 sxm }
`);

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(command, args, { cwd: root, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Starts a long-running exporter on port 0, reads its URL from the log, scrapes /metrics and /plan, stops it. */
async function scrapeServed(command: string, args: string[], cwd: string): Promise<{ metrics: string; plan: { plan: { metadata: { name: string } }; sizing: { plan: { hash: string } } } }> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let log = '';
      child.stderr!.on('data', (chunk) => {
        log += chunk;
        const found = /on (http:\/\/\S+)\/metrics/.exec(log);
        if (found) resolve(found[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
    });
    return { metrics: await (await fetch(`${url}/metrics`)).text(), plan: await (await fetch(`${url}/plan`)).json() as never };
  } finally {
    child.kill('SIGTERM');
  }
}

describe('model: { config } in a plan', () => {
  it('reads the config relative to the plan file and sizes it, the warnings on stderr', async () => {
    const sized = await run('pnpm', ['-s', 'headroom', 'size', configPlan, '--json']);
    expect(sized.stderr).toMatch(/^headroom: warning: .*plan\.yaml:8:\d+: spec\.workloads\[0\]\.model\.config: models\/config\.json: the vision encoder is estimated/);
    expect(sized.code).toBe(0);
    const workload = JSON.parse(sized.stdout).workloads[0];
    expect(workload.perReplica.gpuModel).toBe('H100-SXM-80GB');
    // Gemma 3 27B: 2 × 62 layers × 16 KV heads × 128 × 2 bytes.
    expect(workload.details.kvCacheBytesPerToken).toBe(507_904);
  });

  it('generate ships the plan with the config inlined; the generated exporter serves it alone, and serve reads the config beside the plan', async () => {
    const kit = join(dir, 'kit');
    const generated = await run('pnpm', ['-s', 'headroom', 'generate', configPlan, '--out', kit]);
    expect(generated.code, generated.stderr).toBe(0);
    const shipped = readFileSync(join(kit, 'exporter', 'plan.yaml'), 'utf8');
    expect(shipped).not.toMatch(/config:/);
    expect(shipped).toContain('# Imported from models/config.json');
    // The ConfigMap the cluster's exporter reads holds the same text.
    const configMap = readFileSync(join(kit, 'kubernetes', 'exporter.yaml'), 'utf8').split(/^---$/m).map((doc) => parse(doc) as { kind?: string; data?: Record<string, string> }).find((doc) => doc?.kind === 'ConfigMap')!;
    expect(Object.values(configMap.data!)[0]).toBe(shipped);
    // Parsed with no reader at all (as in the cluster), it sizes as the plan with its config.json.
    const alone = parsePlan(shipped);
    if (!alone.ok) throw alone.error;
    const withConfig = parsePlan(readFileSync(configPlan, 'utf8'), configPlan, { readModelConfig: modelConfigsBeside(configPlan) });
    if (!withConfig.ok) throw withConfig.error;
    const [sizing, expected] = [sizePlan(alone.plan), sizePlan(withConfig.plan)];
    expect(sizing.workloads[0]!.perReplica).toEqual(expected.workloads[0]!.perReplica);
    expect(sizing.workloads[0]!.details).toEqual(expected.workloads[0]!.details);

    // The generated bundle, from a folder holding only the kit's exporter/ (no config.json).
    const bundled = await scrapeServed(process.execPath, ['headroom-exporter.mjs', 'serve', 'plan.yaml', '--port', '0', '--host', '127.0.0.1'], join(kit, 'exporter'));
    expect(bundled.metrics).toContain('headroom_plan_info{plan="gemma"');
    expect(bundled.metrics).toMatch(/headroom_plan_gpus\{plan="gemma",namespace="[^"]*",workload="chat",kind="llm-inference",scope="replica",gpu_model="H100-SXM-80GB"\} \d/);

    // headroom serve on the plan itself reads models/config.json beside it.
    const served = await scrapeServed('pnpm', ['-s', 'headroom', 'serve', configPlan, '--port', '0', '--host', '127.0.0.1'], root);
    expect(served.plan.plan.metadata.name).toBe('gemma');
    expect(served.metrics.match(/^headroom_plan_\w+\{[^}]*workload="chat"[^}]*\} .*$/gm)?.sort()).toEqual(bundled.metrics.match(/^headroom_plan_\w+\{[^}]*workload="chat"[^}]*\} .*$/gm)?.sort());
  });
});
