import { describe, expect, it } from 'vitest';
import { findInstanceType, instanceTypes } from '../catalog/instance-types.ts';
import type { Provider } from '../catalog/types.ts';
import { mapInstanceType, mapNodePools } from './provider-mapping.ts';

const providers = ['eks', 'gke', 'aks'] as const;
const target = (provider: Provider, id: string) => findInstanceType(provider, id)!;

describe('provider mapping', () => {
  it('maps the catalog\'s flagship shapes to their published counterparts', () => {
    // 8 × H100 SXM on each provider (AWS P5, GCP A3, Azure ND H100 v5).
    expect(mapInstanceType('p5.48xlarge', 'eks', 'gke')).toMatchObject({ ok: true, to: 'a3-highgpu-8g', changed: true });
    expect(mapInstanceType('p5.48xlarge', 'eks', 'aks')).toMatchObject({ ok: true, to: 'Standard_ND96isr_H100_v5' });
    // p5e and p5en carry the same 8 × H200, CPUs, memory and (catalog) price: the id breaks the tie.
    expect(mapInstanceType('a3-ultragpu-8g', 'gke', 'eks')).toMatchObject({ ok: true, to: 'p5e.48xlarge' });
    // General purpose: 8 vCPUs and 32 GiB on each.
    expect(mapInstanceType('m5.2xlarge', 'eks', 'gke')).toMatchObject({ ok: true, to: 'n2-standard-8' });
    expect(mapInstanceType('m5.2xlarge', 'eks', 'aks')).toMatchObject({ ok: true, to: 'Standard_D8s_v5' });
    expect(mapInstanceType('Standard_E8s_v5', 'aks', 'eks')).toMatchObject({ ok: true, to: 'r5.2xlarge' });
  });

  for (const from of providers) {
    for (const to of providers.filter((p) => p !== from)) {
      it(`every ${from} instance type maps to ${to} with the same GPU model, and the same count wherever ${to} has one`, () => {
        for (const source of instanceTypes.filter((i) => i.provider === from)) {
          const mapping = mapInstanceType(source.id, from, to);
          const sameModel = instanceTypes.filter((i) => i.provider === to && (source.gpus === 0 ? i.gpus === 0 : i.gpuModel === source.gpuModel));
          if (sameModel.length === 0) {
            expect(mapping.ok, source.id).toBe(false);
            if (!mapping.ok) expect(mapping.reason).toContain(source.gpuModel!);
            continue;
          }
          expect(mapping.ok, source.id).toBe(true);
          if (!mapping.ok) continue;
          const mapped = target(to, mapping.to);
          expect(mapped.provider).toBe(to);
          expect(mapped.gpus === 0 ? undefined : mapped.gpuModel, source.id).toBe(source.gpus === 0 ? undefined : source.gpuModel);
          if (sameModel.some((i) => i.gpus === source.gpus)) {
            expect(mapped.gpus, source.id).toBe(source.gpus);
            expect(mapping.note).toBeUndefined();
          } else {
            expect(mapping.note, source.id).toMatch(new RegExp(`^${mapped.gpus} × ${source.gpuModel} per node instead of ${source.gpus}`));
          }
          // Nothing of that GPU count is nearer in vCPUs and memory.
          const distance = (i: typeof source) => Math.abs(Math.log(i.vcpus / source.vcpus)) + Math.abs(Math.log(i.memoryBytes / source.memoryBytes));
          for (const other of sameModel.filter((i) => i.gpus === mapped.gpus)) expect(distance(mapped), `${source.id} -> ${mapped.id} vs ${other.id}`).toBeLessThanOrEqual(distance(other));
        }
      });
    }
  }

  it('says so when the new provider carries no such GPU, and leaves the pool', () => {
    const mapping = mapInstanceType('Standard_NC24ads_A100_v4', 'aks', 'eks');
    expect(mapping).toEqual({ ok: false, from: 'Standard_NC24ads_A100_v4', reason: 'EKS offers no instance type with A100-PCIe-80GB GPUs in the catalog; choose another GPU or instance type for this pool' });
  });

  it('keeps what is already valid: any type on a generic cluster, the provider\'s own types, canonical case', () => {
    expect(mapInstanceType('p5.48xlarge', 'eks', 'generic')).toEqual({ ok: true, from: 'p5.48xlarge', to: 'p5.48xlarge', changed: false });
    expect(mapInstanceType('n2-standard-8', 'generic', 'gke')).toEqual({ ok: true, from: 'n2-standard-8', to: 'n2-standard-8', changed: false });
    expect(mapInstanceType('P5.48XLARGE', 'eks', 'eks')).toEqual({ ok: true, from: 'P5.48XLARGE', to: 'p5.48xlarge', changed: true });
    expect(mapInstanceType('m5.2xlarge', 'generic', 'aks')).toMatchObject({ ok: true, to: 'Standard_D8s_v5' });
  });

  it('names an instance type the catalog does not know', () => {
    expect(mapInstanceType('x9.huge', 'eks', 'gke')).toEqual({ ok: false, from: 'x9.huge', reason: '"x9.huge" is not an instance type in the catalog, so there is nothing to match on GKE' });
  });

  it('maps every pool of a plan, in order', () => {
    const pools = [{ name: 'general', instanceType: 'm5.2xlarge' }, { name: 'gpu', instanceType: 'p5.48xlarge' }];
    expect(mapNodePools(pools, 'eks', 'gke').map((p) => [p.pool, p.mapping.ok && p.mapping.to])).toEqual([['general', 'n2-standard-8'], ['gpu', 'a3-highgpu-8g']]);
  });
});
