/** Synthetic large plans for benchmarks: the bundled presets' workloads repeated under new names. */
import { parse } from 'yaml';
import { planPresets } from '@headroom/model';

interface PresetDoc { spec: { workloads: Record<string, unknown>[] } }

/** A plan of `count` workloads cycling through every preset's workloads, on one EKS cluster. */
export function syntheticPlan(count: number): Record<string, unknown> {
  const templates = planPresets.flatMap((p) => (parse(p.yaml) as PresetDoc).spec.workloads)
    // Node pools differ per preset; let Headroom choose pools for the synthetic plan.
    .map(({ nodePool: _ignored, ...w }) => w);
  const workloads = Array.from({ length: count }, (_, i) => ({ ...templates[i % templates.length]!, name: `w${i}` }));
  return {
    apiVersion: 'headroom/v1',
    kind: 'CapacityPlan',
    metadata: { name: `bench-${count}`, namespace: 'bench' },
    spec: {
      cluster: { provider: 'eks', nodePools: [{ name: 'general', instanceType: 'm5.2xlarge' }, { name: 'gpu', instanceType: 'p5.48xlarge' }] },
      workloads,
    },
  };
}
