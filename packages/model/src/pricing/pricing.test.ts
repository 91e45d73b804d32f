import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assumptionCatalog } from '../catalog/assumptions.ts';
import { findInstanceType, instanceTypes } from '../catalog/instance-types.ts';
import { publishedRates } from '../catalog/pricing-models.ts';
import { parsePlan } from '../schema/parse.ts';
import { sizePlan } from '../sizing/size-plan.ts';
import { sizeWorkloads, step } from '../testing.ts';

const HOURS_PER_MONTH = 730;

describe('published rates (catalog/pricing-models.ts)', () => {
  it('holds each figure with its source and the date it was read', () => {
    // SkyPilot catalog snapshot of AWS spot prices, highest us-east-1 zone (use1-az1).
    expect(publishedRates['g6.12xlarge']!.spot).toMatchObject({ usdPerHour: 2.0357, region: 'us-east-1', asOf: '2026-12-03' });
    // EC2 Instance Savings Plan, no upfront (third-party table, early 2026).
    expect(publishedRates['m5.xlarge']!['commit-1y']).toMatchObject({ usdPerHour: 0.120, region: 'us-east-1', asOf: '2026-12-03' });
    expect(publishedRates['m5.xlarge']!['commit-3y']).toMatchObject({ usdPerHour: 0.081, region: 'us-east-1', asOf: '2026-12-03' });
    // SkyPilot catalog snapshot of Azure spot prices, eastus.
    expect(publishedRates.Standard_NC24ads_A100_v4!.spot).toMatchObject({ usdPerHour: 0.444433, region: 'eastus', asOf: '2026-12-03' });
    expect(publishedRates.Standard_D8s_v5!.spot).toMatchObject({ usdPerHour: 0.04224, region: 'eastus', asOf: '2026-12-03' });
    expect(publishedRates.Standard_ND96isr_H100_v5).toBeUndefined();
    // Google's accelerator-optimized pricing page, A4 Spot per node.
    expect(publishedRates['a4-highgpu-8g']!.spot).toMatchObject({ usdPerHour: 39.63, region: 'us-central1', asOf: '2026-09-23' });
  });

  it('prices only catalog instance types, in their list price\'s region, below their on-demand price, every spot figure marked a snapshot', () => {
    for (const [id, rates] of Object.entries(publishedRates)) {
      const instance = instanceTypes.find((i) => i.id === id);
      expect(instance, id).toBeDefined();
      for (const [model, rate] of Object.entries(rates)) {
        expect(rate.region, `${id} ${model}`).toBe(instance!.priceRegion);
        expect(rate.usdPerHour, `${id} ${model}`).toBeLessThan(instance!.onDemandUsdPerHour);
        expect(rate.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(rate.source).toMatch(/https:\/\//);
        if (model === 'spot') expect(rate.source).toMatch(/SNAPSHOT/);
      }
    }
  });

  it('cites the published interruption frequency bands for its default rate', () => {
    expect(assumptionCatalog.spotInterruptionRatePerMonth.value).toBe(0.2);
    expect(assumptionCatalog.spotInterruptionRatePerMonth.source).toMatch(/Spot Instance Advisor.*<5%, 5-10%, 10-15%, 15-20% and >20%/);
  });
});

const plan = (spec: string, workloads: string) => `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: pricing, namespace: test }
spec:
${spec}  workloads:
${workloads}`;

const errorOf = (text: string) => {
  const parsed = parsePlan(text, 'plan.yaml');
  if (parsed.ok) throw new Error('expected the plan to be refused');
  return parsed.error.message;
};

const SERVING = `    - name: ranker
      kind: model-serving
      device: cpu
      traffic: { peakRequestsPerSecond: 50 }
      serviceTime: 20 ms
      model: { sizeBytes: 1 GiB }
      slo: { latencyP95: 200 ms }
`;
const TAGGING = `    - name: image-tags
      kind: batch-inference
      items: 8e6
      window: 5 h
      perItem: { gpuTime: 15 ms }
      accelerator: { gpu: L4-24GB }
      outputBytesPerItem: 512 B
`;
const trainingYaml = (checkpoints: string, deadline = '48 h') => `    - name: tune
      kind: training
      model: { parameters: 7e9 }
      method: lora
      dataset: { tokens: 5e8 }
      deadline: ${deadline}
      accelerator: { gpu: L4-24GB }
      checkpoints: ${checkpoints}
`;
const SPOT_L4 = '  cluster: { provider: eks, nodePools: [ { name: l4-spot, instanceType: g6.12xlarge, pricing: spot } ] }\n';

describe('spot only where the workload tolerates interruption', () => {
  it('refuses a service on a spot pool, naming the workload and the pool', () => {
    const message = errorOf(plan('  cluster: { provider: eks, nodePools: [ { name: cpu-spot, instanceType: m5.xlarge, pricing: commit-1y }, { name: l4-spot, instanceType: g6.12xlarge, pricing: spot } ] }\n',
      SERVING.replace('device: cpu', 'device: cpu\n      nodePool: l4-spot')));
    expect(message).toMatch(/spec\.workloads\.0\.nodePool|workloads\[0\]\.nodePool/);
    expect(message).toContain('workload "ranker" cannot run on spot pool "l4-spot"');
  });

  it('refuses training without a checkpoint interval on a spot pool', () => {
    const message = errorOf(plan(SPOT_L4, trainingYaml('{ keep: 2 }').replace('checkpoints:', 'nodePool: l4-spot\n      checkpoints:')));
    expect(message).toContain('without checkpoints.interval');
  });

  it('refuses a pricing model the catalog has no published figure for, naming the field', () => {
    const message = errorOf(plan('  cluster: { provider: eks, nodePools: [ { name: cpu, instanceType: m5.2xlarge, pricing: spot } ] }\n', TAGGING));
    expect(message).toMatch(/nodePools.*pricing/);
    expect(message).toContain('no published spot price for m5.2xlarge');
    expect(errorOf(plan('  cluster: { provider: eks, pricing: commit-3y, nodePools: [ { name: cpu, instanceType: m5.2xlarge } ] }\n', TAGGING)))
      .toMatch(/cluster.*pricing[\s\S]*no published commit-3y price for m5\.2xlarge/);
  });

  it('keeps a service on on-demand nodes when the plan\'s default is spot', () => {
    const sizing = sizeWorkloads(SERVING, '  cluster: { provider: eks, pricing: spot }\n');
    const pool = sizing.cluster.nodePools.find((p) => p.workloads.includes('ranker'))!;
    expect(pool.pricing).toBe('on-demand');
  });
});

describe('interruptions cost replicas or wall-clock (pricing/interruption.ts)', () => {
  const perNodeHour = 0.2 / HOURS_PER_MONTH;

  it('batch on spot: GPUs for the window divided by (1 − lost share), the run re-run share plus restart lost per interruption', () => {
    const onDemand = sizeWorkloads(TAGGING.replace('outputBytesPerItem', 'nodePool: l4\n      outputBytesPerItem'), '  cluster: { provider: eks, nodePools: [ { name: l4, instanceType: g6.12xlarge } ] }\n').workloads[0]!;
    const spot = sizeWorkloads(TAGGING.replace('outputBytesPerItem', 'nodePool: l4-spot\n      outputBytesPerItem'), SPOT_L4).workloads[0]!;
    const run = onDemand.details.wallClockSeconds!;
    expect(step(spot, 'spotInterruptionsPerNodeHour')).toBeCloseTo(perNodeHour, 12);
    expect(step(spot, 'spotLostSecondsPerInterruption')).toBeCloseTo(run / 2 + 600, 6);
    const lost = (perNodeHour * (run / 2 + 600)) / 3600;
    expect(step(spot, 'spotLostShare')).toBeCloseTo(lost, 12);
    // 8e6 items × 15 ms / 5 h / 0.7 target utilisation = 9.52 GPUs → 10 replicas either way at this rate.
    expect(spot.replicas.peak).toBe(Math.ceil((8e6 * 0.015) / 18_000 / 0.7 / (1 - lost)));
    expect(spot.replicas.peak).toBeGreaterThanOrEqual(onDemand.replicas.peak);
  });

  it('batch on spot at a high interruption rate needs more replicas than on-demand, and still fits the window', () => {
    const spot = sizeWorkloads(TAGGING.replace('outputBytesPerItem', 'nodePool: l4-spot\n      outputBytesPerItem'), `${SPOT_L4}  assumptions: { spotInterruptionRatePerMonth: 20 }\n`).workloads[0]!;
    const lost = step(spot, 'spotLostShare');
    expect(lost).toBeGreaterThan(0.05);
    expect(spot.replicas.peak).toBe(Math.ceil((8e6 * 0.015) / 18_000 / 0.7 / (1 - lost)));
    expect(spot.details.wallClockSeconds!).toBeLessThanOrEqual(18_000);
  });

  it('training on spot: wall-clock / (1 − nodes × rate × (interval / 2 + restart) / 3600), and past the deadline is infeasible', () => {
    const onDemand = sizeWorkloads(trainingYaml('{ keep: 2 }'), '  cluster: { provider: eks }\n').workloads[0]!;
    const spot = sizeWorkloads(trainingYaml('{ keep: 2, interval: 1 h }').replace('checkpoints:', 'nodePool: l4-spot\n      checkpoints:'), SPOT_L4).workloads[0]!;
    const nodes = spot.replicas.peak;
    const lost = (nodes * perNodeHour * (1800 + 600)) / 3600;
    expect(step(spot, 'spotLostSecondsPerInterruption')).toBe(2400);
    expect(step(spot, 'spotLostShare')).toBeCloseTo(lost, 12);
    expect(spot.details.wallClockSeconds).toBeCloseTo(step(spot, 'wallClockSeconds') / (1 - lost), 6);
    expect(step(spot, 'wallClockSeconds')).toBeCloseTo(onDemand.details.wallClockSeconds!, 6);
    const late = sizeWorkloads(trainingYaml('{ keep: 2, interval: 12 h }').replace('checkpoints:', 'nodePool: l4-spot\n      checkpoints:'), `${SPOT_L4}  assumptions: { spotInterruptionRatePerMonth: 30 }\n`).workloads[0]!;
    expect(late.feasible).toBe(false);
    expect(late.infeasible!.map((x) => x.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^SPOT_(MISSES_DEADLINE|NEVER_FINISHES)$/)]));
  });
});

describe('commitments (cluster/pool-cost.ts)', () => {
  it('bills a commitment for all 730 h at the published rate, naming the list price too', () => {
    const sizing = sizeWorkloads(SERVING.replace('device: cpu', 'device: cpu\n      nodePool: cpu'), '  cluster: { provider: eks, nodePools: [ { name: cpu, instanceType: m5.xlarge, pricing: commit-1y } ] }\n');
    const pool = sizing.cluster.nodePools[0]!;
    const cost = pool.explain.find((s) => s.id === 'costPerMonthUsd')!;
    expect(cost.inputs).toMatchObject({ onDemandUsdPerHour: 0.192, commitmentUsdPerHour: 0.120, hoursBilledPerMonth: 730 });
    expect(pool.costPerMonthUsd).toBeCloseTo(pool.nodes * 0.120 * 730, 9);
    expect(pool.usdPerHour).toBe(0.120);
  });

  it('reports a commitment on a part-time job pool that costs more than on-demand', () => {
    const batch = `    - name: scores
      kind: batch-inference
      items: 1e6
      window: 1 h
      perItem: { cpuTime: 5 ms }
      nodePool: cpu
`;
    const sizing = sizeWorkloads(batch, '  cluster: { provider: eks, nodePools: [ { name: cpu, instanceType: m5.xlarge, pricing: commit-3y } ] }\n');
    const pool = sizing.cluster.nodePools[0]!;
    expect(pool.costPerMonthUsd).toBeCloseTo(pool.nodes * 0.081 * 730, 9);
    expect(sizing.warnings.map((w) => w.code)).toContain('COMMITMENT_COSTS_MORE_THAN_ON_DEMAND');
  });
});

describe('showback (pricing/showback.ts)', () => {
  it('splits a pool by dominant share × hours, idle included', () => {
    const sizing = sizeWorkloads(`${SERVING}    - name: ranker-b
      kind: model-serving
      device: cpu
      traffic: { peakRequestsPerSecond: 150 }
      serviceTime: 20 ms
      model: { sizeBytes: 1 GiB }
      slo: { latencyP95: 200 ms }
`, '  cluster: { provider: eks, nodePools: [ { name: cpu, instanceType: m5.2xlarge } ] }\n');
    const [a, b] = sizing.workloads;
    const pool = sizing.cluster.nodePools[0]!;
    expect(a!.showback.costPerMonthUsd! + b!.showback.costPerMonthUsd!).toBeCloseTo(pool.costPerMonthUsd, 6);
    expect(b!.showback.costPerMonthUsd!).toBeGreaterThan(a!.showback.costPerMonthUsd!);
    expect(a!.showback.share + b!.showback.share).toBeCloseTo(1, 9);
  });
});

// Properties over random small plans.
const kindsYaml = {
  serving: (name: string, pool: string) => SERVING.replace('name: ranker', `name: ${name}`).replace('device: cpu', `device: cpu${pool}`),
  batch: (name: string, pool: string) => TAGGING.replace('name: image-tags', `name: ${name}`).replace('outputBytesPerItem', `${pool.trim() ? `${pool.trim()}\n      ` : ''}outputBytesPerItem`),
  pipeline: (name: string, pool: string) => `    - name: ${name}
      kind: data-pipeline
      input: { bytesPerRun: 200 GB, runsPerDay: 4 }
      window: 1 h
      throughputPerCore: 40 MB/s
      retention: 7 d${pool}
`,
  training: (name: string, pool: string, checkpointed = false) => trainingYaml(checkpointed ? '{ keep: 2, interval: 2 h }' : '{ keep: 2 }').replace('name: tune', `name: ${name}`).replace('checkpoints:', `${pool.trim() ? `${pool.trim()}\n      ` : ''}checkpoints:`),
};
const POOLS = [
  { name: 'gpu-spot', instanceType: 'g6.12xlarge', pricing: 'spot' },
  { name: 'gpu', instanceType: 'g6.12xlarge', pricing: 'on-demand' },
  { name: 'cpu-1y', instanceType: 'm5.xlarge', pricing: 'commit-1y' },
  { name: 'cpu', instanceType: 'm5.xlarge', pricing: 'on-demand' },
] as const;
const arbitraryPlan = fc.record({
  defaultPricing: fc.constantFrom('on-demand', 'spot'),
  workloads: fc.array(fc.record({ kind: fc.constantFrom('serving', 'batch', 'pipeline', 'training', 'training-checkpointed'), pool: fc.option(fc.constantFrom(...POOLS.map((p) => p.name)), { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
}).map(({ defaultPricing, workloads }) => plan(
  `  cluster: { provider: eks, pricing: ${defaultPricing}, nodePools: [ ${POOLS.map((p) => `{ name: ${p.name}, instanceType: ${p.instanceType}, pricing: ${p.pricing} }`).join(', ')} ] }\n`,
  workloads.map((w, i) => {
    const pool = w.pool ? `\n      nodePool: ${w.pool}` : '';
    return w.kind === 'serving' ? kindsYaml.serving(`w${i}`, pool)
      : w.kind === 'batch' ? kindsYaml.batch(`w${i}`, pool)
        : w.kind === 'pipeline' ? kindsYaml.pipeline(`w${i}`, pool)
        : kindsYaml.training(`w${i}`, pool, w.kind === 'training-checkpointed');
  }).join(''),
));

describe('pricing properties', () => {
  it('never places a workload that cannot be interrupted on a spot pool: refused or on-demand', () => {
    let onSpot = 0;
    let refused = 0;
    fc.assert(fc.property(arbitraryPlan, (text) => {
      const parsed = parsePlan(text, 'plan.yaml');
      if (!parsed.ok) {
        expect(parsed.error.message).toMatch(/cannot run on spot pool|no published/);
        refused += 1;
        return;
      }
      const sizing = sizePlan(parsed.plan);
      const spotPools = new Set(sizing.cluster.nodePools.filter((p) => p.pricing === 'spot').map((p) => p.name));
      for (const w of parsed.plan.spec.workloads) {
        const interruptible = w.kind === 'batch-inference' || w.kind === 'data-pipeline' || (w.kind === 'training' && w.checkpoints.interval !== undefined);
        const sized = sizing.workloads.find((x) => x.name === w.name)!;
        if (!interruptible) expect(spotPools.has(sized.nodePool), `${w.name} on ${sized.nodePool}`).toBe(false);
        if (spotPools.has(sized.nodePool)) {
          expect(sized.explain.some((s) => s.id === 'spotLostShare')).toBe(true);
          onSpot += 1;
        }
      }
    }), { numRuns: 40 });
    // The runs exercised both paths: workloads sized onto spot pools, and plans refused.
    expect(onSpot).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('showback sums to the cluster cost', () => {
    fc.assert(fc.property(arbitraryPlan, (text) => {
      const parsed = parsePlan(text, 'plan.yaml');
      if (!parsed.ok) return;
      const sizing = sizePlan(parsed.plan);
      if (sizing.cluster.costIsLowerBound) return;
      const sum = sizing.workloads.reduce((total, w) => total + w.showback.costPerMonthUsd!, 0);
      expect(sum).toBeCloseTo(sizing.cluster.costPerMonthUsd, 6);
    }), { numRuns: 40 });
  });

  it('a commitment never costs more per month than on-demand for the same pool of services; on job pools it is reported when it does', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2000 }), fc.constantFrom('commit-1y', 'commit-3y'), fc.boolean(), (rps, commitment, service) => {
      const workload = service
        ? SERVING.replace('peakRequestsPerSecond: 50', `peakRequestsPerSecond: ${rps}`).replace('device: cpu', 'device: cpu\n      nodePool: cpu')
        : `    - name: scores\n      kind: batch-inference\n      items: ${rps * 1e4}\n      window: 2 h\n      perItem: { cpuTime: 5 ms }\n      nodePool: cpu\n`;
      const at = (pricing: string) => sizeWorkloads(workload, `  cluster: { provider: eks, nodePools: [ { name: cpu, instanceType: m5.xlarge, pricing: ${pricing} } ] }\n`);
      const onDemand = at('on-demand');
      const committed = at(commitment);
      expect(committed.cluster.nodePools[0]!.nodes).toBe(onDemand.cluster.nodePools[0]!.nodes);
      if (service) expect(committed.cluster.costPerMonthUsd).toBeLessThanOrEqual(onDemand.cluster.costPerMonthUsd);
      else if (committed.cluster.costPerMonthUsd > onDemand.cluster.costPerMonthUsd) expect(committed.warnings.map((w) => w.code)).toContain('COMMITMENT_COSTS_MORE_THAN_ON_DEMAND');
    }), { numRuns: 40 });
  });
});

it('the instance types priced here exist in their provider\'s catalog', () => {
  expect(findInstanceType('eks', 'g6.12xlarge')).toBeDefined();
  expect(findInstanceType('gke', 'a4-highgpu-8g')).toBeDefined();
});

it('gives a workload with no known price no showback figure (null), not $0', () => {
  const sizing = sizeWorkloads(`    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 2, inputTokens: 500, outputTokens: 200 }
      accelerator: { gpu: H20-96GB }
`, '  cluster: { provider: eks }\n');
  expect(sizing.cluster.costIsLowerBound).toBe(true);
  expect(sizing.workloads[0]!.showback).toEqual({ costPerMonthUsd: null, share: 0 });
});

it('prices an AKS spot pool at the eastus snapshot, the list price beside it', () => {
  const sizing = sizeWorkloads(`    - name: embed
      kind: batch-inference
      items: 2e6
      window: 2 h
      perItem: { gpuTime: 10 ms }
      accelerator: { gpu: A100-PCIe-80GB }
      nodePool: a100-spot
`, '  cluster: { provider: aks, nodePools: [ { name: a100-spot, instanceType: Standard_NC24ads_A100_v4, pricing: spot } ] }\n');
  const pool = sizing.cluster.nodePools[0]!;
  const cost = pool.explain.find((s) => s.id === 'costPerMonthUsd')!;
  expect(cost.inputs).toMatchObject({ onDemandUsdPerHour: 3.673, spotUsdPerHour: 0.444433 });
  expect(cost.source).toMatch(/SkyPilot catalog .*azure.*eastus.*2026-12-03/);
  expect(pool.costPerMonthUsd).toBeCloseTo(pool.nodes * 0.444433 * pool.hoursPerMonth, 9);
});
