/** Synthetic large plans for benchmarks: the bundled presets' workloads repeated under new names. */
import { parse } from 'yaml';
import { planPresets } from '@headroom/model';

interface PresetDoc { spec: { workloads: Record<string, unknown>[] } }

/** A plan of `count` workloads cycling through every preset's workloads, on one EKS cluster. */
export function syntheticPlan(count: number): Record<string, unknown> {
  const templates = planPresets.flatMap((p) => (parse(p.yaml) as PresetDoc).spec.workloads)
    // Node pools differ per preset; let Headroom choose pools for the synthetic plan.
    .map(({ nodePool: _ignored, ...w }) => w);
  // Each copy's load is scaled so replica counts differ from copy to copy, as across real services.
  const workloads = Array.from({ length: count }, (_, i) => scaleLoad({ ...templates[i % templates.length]!, name: `w${i}` }, 1 + (i % 10) * 0.5));
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

function scaleLoad(workload: Record<string, unknown>, factor: number): Record<string, unknown> {
  const scaled = structuredClone(workload) as Record<string, Record<string, unknown> | unknown>;
  const traffic = scaled.traffic as Record<string, number> | undefined;
  if (traffic) traffic.peakRequestsPerSecond = traffic.peakRequestsPerSecond! * factor;
  if (typeof scaled.items === 'number') scaled.items *= factor;
  const input = scaled.input as Record<string, unknown> | undefined;
  if (input) input.runsPerDay = Math.min(24, Math.round(Number(input.runsPerDay) * factor)) || 1;
  const dataset = scaled.dataset as Record<string, number> | undefined;
  if (dataset) dataset.tokens = dataset.tokens! * factor;
  return scaled;
}
