/**
 * inlineModelConfigs: the plan text a place without the config.json (the exporter in the cluster)
 * can parse, sizing exactly as the plan with its config.json does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sizePlan } from '../sizing/size-plan.ts';
import { inlineModelConfigs } from './inline-model-config.ts';
import type { ModelConfigReader } from './model-config.ts';
import { parsePlan } from './parse.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../catalog/hf-configs/${name}.json`, import.meta.url), 'utf8'));
const files: Record<string, unknown> = { './qwen3.json': fixture('qwen3-235b-a22b'), 'models/oss.json': fixture('gpt-oss-120b') };
const folder: ModelConfigReader = (path) => (path in files ? { ok: true, config: files[path] } : { ok: false, message: 'cannot read the config (no such file)' });

const text = `# The team's plan: this comment stays.
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: demo }
spec:
  workloads:
    - name: chat
      kind: llm-inference
      model: { config: ./qwen3.json, precision: fp8 }
      traffic: { peakRequestsPerSecond: 2, inputTokens: 1000, outputTokens: 200 }
    - name: oss
      kind: llm-inference
      model:
        config: models/oss.json
      traffic: { peakRequestsPerSecond: 1, inputTokens: 500, outputTokens: 100 } # keep me
    - name: plain
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 1, inputTokens: 500, outputTokens: 100 }
`;

const parsed = (plan: string, read?: ModelConfigReader) => {
  const result = parsePlan(plan, 'plan.yaml', read ? { readModelConfig: read } : {});
  if (!result.ok) throw new Error(result.error.message);
  return result.plan;
};

describe('inlineModelConfigs', () => {
  const inlined = inlineModelConfigs(text, folder);

  it('parses without any config.json and sizes exactly as the plan with its files', () => {
    expect(inlined).not.toContain('config:');
    const withFiles = sizePlan(parsed(text, folder));
    const alone = sizePlan(parsed(inlined));
    expect(alone.workloads.map((w) => [w.name, w.replicas, w.perReplica, w.details])).toEqual(withFiles.workloads.map((w) => [w.name, w.replicas, w.perReplica, w.details]));
  });

  it('keeps the plan\'s own fields over the imported ones, its comments, and names each file', () => {
    const model = (parsed(inlined).spec.workloads[0] as unknown as { model: Record<string, unknown> }).model;
    expect(model).toMatchObject({ precision: 'fp8', layers: 94, experts: 128 });
    expect(inlined).toContain('# The team\'s plan: this comment stays.');
    expect(inlined).toContain('# keep me');
    expect(inlined).toContain('Imported from ./qwen3.json');
    expect(inlined).toContain('Imported from models/oss.json');
    expect(inlined).toContain('model: { preset: llama-3.1-8b }');
  });

  it('leaves a plan without configs, or one whose config cannot be read, unchanged', () => {
    const plain = text.split('    - name: oss')[0]!.replace('{ config: ./qwen3.json, precision: fp8 }', '{ preset: llama-3.1-8b }');
    expect(inlineModelConfigs(plain, folder)).toBe(plain);
    expect(inlineModelConfigs(text, () => ({ ok: false, message: 'no such file' }))).toBe(text);
  });
});
