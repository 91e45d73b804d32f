/**
 * Switching a plan's provider: each node pool's instance type mapped to the nearest instance type
 * the new provider offers. Nearest means, in order: the same GPU model (a pool whose GPU the new
 * provider does not carry is left for the user, with the reason); the same GPUs per node, else the
 * nearest count (said so, since replicas then pack differently); then the nearest vCPUs and memory
 * (the sum of the absolute log ratios, so 2× too big weighs as much as 2× too small); then the
 * cheaper on-demand price; then the id, so the answer is deterministic. Pure: catalog in, mapping out.
 */
import { findInstanceType } from '../catalog/instance-types.ts';
import type { InstanceType, Provider } from '../catalog/types.ts';
import { instanceTypesFor } from './catalog-lookup.ts';

export type InstanceTypeMapping =
  /** `to` is the instance type to use; `changed` false when `from` is already valid on the new provider. */
  | { ok: true; from: string; to: string; changed: boolean; /** What differs besides the name (GPU count). */ note?: string }
  /** No instance type of the new provider fits; the pool keeps `from`, which the schema will flag. */
  | { ok: false; from: string; reason: string };

const logDistance = (a: number, b: number) => Math.abs(Math.log(a / b));

const providerName: Record<Provider, string> = { eks: 'EKS', gke: 'GKE', aks: 'AKS', generic: 'a generic cluster' };

/** The instance type of `toProvider` nearest `instanceType` (named as on `fromProvider`). */
export function mapInstanceType(instanceType: string, fromProvider: Provider, toProvider: Provider): InstanceTypeMapping {
  const source = findInstanceType(fromProvider, instanceType) ?? findInstanceType('generic', instanceType);
  if (!source) return { ok: false, from: instanceType, reason: `"${instanceType}" is not an instance type in the catalog, so there is nothing to match on ${providerName[toProvider]}` };
  if (toProvider === 'generic' || source.provider === toProvider) return { ok: true, from: instanceType, to: source.id, changed: source.id !== instanceType };
  const offered = instanceTypesFor(toProvider);
  const candidates = source.gpus === 0 ? offered.filter((i) => i.gpus === 0) : offered.filter((i) => i.gpuModel === source.gpuModel);
  if (candidates.length === 0) {
    return { ok: false, from: instanceType, reason: `${providerName[toProvider]} offers no instance type with ${source.gpuModel} GPUs in the catalog; choose another GPU or instance type for this pool` };
  }
  const nearestCount = Math.min(...candidates.map((i) => logDistance(Math.max(i.gpus, 1), Math.max(source.gpus, 1))));
  const best = candidates
    .filter((i) => logDistance(Math.max(i.gpus, 1), Math.max(source.gpus, 1)) === nearestCount)
    .map((i) => ({ i, distance: logDistance(i.vcpus, source.vcpus) + logDistance(i.memoryBytes, source.memoryBytes) }))
    .sort((a, b) => a.distance - b.distance || a.i.onDemandUsdPerHour - b.i.onDemandUsdPerHour || a.i.id.localeCompare(b.i.id))[0]!.i;
  return { ok: true, from: instanceType, to: best.id, changed: true, ...(best.gpus !== source.gpus ? { note: gpuCountNote(source, best) } : {}) };
}

function gpuCountNote(source: InstanceType, target: InstanceType): string {
  return `${target.gpus} × ${target.gpuModel} per node instead of ${source.gpus}: ${providerName[target.provider]} has no ${source.gpus}-GPU shape of it, so replicas pack differently`;
}

export interface NodePoolMapping {
  pool: string;
  mapping: InstanceTypeMapping;
}

/** Every pool's mapping, in the plan's order. */
export function mapNodePools(pools: readonly { name: string; instanceType: string }[], fromProvider: Provider, toProvider: Provider): NodePoolMapping[] {
  return pools.map((pool) => ({ pool: pool.name, mapping: mapInstanceType(pool.instanceType, fromProvider, toProvider) }));
}
