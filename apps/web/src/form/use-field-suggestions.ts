/**
 * The catalog values a text field offers while typing. Instance types are the plan's provider's
 * own (any provider's on a generic cluster), read from the last good plan so the list follows a
 * provider switch once it is sized; other fields offer their field-spec list.
 */
import { instanceTypes, type Provider } from '@headroom/model';
import { usePlanStore } from '../state/store-context.tsx';
import type { FieldSpec } from './field-spec.ts';

const byProvider = new Map<Provider, readonly string[]>();

export function instanceTypeSuggestions(provider: Provider): readonly string[] {
  let ids = byProvider.get(provider);
  if (!ids) {
    ids = instanceTypes.filter((i) => provider === 'generic' || i.provider === provider).map((i) => i.id);
    byProvider.set(provider, ids);
  }
  return ids;
}

export function useFieldSuggestions(field: FieldSpec): readonly string[] | undefined {
  const provider = usePlanStore((s) => s.results?.plan.spec.cluster.provider);
  if (field.control.type !== 'text') return undefined;
  if (field.key === 'instanceType' && provider !== undefined) return instanceTypeSuggestions(provider);
  return field.control.suggestions;
}
