/**
 * `headroom model import` in-process, and `model: { config }` through the real command (one
 * subprocess): the path is read relative to the plan file, not the working directory.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
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

describe('model: { config } in a plan', () => {
  it('reads the config relative to the plan file and sizes it, the warnings on stderr', async () => {
    const plans = join(dir, 'plans');
    mkdirSync(join(plans, 'models'), { recursive: true });
    copyFileSync(fixture('gemma-3-27b'), join(plans, 'models', 'config.json'));
    writeFileSync(join(plans, 'plan.yaml'), `apiVersion: headroom/v1
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
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile('pnpm', ['-s', 'headroom', 'size', join(plans, 'plan.yaml'), '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
    expect(run.stderr).toMatch(/^headroom: warning: .*plan\.yaml:8:\d+: spec\.workloads\[0\]\.model\.config: models\/config\.json: the vision encoder is estimated/);
    expect(run.code).toBe(0);
    const workload = JSON.parse(run.stdout).workloads[0];
    expect(workload.perReplica.gpuModel).toBe('H100-SXM-80GB');
    // Gemma 3 27B: 2 × 62 layers × 16 KV heads × 128 × 2 bytes.
    expect(workload.details.kvCacheBytesPerToken).toBe(507_904);
  });
});
