/**
 * The plan text the exporter's ConfigMap holds when the caller has no original text. A validated
 * plan is not plan input: GPU ids have become catalog entries and model architectures may have
 * been estimated. This turns it back into input the exporter can parse again (GPU entries become
 * their ids; estimated architecture fields are dropped, so they are estimated the same way again).
 * The original text (with its comments) is better; callers that have it should pass it.
 */
import type { Plan } from '@headroom/model';
import { stringify } from 'yaml';

const ESTIMATED_FIELDS = ['layers', 'hiddenSize', 'attentionHeads', 'kvHeads', 'headDim', 'estimatedArchitecture'];

const isGpuSpec = (value: Record<string, unknown>): boolean =>
  typeof value.id === 'string' && typeof value.kubernetesResource === 'string' && typeof value.memoryBytes === 'number';

function toInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toInput);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (isGpuSpec(object)) return object.id;
  const dropped = object.estimatedArchitecture === true ? ESTIMATED_FIELDS : 'estimatedArchitecture' in object ? ['estimatedArchitecture'] : [];
  return Object.fromEntries(Object.entries(object).filter(([key, v]) => v !== undefined && !dropped.includes(key)).map(([key, v]) => [key, toInput(v)]));
}

export function planText(plan: Plan): string {
  return stringify(toInput(plan), { lineWidth: 0, aliasDuplicateObjects: false });
}
