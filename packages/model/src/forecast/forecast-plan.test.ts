import { describe, expect, it } from 'vitest';
import { parsePlan } from '../schema/parse.ts';
import { sizePlan } from '../sizing/size-plan.ts';
import { calendarMonth, forecastPlan } from './forecast-plan.ts';

const plan = (spec: string, workloads: string) => {
  const parsed = parsePlan(`apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: ref }\nspec:\n${spec}  workloads:\n${workloads}`);
  if (!parsed.ok) throw parsed.error;
  return parsed.plan;
};

const embed = `    - name: embed
      kind: batch-inference
      items: 1e6
      window: 1 h
      perItem: { gpuTime: 10 ms }
      accelerator: { gpu: L4-24GB }
`;
const l4Pool = '  cluster: { provider: eks, nodePools: [ { name: l4, instanceType: g6.xlarge, maxNodes: 8 } ], quotas: { gpus: { L4-24GB: 12 } } }\n';

describe('forecastPlan', () => {
  it('matches a hand-computed batch job growing 50 % a month', () => {
    const forecast = forecastPlan(plan(`  growth: { monthly: 0.5, months: 4, start: 2026-12-01 }\n${l4Pool}`, embed));
    // GPUs = ceil(items × 1.5^m / 3600 s × 10 ms / 0.7): 1e6 → 3.97 → 4; 1.5e6 → 5.95 → 6; 2.25e6 → 8.93 → 9;
    // 3.375e6 → 13.39 → 14; 5.0625e6 → 20.09 → 21. One L4 per g6.xlarge node, so nodes = GPUs.
    expect(forecast.months.map((m) => m.gpus)).toEqual([4, 6, 9, 14, 21]);
    expect(forecast.months.map((m) => m.nodes)).toEqual([4, 6, 9, 14, 21]);
    expect(forecast.months.map((m) => m.date)).toEqual(['2026-12', '2027-01', '2027-02', '2027-03', '2027-04']);
    // Cost = nodes × $0.8048/h (g6.xlarge, us-east-1) × hours the job runs a month:
    // items × 10 ms / GPUs × 30 runs = 1e6 × 0.01 / 4 × 30 s = 20.83 h in month 0.
    expect(forecast.months[0]!.costPerMonthUsd).toBeCloseTo(4 * 0.8048 * (1e6 * 0.01 / 4) * 30 / 3600, 6);
    expect(forecast.months[1]!.costPerMonthUsd).toBeCloseTo(6 * 0.8048 * (1.5e6 * 0.01 / 6) * 30 / 3600, 6);
    expect(forecast.months[1]!.workloads[0]).toMatchObject({ multiplier: 1.5, field: 'items', planned: 1e6, scaled: 1.5e6 });
    // 9 nodes pass maxNodes 8 in month 2; 14 GPUs pass the quota of 12 in month 3.
    expect(forecast.exhaustion).toEqual([
      { kind: 'maxNodes', pool: 'l4', month: 2, date: '2027-02', limit: 8, needed: 9 },
      { kind: 'quota', pool: 'l4', gpuModel: 'L4-24GB', month: 3, date: '2027-03', limit: 12, needed: 14 },
    ]);
    expect(forecast.months.map((m) => m.complete)).toEqual([true, true, false, false, false]);
    // Past the limit, the cost still counts every node the load needs: never a discount.
    expect(forecast.months[2]!.costPerMonthUsd).toBeCloseTo(9 * 0.8048 * (2.25e6 * 0.01 / 9) * 30 / 3600, 6);
  });

  it('applies a workload\'s own rate and its dated peak on top of the trend', () => {
    const forecast = forecastPlan(plan('  growth: { monthly: 0.1, months: 3 }\n', `${embed}      growth: { monthly: 0, peaks: [ { month: 2, multiplier: 3 } ] }\n`));
    expect(forecast.months.map((m) => m.workloads[0]!.multiplier)).toEqual([1, 1, 3, 1]);
    expect(forecast.growth[0]).toEqual({ workload: 'embed', monthly: 0, source: 'spec.workloads[0].growth.monthly', peaks: [{ month: 2, multiplier: 3 }] });
  });

  it('leaves training unscaled by the plan rate unless the workload states growth', () => {
    const training = `    - name: tune
      kind: training
      model: { parameters: 7e9, precision: bf16 }
      method: lora
      dataset: { tokens: 1e8 }
      deadline: 24 h
      accelerator: { gpu: A100-SXM-80GB }
`;
    const flat = forecastPlan(plan('  growth: { monthly: 0.5, months: 2 }\n', training));
    expect(flat.months.map((m) => m.workloads[0]!.scaled)).toEqual([1e8, 1e8, 1e8]);
    expect(flat.growth[0]!.source).toMatch(/training is not scaled/);
    const grown = forecastPlan(plan('  growth: { monthly: 0.5, months: 2 }\n', `${training}      growth: {}\n`));
    expect(grown.months.map((m) => m.workloads[0]!.scaled)).toEqual([1e8, 1.5e8, 2.25e8]);
  });

  it('gives month 0 the figures of headroom size', () => {
    const p = plan(`  growth: { monthly: 0.2 }\n${l4Pool}`, embed);
    const sizing = sizePlan(p);
    const [first] = forecastPlan(p).months;
    expect(first).toMatchObject({ month: 0, gpus: sizing.cluster.totals.gpus, costPerMonthUsd: sizing.cluster.costPerMonthUsd, complete: sizing.complete });
  });

  it('takes the horizon from --months, else spec.growth.months, else 12, and refuses one out of range', () => {
    expect(forecastPlan(plan('  growth: { monthly: 0.1, months: 3 }\n', embed)).months).toHaveLength(4);
    expect(forecastPlan(plan('  growth: { monthly: 0.1, months: 3 }\n', embed), { months: 1 }).months).toHaveLength(2);
    expect(forecastPlan(plan('', embed)).months).toHaveLength(13);
    expect(() => forecastPlan(plan('', embed), { months: 0 })).toThrow(/months must be a whole number from 1 to 120 \(got 0\)/);
  });

  it('dates months across years', () => {
    expect(calendarMonth('2026-12', 0)).toBe('2026-12');
    expect(calendarMonth('2026-12-15', 13)).toBe('2028-01');
  });

  it('rejects growth fields with messages naming them', () => {
    const bad = (spec: string, workloadExtra = '') => {
      const parsed = parsePlan(`apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: t }\nspec:\n${spec}  workloads:\n${embed}${workloadExtra}`);
      return parsed.ok ? undefined : parsed.error.issues[0];
    };
    expect(bad('  growth: { monthly: 20 }\n')?.path).toBe('spec.growth.monthly');
    expect(bad('  growth: { months: 500 }\n')?.path).toBe('spec.growth.months');
    expect(bad('  growth: { start: 2026-13 }\n')).toMatchObject({ path: 'spec.growth.start', message: expect.stringMatching(/YYYY-MM/) });
    expect(bad('  growth: { rate: 0.1 }\n')?.path).toMatch(/^spec\.growth/);
    expect(bad('', '      growth: { peaks: [ { month: 1, multiplier: 2 }, { month: 1, multiplier: 3 } ] }\n'))
      .toMatchObject({ path: 'spec.workloads[0].growth.peaks[1].month', message: expect.stringMatching(/already has a peak/) });
  });
});
