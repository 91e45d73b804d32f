/** Plausibility bounds: a plan that multiplies out to billions of replicas is a named error; the presets are plausible. */
import { describe, expect, it } from 'vitest';
import { planPresets } from '../presets/index.ts';
import { parsePlan } from '../schema/parse.ts';
import { implausibleFigures, implausibleInput, INPUT_PLAUSIBILITY } from './plausibility.ts';
import { sizePlan } from './size-plan.ts';

function sized(text: string) {
  const parsed = parsePlan(text);
  if (!parsed.ok) throw parsed.error;
  return sizePlan(parsed.plan);
}

const plan = (workload: string) => `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: demo }
spec:
  cluster: { provider: eks, nodePools: [ { name: general, instanceType: m5.xlarge } ] }
  workloads:
    - ${workload}
`;

describe('implausibleFigures', () => {
  it('names the workload, the replicas and the bound for 10 million requests/s held an hour each', () => {
    const issues = implausibleFigures(sized(plan('{ name: hog, kind: model-serving, traffic: { peakRequestsPerSecond: 1e7 }, serviceTime: 3600 s, model: { sizeBytes: 1 GiB } }')));
    expect(issues[0]).toEqual({ path: 'spec.workloads[0]', message: expect.stringMatching(/^"hog" would need 77,142,857,145 replicas, beyond the plausible maximum of 150,000 \(Kubernetes/) });
    expect(issues.some((i) => i.path === 'spec.cluster.nodePools' && /node pool "general" would need [\d,]+ nodes, beyond the plausible maximum of 65,000/.test(i.message))).toBe(true);
  });

  it('names GPUs beyond any announced cluster', () => {
    const issues = implausibleFigures(sized(plan('{ name: batch, kind: batch-inference, items: 1e15, window: 1 h, perItem: { gpuTime: 1 s }, accelerator: { gpu: T4-16GB } }')));
    expect(issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/^"batch" would need [\d,]+ GPUs, beyond the plausible maximum of 100,000/));
  });

  it('finds nothing implausible in the bundled presets, nor with the largest maxReplicas the schema takes', () => {
    for (const preset of planPresets) expect(implausibleFigures(sized(preset.yaml)), preset.name).toEqual([]);
    const atBound = sized(plan(`{ name: edge, kind: model-serving, traffic: { peakRequestsPerSecond: 1000 }, serviceTime: 1 s, workersPerReplica: 1, model: { sizeBytes: 1 GiB }, maxReplicas: 100000 }`));
    expect(implausibleFigures(atBound).filter((i) => i.message.includes('replicas'))).toEqual([]);
  });
});

describe('implausibleInput', () => {
  it('warns of a TTFT SLO of 60 s or 0.1 ms, an ITL of 0.1 ms, a model of 80 bytes and 8 parameters', () => {
    expect(implausibleInput('slo.timeToFirstToken', 60)).toMatchObject({ side: 'above', limit: 30, unit: 's' });
    expect(implausibleInput('slo.timeToFirstToken', 0.0001)).toMatchObject({ side: 'below', limit: 0.05 });
    expect(implausibleInput('slo.interTokenLatency', 0.0001)).toMatchObject({ side: 'below' });
    expect(implausibleInput('model.sizeBytes', 80)?.why).toMatch(/bare number is read as bytes/);
    expect(implausibleInput('model.parameters', 8)).toMatchObject({ side: 'below', unit: '' });
    expect(implausibleInput('slo.timeToFirstToken', 1)).toBeUndefined();
    expect(implausibleInput('traffic.inputTokens', 1e12)).toBeUndefined();
  });

  it('never warns of a bundled preset\'s own values', () => {
    for (const preset of planPresets) {
      const parsed = parsePlan(preset.yaml);
      if (!parsed.ok) throw parsed.error;
      for (const workload of parsed.plan.spec.workloads) {
        for (const path of Object.keys(INPUT_PLAUSIBILITY)) {
          const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], workload);
          if (typeof value === 'number') expect(implausibleInput(path, value), `${preset.name}/${workload.name} ${path} = ${value}`).toBeUndefined();
        }
      }
    }
  });

  it('has ranges that are ranges', () => {
    for (const [path, bounds] of Object.entries(INPUT_PLAUSIBILITY)) expect(bounds.min, path).toBeLessThan(bounds.max);
  });
});
