/**
 * Properties of LLM sizing that make it safe to budget with (issue 12): more traffic or a tighter
 * latency objective never needs fewer GPUs; an infeasible workload never makes a plan cheaper; a
 * mixture-of-experts model at batch 1 decodes and prefills like a dense model of its active size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan, sizePlan, type Sizing } from '@headroom/model';

const runs = (numRuns: number) => ({ numRuns: Math.ceil(numRuns * Number(process.env.HEADROOM_PROPERTY_RUNS ?? 1)) });

interface Llm { preset: string; gpu: string; rps: number; input: number; output: number; itlMs?: number }

function plan(workloads: string, provider = 'eks'): Sizing {
  const parsed = parsePlan(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: props, namespace: props }
spec:
  cluster: { provider: ${provider} }
  workloads:
${workloads}`);
  if (!parsed.ok) throw parsed.error;
  return sizePlan(parsed.plan);
}

const workload = (name: string, w: Llm) => `    - name: ${name}
      kind: llm-inference
      model: { preset: ${w.preset} }
      traffic: { peakRequestsPerSecond: ${w.rps}, inputTokens: ${w.input}, outputTokens: ${w.output} }
      accelerator: { gpu: ${w.gpu} }
${w.itlMs !== undefined ? `      slo: { interTokenLatency: ${w.itlMs} ms }\n` : ''}`;

const llm: fc.Arbitrary<Llm> = fc.record({
  preset: fc.constantFrom('llama-3.1-8b', 'llama-3.1-70b', 'mixtral-8x7b', 'qwen2.5-72b', 'gemma-2-9b', 'qwen3-235b-a22b', 'llama-3.1-405b'),
  gpu: fc.constantFrom('H100-SXM-80GB', 'H200-SXM-141GB', 'A100-SXM-80GB', 'L40S-48GB'),
  rps: fc.double({ min: 0.05, max: 50, noNaN: true }).map((x) => Number(x.toPrecision(3))),
  input: fc.integer({ min: 50, max: 4000 }),
  output: fc.integer({ min: 10, max: 1000 }),
  itlMs: fc.option(fc.integer({ min: 2, max: 300 }), { nil: undefined }),
}, { requiredKeys: ['preset', 'gpu', 'rps', 'input', 'output'] });

const factor = fc.double({ min: 1, max: 8, noNaN: true });

describe('LLM sizing properties', () => {
  it('more traffic never needs fewer GPUs', () => {
    fc.assert(fc.property(llm, factor, (w, k) => {
      const before = plan(workload('llm', w));
      const after = plan(workload('llm', { ...w, rps: Number((w.rps * k).toPrecision(4)) }));
      expect(after.cluster.totals.gpus).toBeGreaterThanOrEqual(before.cluster.totals.gpus);
    }), runs(60));
  });

  it('a tighter inter-token latency SLO never needs fewer GPUs', () => {
    fc.assert(fc.property(llm, fc.integer({ min: 2, max: 300 }), fc.double({ min: 0.1, max: 1, noNaN: true }), (w, itlMs, tighten) => {
      const loose = plan(workload('llm', { ...w, itlMs }));
      const tight = plan(workload('llm', { ...w, itlMs: Math.max(1, Math.floor(itlMs * tighten)) }));
      expect(tight.cluster.totals.gpus).toBeGreaterThanOrEqual(loose.cluster.totals.gpus);
    }), runs(60));
  });

  it('an infeasible workload never lowers the plan\'s GPUs or cost', () => {
    // Two ways to be infeasible: an inter-token latency below one decode step, or a GPU with no node on the provider.
    const infeasible = fc.oneof(
      llm.map((w) => ({ ...w, itlMs: 1 })),
      llm.map((w) => ({ ...w, gpu: 'B300-288GB' })),
    );
    fc.assert(fc.property(llm, infeasible, (base, extra) => {
      const alone = plan(workload('base', base));
      const withInfeasible = plan(workload('base', base) + workload('extra', extra));
      const feasibleVersion = plan(workload('base', base) + workload('extra', { ...extra, itlMs: undefined, gpu: extra.gpu === 'B300-288GB' ? 'B200-180GB' : extra.gpu }));
      expect(withInfeasible.complete).toBe(false);
      expect(withInfeasible.cluster.totals.gpus).toBeGreaterThanOrEqual(alone.cluster.totals.gpus);
      expect(withInfeasible.cluster.costPerMonthUsd).toBeGreaterThanOrEqual(alone.cluster.costPerMonthUsd);
      // Nor below what the feasible version of it (looser SLO, or a GPU the provider has) needs in GPUs.
      if (extra.itlMs === 1) expect(withInfeasible.cluster.totals.gpus).toBeGreaterThanOrEqual(feasibleVersion.cluster.totals.gpus);
      // A GPU no catalog instance carries has no price: the total then says it is a lower bound, never a plain (cheaper) figure.
      else expect(withInfeasible.cluster.costIsLowerBound).toBe(true);
    }), runs(40));
  });

  it('a mixture-of-experts model at batch 1 decodes and prefills like a dense model of its active size', () => {
    const moe = fc.record({
      active: fc.integer({ min: 1, max: 40 }).map((b) => b * 1e9),
      experts: fc.integer({ min: 4, max: 256 }),
      perToken: fc.integer({ min: 1, max: 8 }),
      perExpert: fc.integer({ min: 1, max: 40 }).map((x) => x * 1e8),
      layers: fc.integer({ min: 16, max: 96 }),
      heads: fc.constantFrom(32, 64),
      kvHeads: fc.constantFrom(4, 8),
    }).filter((m) => m.perToken < m.experts && m.active > m.perToken * m.perExpert);
    fc.assert(fc.property(moe, (m) => {
      const total = m.active + (m.experts - m.perToken) * m.perExpert;
      const size = (model: string) => plan(`    - name: m
      kind: llm-inference
      model: ${model}
      traffic: { peakRequestsPerSecond: 1, inputTokens: 500, outputTokens: 100 }
      accelerator: { gpu: MI355X-288GB, tensorParallel: 8 }
      assumptions: { maxNumSeqs: 1 }
`).workloads[0]!;
      const arch = `layers: ${m.layers}, hiddenSize: 8192, attentionHeads: ${m.heads}, kvHeads: ${m.kvHeads}, precision: fp8`;
      const sparse = size(`{ parameters: ${total}, activeParameters: ${m.active}, experts: ${m.experts}, expertsPerToken: ${m.perToken}, ${arch} }`);
      const dense = size(`{ parameters: ${m.active}, ${arch} }`);
      expect(sparse.details.decodeStepSeconds! / dense.details.decodeStepSeconds!).toBeCloseTo(1, 9);
      expect(sparse.details.prefillSeconds! / dense.details.prefillSeconds!).toBeCloseTo(1, 9);
    }), runs(60));
  });
});
