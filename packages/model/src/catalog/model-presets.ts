/**
 * Model presets, each the import (hf-import/) of the model's published config.json as transcribed
 * under hf-configs/ (source: the `huggingFaceId` repository's config.json; which files were compared
 * with a public copy, and with which, is in hf-configs/README.md).
 * Parameter counts are computed from the architecture (hf-import/parameters.ts) and checked
 * against the published counts in hf-import/import.test.ts. A preset answers to its id, its
 * Hugging Face id, the repository name alone and its aliases, whatever the case (names.ts).
 *
 * Instruct checkpoints listed as aliases share the base model's architecture: their config.json
 * differs only in token ids and the transformers version that wrote it.
 */
import llama318b from './hf-configs/llama-3.1-8b.json' with { type: 'json' };
import llama3170b from './hf-configs/llama-3.1-70b.json' with { type: 'json' };
import llama31405b from './hf-configs/llama-3.1-405b.json' with { type: 'json' };
import llama3370b from './hf-configs/llama-3.3-70b.json' with { type: 'json' };
import llama4Scout from './hf-configs/llama-4-scout.json' with { type: 'json' };
import llama4Maverick from './hf-configs/llama-4-maverick.json' with { type: 'json' };
import llama27b from './hf-configs/llama-2-7b.json' with { type: 'json' };
import llama213b from './hf-configs/llama-2-13b.json' with { type: 'json' };
import llama270b from './hf-configs/llama-2-70b.json' with { type: 'json' };
import mistral7b from './hf-configs/mistral-7b.json' with { type: 'json' };
import mistralSmall3 from './hf-configs/mistral-small-3.json' with { type: 'json' };
import mixtral8x7b from './hf-configs/mixtral-8x7b.json' with { type: 'json' };
import qwen257b from './hf-configs/qwen2.5-7b.json' with { type: 'json' };
import qwen2572b from './hf-configs/qwen2.5-72b.json' with { type: 'json' };
import qwen38b from './hf-configs/qwen3-8b.json' with { type: 'json' };
import qwen332b from './hf-configs/qwen3-32b.json' with { type: 'json' };
import qwen330bA3b from './hf-configs/qwen3-30b-a3b.json' with { type: 'json' };
import qwen3235bA22b from './hf-configs/qwen3-235b-a22b.json' with { type: 'json' };
import deepseekV2 from './hf-configs/deepseek-v2.json' with { type: 'json' };
import deepseekV3 from './hf-configs/deepseek-v3.json' with { type: 'json' };
import deepseekR1 from './hf-configs/deepseek-r1.json' with { type: 'json' };
import gptOss20b from './hf-configs/gpt-oss-20b.json' with { type: 'json' };
import gptOss120b from './hf-configs/gpt-oss-120b.json' with { type: 'json' };
import gemma29b from './hf-configs/gemma-2-9b.json' with { type: 'json' };
import gemma327b from './hf-configs/gemma-3-27b.json' with { type: 'json' };
import phi3Mini from './hf-configs/phi-3-mini.json' with { type: 'json' };
import phi4 from './hf-configs/phi-4.json' with { type: 'json' };
import { importHfConfig } from './hf-import/import.ts';
import { nameIndex } from './names.ts';
import type { ModelArchitecture } from './types.ts';

const ASOF = '2026-11-25';

interface PresetSource {
  id: string;
  name: string;
  huggingFaceId: string;
  aliases: readonly string[];
  config: unknown;
}

const sources: readonly PresetSource[] = [
  { id: 'llama-3.1-8b', name: 'Llama 3.1 8B', huggingFaceId: 'meta-llama/Llama-3.1-8B', aliases: ['meta-llama/Llama-3.1-8B-Instruct',  'meta-llama/Meta-Llama-3.1-8B',  'meta-llama/Meta-Llama-3.1-8B-Instruct'], config: llama318b },
  { id: 'llama-3.1-70b', name: 'Llama 3.1 70B', huggingFaceId: 'meta-llama/Llama-3.1-70B', aliases: ['meta-llama/Llama-3.1-70B-Instruct',  'meta-llama/Meta-Llama-3.1-70B',  'meta-llama/Meta-Llama-3.1-70B-Instruct'], config: llama3170b },
  { id: 'llama-3.1-405b', name: 'Llama 3.1 405B', huggingFaceId: 'meta-llama/Llama-3.1-405B', aliases: ['meta-llama/Llama-3.1-405B-Instruct',  'meta-llama/Meta-Llama-3.1-405B',  'meta-llama/Meta-Llama-3.1-405B-Instruct'], config: llama31405b },
  { id: 'llama-3.3-70b', name: 'Llama 3.3 70B Instruct', huggingFaceId: 'meta-llama/Llama-3.3-70B-Instruct', aliases: [], config: llama3370b },
  { id: 'llama-4-scout', name: 'Llama 4 Scout 17B-16E Instruct', huggingFaceId: 'meta-llama/Llama-4-Scout-17B-16E-Instruct', aliases: ['meta-llama/Llama-4-Scout-17B-16E'], config: llama4Scout },
  { id: 'llama-4-maverick', name: 'Llama 4 Maverick 17B-128E Instruct', huggingFaceId: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct', aliases: ['meta-llama/Llama-4-Maverick-17B-128E'], config: llama4Maverick },
  { id: 'llama-2-7b', name: 'Llama 2 7B', huggingFaceId: 'meta-llama/Llama-2-7b-hf', aliases: ['meta-llama/Llama-2-7b-chat-hf'], config: llama27b },
  { id: 'llama-2-13b', name: 'Llama 2 13B', huggingFaceId: 'meta-llama/Llama-2-13b-hf', aliases: ['meta-llama/Llama-2-13b-chat-hf'], config: llama213b },
  { id: 'llama-2-70b', name: 'Llama 2 70B', huggingFaceId: 'meta-llama/Llama-2-70b-hf', aliases: ['meta-llama/Llama-2-70b-chat-hf'], config: llama270b },
  { id: 'mistral-7b', name: 'Mistral 7B v0.3', huggingFaceId: 'mistralai/Mistral-7B-v0.3', aliases: ['mistralai/Mistral-7B-Instruct-v0.3'], config: mistral7b },
  { id: 'mistral-small-3', name: 'Mistral Small 3 (24B Instruct 2501)', huggingFaceId: 'mistralai/Mistral-Small-24B-Instruct-2501', aliases: ['mistral-small-24b',  'mistralai/Mistral-Small-24B-Base-2501'], config: mistralSmall3 },
  { id: 'mixtral-8x7b', name: 'Mixtral 8x7B v0.1', huggingFaceId: 'mistralai/Mixtral-8x7B-v0.1', aliases: ['mistralai/Mixtral-8x7B-Instruct-v0.1'], config: mixtral8x7b },
  { id: 'qwen2.5-7b', name: 'Qwen2.5 7B Instruct', huggingFaceId: 'Qwen/Qwen2.5-7B-Instruct', aliases: [], config: qwen257b },
  { id: 'qwen2.5-72b', name: 'Qwen2.5 72B Instruct', huggingFaceId: 'Qwen/Qwen2.5-72B-Instruct', aliases: [], config: qwen2572b },
  { id: 'qwen3-8b', name: 'Qwen3 8B', huggingFaceId: 'Qwen/Qwen3-8B', aliases: [], config: qwen38b },
  { id: 'qwen3-32b', name: 'Qwen3 32B', huggingFaceId: 'Qwen/Qwen3-32B', aliases: [], config: qwen332b },
  { id: 'qwen3-30b-a3b', name: 'Qwen3 30B-A3B', huggingFaceId: 'Qwen/Qwen3-30B-A3B', aliases: [], config: qwen330bA3b },
  { id: 'qwen3-235b-a22b', name: 'Qwen3 235B-A22B', huggingFaceId: 'Qwen/Qwen3-235B-A22B', aliases: [], config: qwen3235bA22b },
  { id: 'deepseek-v2', name: 'DeepSeek-V2', huggingFaceId: 'deepseek-ai/DeepSeek-V2', aliases: ['deepseek-ai/DeepSeek-V2-Chat'], config: deepseekV2 },
  { id: 'deepseek-v3', name: 'DeepSeek-V3', huggingFaceId: 'deepseek-ai/DeepSeek-V3', aliases: ['deepseek-ai/DeepSeek-V3-Base'], config: deepseekV3 },
  { id: 'deepseek-r1', name: 'DeepSeek-R1', huggingFaceId: 'deepseek-ai/DeepSeek-R1', aliases: [], config: deepseekR1 },
  { id: 'gpt-oss-20b', name: 'gpt-oss-20b', huggingFaceId: 'openai/gpt-oss-20b', aliases: [], config: gptOss20b },
  { id: 'gpt-oss-120b', name: 'gpt-oss-120b', huggingFaceId: 'openai/gpt-oss-120b', aliases: [], config: gptOss120b },
  { id: 'gemma-2-9b', name: 'Gemma 2 9B', huggingFaceId: 'google/gemma-2-9b', aliases: ['google/gemma-2-9b-it'], config: gemma29b },
  { id: 'gemma-3-27b', name: 'Gemma 3 27B Instruct', huggingFaceId: 'google/gemma-3-27b-it', aliases: ['google/gemma-3-27b-pt'], config: gemma327b },
  { id: 'phi-3-mini', name: 'Phi-3 mini 4K Instruct', huggingFaceId: 'microsoft/Phi-3-mini-4k-instruct', aliases: [], config: phi3Mini },
  { id: 'phi-4', name: 'Phi-4 (14B)', huggingFaceId: 'microsoft/phi-4', aliases: [], config: phi4 },
];

/** The preset a fixture imports to; a fixture the importer refuses is a bug in this file, caught at load. */
function presetFromConfig(source: PresetSource): ModelArchitecture {
  const imported = importHfConfig(source.config);
  if (!imported.ok) throw new Error(`model preset ${source.id}: its config.json does not import: ${imported.errors.join('; ')}`);
  const { maxContextTokens, ...fields } = imported.model.fields;
  if (maxContextTokens === undefined) throw new Error(`model preset ${source.id}: its config.json states no max_position_embeddings`);
  return {
    id: source.id, name: source.name, huggingFaceId: source.huggingFaceId, aliases: source.aliases,
    ...fields,
    maxContextTokens,
    source: `https://huggingface.co/${source.huggingFaceId}/blob/main/config.json`, asOf: ASOF,
  };
}

export const modelPresets: readonly ModelArchitecture[] = sources.map(presetFromConfig);

/** Preset ids, Hugging Face ids (with and without the organisation) and aliases. */
export const modelPresetNames = nameIndex(modelPresets, (m) => m.id, (m) => [m.huggingFaceId, m.huggingFaceId.split('/')[1]!, ...m.aliases, ...m.aliases.map((a) => a.split('/').at(-1)!)]);

export function findModelPreset(id: string): ModelArchitecture | undefined {
  return modelPresetNames.find(id);
}
