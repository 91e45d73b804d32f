import { parsePlan, planPresets } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { switchProvider, writtenProvider } from './provider-switch.ts';

const example = planPresets.find((p) => p.name === 'chat-assistant')!.yaml;

describe('switchProvider', () => {
  it('moves every pool of the example to the nearest GKE shape in one edit that parses, changing only those values', () => {
    const switched = switchProvider(example, 'gke');
    expect(switched.from).toBe('eks');
    expect(switched.pools.map((p) => [p.pool, p.mapping.ok && p.mapping.to])).toEqual([['general', 'n2-standard-8'], ['gpu', 'a3-highgpu-8g']]);
    expect(switched.text).toBe(example.replace('provider: eks', 'provider: gke').replace('instanceType: m5.2xlarge', 'instanceType: n2-standard-8').replace('instanceType: p5.48xlarge', 'instanceType: a3-highgpu-8g'));
    const parsed = parsePlan(switched.text);
    expect(parsed.ok).toBe(true);
  });

  it('leaves a pool whose GPU the new provider lacks, so the schema names it', () => {
    const aks = example.replace('provider: eks', 'provider: aks').replace('instanceType: m5.2xlarge', 'instanceType: Standard_D8s_v5').replace('instanceType: p5.48xlarge', 'instanceType: Standard_NV36ads_A10_v5');
    const switched = switchProvider(aks, 'eks');
    const gpu = switched.pools.find((p) => p.pool === 'gpu')!;
    expect(gpu.mapping).toMatchObject({ ok: false, reason: expect.stringContaining('A10-24GB') });
    expect(switched.text).toContain('instanceType: Standard_NV36ads_A10_v5');
    expect(switched.text).toContain('instanceType: m5.2xlarge');
    const parsed = parsePlan(switched.text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.issues.map((i) => i.path)).toContain('spec.cluster.nodePools[1].instanceType');
  });

  it('writes a provider where the plan had none (generic by default), keeping any-provider types valid on generic', () => {
    const bare = example.replace('    provider: eks\n', '');
    expect(writtenProvider(bare)).toBe('generic');
    expect(switchProvider(example, 'generic').text).toBe(example.replace('provider: eks', 'provider: generic'));
  });
});
