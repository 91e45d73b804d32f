import { describe, expect, it } from 'vitest';
import { ambiguousGpuName, findGpu, gpuNames } from './gpus.ts';
import { findInstanceType, instanceTypeNames } from './instance-types.ts';
import { findModelPreset, modelPresetNames } from './model-presets.ts';
import { editDistance, nameIndex, unknownNameMessage } from './names.ts';
import { parsePlan } from '../schema/parse.ts';
import { sizePlan } from '../sizing/size-plan.ts';

describe('GPU names', () => {
  it.each([
    ['h100-sxm-80gb', 'H100-SXM-80GB'],
    ['h100 sxm', 'H100-SXM-80GB'],
    ['H100-SXM5-80GB', 'H100-SXM-80GB'],
    ['H100-PCIe', 'H100-PCIe-80GB'],
    ['A100-40GB', 'A100-SXM-40GB'],
    ['a100_sxm4_40gb', 'A100-SXM-40GB'],
    ['mi300x', 'MI300X-192GB'],
    ['L4', 'L4-24GB'],
    ['A10G', 'A10G-24GB'],
    ['A10', 'A10-24GB'],
    ['H200', 'H200-SXM-141GB'],
    ['rtx-pro-6000', 'RTX-PRO-6000-96GB'],
  ])('%s is %s', (name, id) => {
    expect(findGpu(name)?.id).toBe(id);
  });

  it.each([
    ['H100', ['H100-SXM-80GB', 'H100-PCIe-80GB']],
    ['A100-80GB', ['A100-SXM-80GB', 'A100-PCIe-80GB']],
    ['a100', ['A100-SXM-40GB', 'A100-SXM-80GB', 'A100-PCIe-80GB']],
    ['A100-SXM', ['A100-SXM-40GB', 'A100-SXM-80GB']],
  ])('%s fits several GPUs: no alias, and a plan naming it is told which', (name, could) => {
    expect(findGpu(name)).toBeUndefined();
    expect(ambiguousGpuName(name)).toEqual(could);
    const result = parsePlan(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: names }
spec:
  workloads:
    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 2, inputTokens: 500, outputTokens: 100 }
      accelerator: { gpu: ${name} }
`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`GPU "${name}" could be ${could.slice(0, -1).join(', ')} or ${could.at(-1)}: name one`);
  });

  it('never lets an alias shadow a catalog id', () => {
    for (const id of gpuNames.ids) expect(findGpu(id)?.id).toBe(id);
  });

  it('suggests the nearest ids for an unknown GPU', () => {
    expect(unknownNameMessage('GPU', 'H100-XYZ', gpuNames)).toMatch(/^unknown GPU "H100-XYZ"; did you mean H100-PCIe-80GB or H100-SXM-80GB\?$/);
    expect(gpuNames.suggest('H10')).toContain('H100-SXM-80GB');
    expect(gpuNames.suggest('MI350X')).toContain('MI355X-288GB');
  });

  it('lists the known ids when nothing is close, and bounds the work on a long name', () => {
    expect(unknownNameMessage('GPU', 'quantum-accelerator-9000', gpuNames)).toMatch(/; known: T4-16GB, /);
    const long = 'x'.repeat(100_000);
    expect(gpuNames.suggest(long)).toEqual([]);
    expect(unknownNameMessage('GPU', long, gpuNames).length).toBeLessThan(2000);
  });
});

describe('instance type names', () => {
  it('matches whatever the case, and AKS sizes without Standard_', () => {
    expect(findInstanceType('eks', 'P5.48XLARGE')?.id).toBe('p5.48xlarge');
    expect(findInstanceType('aks', 'ND96isr_H100_v5')?.id).toBe('Standard_ND96isr_H100_v5');
    expect(findInstanceType('aks', 'standard-d8s-v5')?.id).toBe('Standard_D8s_v5');
    expect(findInstanceType('eks', 'n2-standard-8')).toBeUndefined();
    expect(findInstanceType('generic', 'n2-standard-8')?.provider).toBe('gke');
  });

  it('suggests near names of the provider', () => {
    expect(instanceTypeNames.eks.suggest('p5.48xlage')[0]).toBe('p5.48xlarge');
    expect(instanceTypeNames.gke.suggest('a3-highgpu')).toContain('a3-highgpu-8g');
  });
});

describe('model preset names', () => {
  it.each([
    ['meta-llama/Llama-3.1-8B-Instruct', 'llama-3.1-8b'],
    ['Llama-3.1-8B-Instruct', 'llama-3.1-8b'],
    ['LLAMA-3.1-70B', 'llama-3.1-70b'],
    ['Qwen/Qwen3-235B-A22B', 'qwen3-235b-a22b'],
    ['deepseek-ai/DeepSeek-R1', 'deepseek-r1'],
    ['openai/gpt-oss-120b', 'gpt-oss-120b'],
    ['google/gemma-3-27b-it', 'gemma-3-27b'],
    ['mistralai/Mistral-Small-24B-Instruct-2501', 'mistral-small-3'],
    ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'mixtral-8x7b'],
  ])('%s is %s', (name, id) => {
    expect(findModelPreset(name)?.id).toBe(id);
  });

  it('keeps every id plans and plan presets use', () => {
    for (const id of ['qwen3-235b-a22b', 'deepseek-v3', 'gpt-oss-120b', 'llama-3.1-70b', 'llama-3.1-8b', 'llama-3.1-405b', 'mistral-7b', 'llama-3.3-70b', 'gemma-2-9b']) {
      expect(findModelPreset(id)?.id).toBe(id);
    }
  });

  it('answers a near miss with the nearest presets', () => {
    // Llama 3 (8K context) is not Llama 3.1 (128K): no alias, a suggestion.
    expect(findModelPreset('llama-3-8b')).toBeUndefined();
    expect(modelPresetNames.suggest('llama-3-8b')).toContain('llama-3.1-8b');
    expect(unknownNameMessage('model preset', 'qwen3-253b-a22b', modelPresetNames)).toMatch(/did you mean qwen3-235b-a22b/);
  });
});

describe('name index', () => {
  it('gives an ambiguous alias to the first entry claiming it', () => {
    const index = nameIndex([{ id: 'a-1' }, { id: 'a-2' }], (e) => e.id, () => ['a']);
    expect(index.find('A')?.id).toBe('a-1');
  });

  it('computes the edit distance and stops past the limit', () => {
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
  });
});

describe('the Sizing reports canonical ids', () => {
  it('for a GPU short name, an instance type in another case and a preset by Hugging Face id', () => {
    const result = parsePlan(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: names }
spec:
  cluster: { provider: aks, nodePools: [ { name: gpu, instanceType: nd96isr_h100_v5 } ] }
  workloads:
    - name: chat
      kind: llm-inference
      model: { preset: meta-llama/Llama-3.1-8B-Instruct }
      traffic: { peakRequestsPerSecond: 2, inputTokens: 500, outputTokens: 100 }
      accelerator: { gpu: h100_sxm }
`);
    if (!result.ok) throw new Error(result.error.message);
    const sizing = sizePlan(result.plan);
    expect(sizing.workloads[0]!.perReplica.gpuModel).toBe('H100-SXM-80GB');
    expect(sizing.cluster.nodePools.map((p) => p.instanceType)).toContain('Standard_ND96isr_H100_v5');
    expect(sizing.workloads[0]!.explain.find((s) => s.id === 'weightsBytes')?.source).toMatch(/^Model preset llama-3\.1-8b \(https:\/\/huggingface\.co\/meta-llama\/Llama-3\.1-8B\/blob\/main\/config\.json\)\. /);
  });
});
