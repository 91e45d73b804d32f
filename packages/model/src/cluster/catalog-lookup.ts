/** Catalog queries by provider: which instance types a plan may use, GPU prices and node shapes. */
import { instanceTypes } from '../catalog/instance-types.ts';
import type { GpuSpec, InstanceType, Provider } from '../catalog/types.ts';

/** Instance types a plan on `provider` can use; a generic cluster may use any catalog entry. */
export function instanceTypesFor(provider: Provider): readonly InstanceType[] {
  return provider === 'generic' ? instanceTypes : instanceTypes.filter((i) => i.provider === provider);
}

/** Cheapest on-demand USD per GPU-hour for `gpu` among the provider's instance types. */
export function gpuHourlyUsd(provider: Provider, gpu: GpuSpec): number | undefined {
  const prices = instanceTypesFor(provider).filter((i) => i.gpuModel === gpu.id).map((i) => i.onDemandUsdPerHour / i.gpus);
  return prices.length ? Math.min(...prices) : undefined;
}

/** GPUs per node for `gpu`: from the plan's pools first, else the largest catalog shape, else 8. */
export function gpusPerNode(provider: Provider, planPools: readonly InstanceType[], gpu: GpuSpec): number {
  const fromPlan = planPools.filter((i) => i.gpuModel === gpu.id).map((i) => i.gpus);
  if (fromPlan.length) return Math.max(...fromPlan);
  const fromCatalog = instanceTypesFor(provider).filter((i) => i.gpuModel === gpu.id).map((i) => i.gpus);
  return fromCatalog.length ? Math.max(...fromCatalog) : 8;
}

/** Most GPUs of `gpu` one node carries, among the plan's pools and the provider's catalog. */
export function maxGpusPerNode(provider: Provider, planPools: readonly InstanceType[], gpu: GpuSpec): number {
  const counts = [...planPools, ...instanceTypesFor(provider)].filter((i) => i.gpuModel === gpu.id).map((i) => i.gpus);
  return counts.length ? Math.max(...counts) : 8;
}

/** Fastest inter-node GPU network among the nodes (plan pools, then catalog) that carry `gpu`. */
export function gpuNetworkBytesPerSecond(provider: Provider, planPools: readonly InstanceType[], gpu: GpuSpec): number | undefined {
  const fromPlan = planPools.filter((i) => i.gpuModel === gpu.id);
  const shapes = fromPlan.length ? fromPlan : instanceTypesFor(provider).filter((i) => i.gpuModel === gpu.id);
  const rates = shapes.map((i) => i.gpuNetworkBytesPerSecond ?? 0).filter((r) => r > 0);
  return rates.length ? Math.max(...rates) : undefined;
}
