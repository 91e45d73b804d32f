import { parsePlan, planPresets } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { chooseModelPreset, searchModelPresets } from './model-picker.ts';

const example = planPresets.find((p) => p.name === 'chat-assistant')!.yaml;
const ids = (query: string) => searchModelPresets(query).map((m) => m.id);

describe('model picker search', () => {
  it('finds a preset by its Hugging Face id, whatever the case, first', () => {
    expect(ids('meta-llama/Llama-3.1-70B')[0]).toBe('llama-3.1-70b');
    expect(ids('META-LLAMA/LLAMA-3.1-70B-INSTRUCT')[0]).toBe('llama-3.1-70b');
    expect(ids('Qwen/Qwen3-8B')[0]).toBe('qwen3-8b');
  });

  it('finds by name words and by id prefix', () => {
    expect(ids('llama 3.1 8b')[0]).toBe('llama-3.1-8b');
    expect(ids('mixtral')).toContain('mixtral-8x7b');
    expect(ids('deepseek')).toEqual(expect.arrayContaining(['deepseek-v3', 'deepseek-r1']));
    for (const id of ids('qwen')) expect(id).toMatch(/qwen/);
  });

  it('lists nothing for a name no preset has, and at most eight', () => {
    expect(ids('no-such-model-xyz')).toEqual([]);
    expect(searchModelPresets('').length).toBe(8);
  });
});

describe('choosing a preset', () => {
  it('replaces the model\'s architecture fields with the preset and keeps its precision, in a plan that parses', () => {
    const text = chooseModelPreset(example, 0, 'llama-3.1-70b');
    expect(text).toContain('model: { precision: bf16, preset: llama-3.1-70b }');
    const parsed = parsePlan(text);
    expect(parsed.ok).toBe(true);
    // Only the chat-llm's model line changed.
    expect(text.split('\n').filter((line, i) => line !== example.split('\n')[i])).toEqual(['      model: { precision: bf16, preset: llama-3.1-70b }']);
  });
});
