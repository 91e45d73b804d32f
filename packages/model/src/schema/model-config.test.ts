/**
 * `model: { config }` through parsePlan: the shell's reader hands over parsed JSON (here an
 * in-memory folder, standing in for the CLI's files), the imported fields fill the model, the
 * plan's own fields win, and every failure is an issue at model.config with its line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse.ts';
import type { ModelConfigReader } from './model-config.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../catalog/hf-configs/${name}.json`, import.meta.url), 'utf8'));

/** A folder of config.json files by the path a plan writes. */
function folder(files: Record<string, unknown>): ModelConfigReader {
  return (path) => (path in files ? { ok: true, config: files[path] } : { ok: false, message: 'cannot read the config (no such file)' });
}

function plan(model: string, kind = 'llm-inference'): string {
  const extra = kind === 'training'
    ? '      dataset: { tokens: 1e9 }\n      deadline: 24 h\n      accelerator: { gpu: H100-SXM }\n'
    : '      traffic: { peakRequestsPerSecond: 2, inputTokens: 1000, outputTokens: 200 }\n';
  return `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: demo }
spec:
  workloads:
    - name: chat
      kind: ${kind}
      model: ${model}
${extra}`;
}

type Model = Record<string, unknown>;
const modelOf = (result: ReturnType<typeof parsePlan>): Model => {
  if (!result.ok) throw new Error(result.error.message);
  return (result.plan.spec.workloads[0] as unknown as { model: Model }).model;
};

describe('model.config', () => {
  const files = folder({ './qwen3.json': fixture('qwen3-235b-a22b'), 'models/oss.json': fixture('gpt-oss-120b'), './gemma.json': fixture('gemma-3-27b') });

  it('fills the model from the config.json', () => {
    const model = modelOf(parsePlan(plan('{ config: ./qwen3.json }'), 'plan.yaml', { readModelConfig: files }));
    expect(model).toMatchObject({ layers: 94, kvHeads: 4, experts: 128, expertsPerToken: 8, parameters: 235_093_634_560, precision: 'bf16' });
  });

  it('lets the fields beside config override it', () => {
    const model = modelOf(parsePlan(plan('{ config: models/oss.json, precision: bf16, maxContextTokens: 32768 }'), 'plan.yaml', { readModelConfig: files }));
    expect(model).toMatchObject({ precision: 'bf16', maxContextTokens: 32_768, slidingWindow: 128, slidingWindowLayers: 18 });
  });

  it('works for training too', () => {
    const model = modelOf(parsePlan(plan('{ config: ./qwen3.json }', 'training'), 'plan.yaml', { readModelConfig: files }));
    expect(model).toMatchObject({ layers: 94, hiddenSize: 4096 });
  });

  it('passes the import\'s warnings on with the field and line', () => {
    const result = parsePlan(plan('{ config: ./gemma.json }'), 'plan.yaml', { readModelConfig: files });
    expect(result.ok && result.warnings).toEqual([expect.objectContaining({ path: 'spec.workloads[0].model.config', line: 8, message: expect.stringMatching(/^\.\/gemma\.json: the vision encoder is estimated/) })]);
  });

  it('reports a file the reader cannot read, at model.config', () => {
    const result = parsePlan(plan('{ config: ./missing.json }'), 'plan.yaml', { readModelConfig: files });
    expect(!result.ok && result.error.issues).toEqual([{ path: 'spec.workloads[0].model.config', message: './missing.json: cannot read the config (no such file)', line: 8, column: 24 }]);
  });

  it('reports a config.json it cannot size, naming its key', () => {
    const broken = folder({ './bad.json': { architectures: ['LlamaForCausalLM'], hidden_size: 4096 } });
    const result = parsePlan(plan('{ config: ./bad.json }'), 'plan.yaml', { readModelConfig: broken });
    expect(!result.ok && result.error.issues[0]!.message).toMatch(/^\.\/bad\.json is not a config\.json Headroom can size: num_hidden_layers \/ n_layer \/ num_layers: missing/);
  });

  it('refuses config with preset, and config where no reader exists (the browser)', () => {
    const both = parsePlan(plan('{ preset: llama-3.1-8b, config: ./qwen3.json }'), 'plan.yaml', { readModelConfig: files });
    expect(!both.ok && both.error.issues[0]!.message).toBe('give either preset or config, not both (fields beside config override it)');
    const noReader = parsePlan(plan('{ config: ./qwen3.json }'), 'plan.yaml');
    expect(!noReader.ok && noReader.error.issues[0]).toMatchObject({ path: 'spec.workloads[0].model.config', message: expect.stringMatching(/is read by the CLI, relative to the plan file/) });
  });

  it('is not a field of kinds without a transformer model', () => {
    const text = plan('{ config: ./qwen3.json }').replace('kind: llm-inference', 'kind: model-serving');
    const result = parsePlan(text, 'plan.yaml', { readModelConfig: files });
    expect(!result.ok && result.error.issues.map((i) => i.message)).toContain('unknown field "config"');
  });
});
