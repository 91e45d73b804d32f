/**
 * Property tests of the growth forecast (issue 18): more growth never runs a limit out later, GPUs
 * never fall while every load grows, and zero growth repeats `headroom size` every month. Plans
 * are generated as a user would write them: CPU serving, GPU batch, pipelines and an LLM with a
 * fixed tensor-parallel degree, on pools with maxNodes and GPU quotas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastPlan, sizePlan, validatePlan, type Forecast, type Plan, type PlanInput } from '@headroom/model';

type WorkloadInput = PlanInput['spec']['workloads'][number];
const runs = (numRuns: number) => ({ numRuns: Math.ceil(numRuns * Number(process.env.HEADROOM_PROPERTY_RUNS ?? 1)) });
const HORIZON = 6;

const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map((x) => Number(Math.exp(x).toPrecision(4)));

const workload: fc.Arbitrary<Omit<WorkloadInput, 'name'>> = fc.oneof(
  fc.record({ rps: logUniform(1, 2000), serviceMs: logUniform(5, 200) }).map(({ rps, serviceMs }) => ({
    kind: 'model-serving' as const, device: 'cpu' as const, traffic: { peakRequestsPerSecond: rps }, serviceTime: serviceMs / 1000, workersPerReplica: 2, model: { sizeBytes: 2 ** 28 },
  })),
  fc.record({ items: logUniform(1e4, 1e7), windowHours: fc.integer({ min: 1, max: 10 }), gpuMs: logUniform(1, 50) }).map(({ items, windowHours, gpuMs }) => ({
    kind: 'batch-inference' as const, items, window: windowHours * 3600, perItem: { gpuTime: gpuMs / 1000 }, accelerator: { gpu: 'L4-24GB' },
  })),
  fc.record({ gb: logUniform(1, 5000), runsPerDay: fc.constantFrom(1, 4, 24) }).map(({ gb, runsPerDay }) => ({
    kind: 'data-pipeline' as const, input: { bytesPerRun: gb * 1e9, runsPerDay }, window: 3000, throughputPerCore: 40e6, retention: 86_400 * 7,
  })),
  logUniform(0.1, 50).map((rps) => ({
    kind: 'llm-inference' as const, model: { preset: 'llama-3.1-8b' }, traffic: { peakRequestsPerSecond: rps, inputTokens: 800, outputTokens: 200 },
    accelerator: { gpu: 'H100-SXM-80GB', tensorParallel: 1 as const },
  })),
);

const planArb = fc.record({
  workloads: fc.array(workload, { minLength: 1, maxLength: 3 }),
  maxNodes: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10 })),
  quota: fc.integer({ min: 0, max: 200 }),
});

type PlanShape = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

function buildPlan({ workloads, maxNodes, quota }: PlanShape, monthly: number): Plan {
  const input: PlanInput = {
    apiVersion: 'headroom/v1', kind: 'CapacityPlan', metadata: { name: 'prop' },
    spec: {
      growth: { monthly, months: HORIZON },
      cluster: {
        provider: 'eks',
        nodePools: [
          { name: 'general', instanceType: 'm5.2xlarge', maxNodes: maxNodes[0] },
          { name: 'l4', instanceType: 'g6.xlarge', maxNodes: maxNodes[1] },
          { name: 'h100', instanceType: 'p5.48xlarge', maxNodes: maxNodes[2] },
        ],
        quotas: { totalGpus: quota },
      },
      workloads: workloads.map((w, i) => ({ ...w, name: `w${i}` }) as WorkloadInput),
    },
  };
  const validated = validatePlan(input);
  if (!validated.ok) throw validated.error;
  return validated.plan;
}

/** First month per exhaustion (kind and pool or quota). */
const firstMonths = (f: Forecast) => new Map(f.exhaustion.map((e) => [`${e.kind}/${e.kind === 'quota' ? e.gpuModel : e.pool}`, e.month]));

describe('forecast properties', () => {
  it('more growth never runs a limit out later', () => {
    fc.assert(fc.property(planArb, logUniform(0.01, 1), logUniform(1.01, 3), (p, rate, factor) => {
      const slow = firstMonths(forecastPlan(buildPlan(p, rate)));
      const fast = firstMonths(forecastPlan(buildPlan(p, Math.min(10, rate * factor))));
      for (const [limit, month] of slow) {
        expect(fast.has(limit), `${limit} exhausted at month ${month} under ${rate}/month but never under ${rate * factor}`).toBe(true);
        expect(fast.get(limit)!).toBeLessThanOrEqual(month);
      }
    }), runs(25));
  });

  it('GPUs never fall from one month to the next under positive growth', () => {
    fc.assert(fc.property(planArb, logUniform(0.01, 2), (p, rate) => {
      const gpus = forecastPlan(buildPlan(p, rate)).months.map((m) => m.gpus);
      gpus.slice(1).forEach((g, i) => expect(g, `month ${i + 1} after ${gpus[i]}: ${gpus.join(', ')}`).toBeGreaterThanOrEqual(gpus[i]!));
    }), runs(25));
  });

  it('zero growth gives every month the figures of headroom size', () => {
    fc.assert(fc.property(planArb, (p) => {
      const plan = buildPlan(p, 0);
      const sizing = sizePlan(plan);
      const nodes = sizing.cluster.nodePools.reduce((n, pool) => n + pool.nodesNeeded, 0);
      const forecast = forecastPlan(plan);
      for (const m of forecast.months) {
        expect({ gpus: m.gpus, nodes: m.nodes, cost: m.costPerMonthUsd, complete: m.complete })
          .toEqual({ gpus: sizing.cluster.totals.gpus, nodes, cost: sizing.cluster.costPerMonthUsd, complete: sizing.complete });
      }
      const exhaustedToday = sizing.cluster.nodePools.filter((pool) => pool.maxNodes !== undefined && pool.nodesNeeded > pool.maxNodes).length
        + sizing.cluster.quotas.filter((q) => q.exceeded).length;
      expect(forecast.exhaustion.filter((e) => e.month === 0)).toHaveLength(exhaustedToday);
      expect(forecast.exhaustion.every((e) => e.month === 0)).toBe(true);
    }), runs(20));
  });
});
