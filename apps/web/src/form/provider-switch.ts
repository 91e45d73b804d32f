/**
 * Switching the plan's provider in the form: one edit that writes spec.cluster.provider and moves
 * every node pool to the nearest instance type of the new provider (mapNodePools of
 * @headroom/model), changing only those values' characters. A pool whose GPU the new provider does
 * not carry keeps its instance type, so the schema's error shows at that field, and the mapping
 * says why. Pure: text in, text and mappings out.
 */
import { mapNodePools, type NodePoolMapping, type Provider } from '@headroom/model';
import { isMap, isScalar, isSeq, type ParsedNode } from 'yaml';
import { nodeAt, readPlanDocument, setField } from './plan-document.ts';

const PROVIDERS: readonly Provider[] = ['eks', 'gke', 'aks', 'generic'];
const isProvider = (value: unknown): value is Provider => PROVIDERS.includes(value as Provider);

export interface ProviderSwitch {
  text: string;
  from: Provider;
  to: Provider;
  /** One per node pool that names an instance type, in the plan's order. */
  pools: NodePoolMapping[];
}

/** The plan's node pools as written (name and instance type), skipping items that are not mappings. */
function writtenPools(text: string): { name: string; instanceType: string; index: number }[] {
  const read = readPlanDocument(text);
  if (!read.ok) return [];
  const list = nodeAt(read.document, ['spec', 'cluster', 'nodePools']);
  if (!isSeq(list)) return [];
  return (list.items as ParsedNode[]).flatMap((item, index) => {
    if (!isMap(item)) return [];
    const value = (key: string) => {
      const pair = item.items.find((p) => isScalar(p.key) && p.key.value === key);
      return isScalar(pair?.value) ? String(pair.value.value) : undefined;
    };
    const instanceType = value('instanceType');
    return instanceType === undefined ? [] : [{ name: value('name') ?? `#${index + 1}`, instanceType, index }];
  });
}

/** The current provider as written (the schema's default, generic, when absent or unknown). */
export function writtenProvider(text: string): Provider {
  const read = readPlanDocument(text);
  const node = read.ok ? nodeAt(read.document, ['spec', 'cluster', 'provider']) : undefined;
  const value = isScalar(node) ? node.value : undefined;
  return isProvider(value) ? value : 'generic';
}

/** The text with `to` as provider and each pool on its nearest instance type of `to`. */
export function switchProvider(text: string, to: Provider): ProviderSwitch {
  const from = writtenProvider(text);
  const pools = writtenPools(text);
  const mappings = mapNodePools(pools, from, to);
  let edited = setField(text, ['spec', 'cluster', 'provider'], to);
  mappings.forEach(({ mapping }, i) => {
    if (mapping.ok && mapping.changed) edited = setField(edited, ['spec', 'cluster', 'nodePools', pools[i]!.index, 'instanceType'], mapping.to);
  });
  return { text: edited, from, to, pools: mappings };
}
