import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlan, sizePlan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { defaultPlanText } from '../state/store.ts';
import { importModelConfig } from './import-model-config.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../../packages/model/src/catalog/hf-configs', name), 'utf8');

describe('importing a config.json into a workload', () => {
  it('replaces the preset with the fields the config gives, and the plan sizes them', () => {
    const text = defaultPlanText();
    const result = importModelConfig(text, 0, fixture('qwen3-235b-a22b.json'), 'config.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const parsed = parsePlan(result.text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const workload = parsed.plan.spec.workloads[0]!;
    if (workload.kind !== 'llm-inference') throw new Error('the example plan starts with its LLM');
    const model = workload.model as unknown as Record<string, unknown>;
    expect(model.preset).toBeUndefined();
    expect(model.layers).toBe(94);
    expect(model.experts).toBe(128);
    expect(model.expertsPerToken).toBe(8);
    expect(model.parameters).toBe(result.imported.fields.parameters);
    expect(sizePlan(parsed.plan).workloads[0]!.details.tensorParallel).toBeGreaterThanOrEqual(1);
    // Nothing after the first workload changed.
    const rest = (t: string) => t.slice(t.indexOf('- name: ranker'));
    expect(rest(text).length).toBeGreaterThan(0);
    expect(rest(result.text)).toBe(rest(text));
  });

  it('names what is wrong with a file that is not a config.json, and leaves the plan alone', () => {
    const text = defaultPlanText();
    expect(importModelConfig(text, 0, '{ not json', 'x.json')).toMatchObject({ ok: false, message: expect.stringMatching(/^x\.json is not JSON/) });
    expect(importModelConfig(text, 0, '[1, 2]', 'list.json')).toMatchObject({ ok: false, message: expect.stringMatching(/^list\.json: a config\.json must be a JSON object/) });
    expect(importModelConfig(text, 0, JSON.stringify({ architectures: ['LlamaForCausalLM'] }), 'partial.json')).toMatchObject({ ok: false, message: expect.stringMatching(/^partial\.json: .*num_hidden_layers/) });
    expect(importModelConfig(text, 0, ' '.repeat(1024 * 1024 + 1), 'big.json')).toMatchObject({ ok: false, message: expect.stringMatching(/larger than 1024 KiB/) });
  });
});
