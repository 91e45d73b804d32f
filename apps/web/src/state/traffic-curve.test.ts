import { parsePlan, planPresets, sizePlan, type Plan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { scalePlanTraffic, TRAFFIC_MULTIPLIERS, trafficCurve, trafficCurveApplies } from './traffic-curve.ts';

function planOf(name: string): Plan {
  const parsed = parsePlan(planPresets.find((p) => p.name === name)!.yaml);
  if (!parsed.ok) throw parsed.error;
  return parsed.plan;
}

describe('traffic curve', () => {
  it('sizes the plan as written at 1x', () => {
    const plan = planOf('chat-assistant');
    const sizing = sizePlan(plan);
    const curve = trafficCurve(plan);
    const atOne = curve.points.find((p) => p.multiplier === 1)!;
    expect(curve.points.map((p) => p.multiplier)).toEqual([...TRAFFIC_MULTIPLIERS]);
    expect(atOne.gpus).toBe(sizing.cluster.totals.gpus);
    const total = Object.values(atOne.replicasByKind).reduce((a, b) => a + b, 0);
    expect(total).toBe(sizing.workloads.reduce((sum, w) => sum + w.replicas.peak, 0));
    expect(curve.kinds.length).toBeLessThanOrEqual(6);
  });

  it('scales each kind of traffic input and leaves the original plan alone', () => {
    const plan = planOf('chat-assistant');
    const before = JSON.stringify(plan);
    const scaled = scalePlanTraffic(plan, 2);
    expect(JSON.stringify(plan)).toBe(before);
    plan.spec.workloads.forEach((w, i) => {
      const s = scaled.spec.workloads[i]!;
      if (w.kind === 'llm-inference' && s.kind === 'llm-inference') expect(s.traffic.peakRequestsPerSecond).toBe(w.traffic.peakRequestsPerSecond * 2);
      if (w.kind === 'model-serving' && s.kind === 'model-serving') expect(s.traffic.peakRequestsPerSecond).toBe(w.traffic.peakRequestsPerSecond * 2);
      if (w.kind === 'batch-inference' && s.kind === 'batch-inference') expect(s.items).toBe(w.items * 2);
      if (w.kind === 'data-pipeline' && s.kind === 'data-pipeline') expect(s.input.bytesPerRun).toBe(w.input.bytesPerRun * 2);
      if (w.kind === 'training') expect(s).toEqual(w);
    });
  });

  it.each(planPresets.map((p) => p.name))('never needs fewer replicas or GPUs for more traffic (%s)', (name) => {
    const plan = planOf(name);
    const curve = trafficCurve(plan);
    expect(curve.points.length).toBe(TRAFFIC_MULTIPLIERS.length);
    for (let i = 1; i < curve.points.length; i++) {
      const prev = curve.points[i - 1]!;
      const next = curve.points[i]!;
      expect(next.multiplier).toBeGreaterThan(prev.multiplier);
      expect(next.gpus).toBeGreaterThanOrEqual(prev.gpus);
    }
    // Per workload: the replica count never drops while the replica stays the same size. An LLM
    // replica may grow to more GPUs (tensor parallelism) as traffic rises, and then fewer, bigger
    // replicas are needed; its GPUs (replicas × GPUs per replica) still never drop.
    const sizings = TRAFFIC_MULTIPLIERS.map((m) => sizePlan(scalePlanTraffic(plan, m)));
    for (let i = 1; i < sizings.length; i++) {
      sizings[i]!.workloads.forEach((next, j) => {
        const prev = sizings[i - 1]!.workloads[j]!;
        if (next.perReplica.gpus === prev.perReplica.gpus && next.perReplica.cpuCores === prev.perReplica.cpuCores) {
          expect(next.replicas.peak, `${next.name} at ${TRAFFIC_MULTIPLIERS[i]}x`).toBeGreaterThanOrEqual(prev.replicas.peak);
        }
        expect(next.total.gpus, `${next.name} at ${TRAFFIC_MULTIPLIERS[i]}x`).toBeGreaterThanOrEqual(prev.total.gpus);
      });
    }
  });

  it('counts fewer, bigger LLM replicas when a replica grows to more GPUs (rag)', () => {
    const curve = trafficCurve(planOf('rag'));
    const llm = curve.points.map((p) => p.replicasByKind['llm-inference']!);
    expect(llm.some((n, i) => i > 0 && n < llm[i - 1]!)).toBe(true);
  });

  it('applies to a plan with any load to scale, not to one of training runs only', () => {
    const sized = (name: string) => {
      const parsed = parsePlan(planPresets.find((p) => p.name === name)!.yaml);
      if (!parsed.ok) throw parsed.error;
      return sizePlan(parsed.plan);
    };
    expect(sized('fine-tuning').workloads.every((w) => w.kind === 'training')).toBe(true);
    expect(trafficCurveApplies(sized('fine-tuning'))).toBe(false);
    expect(trafficCurveApplies(sized('chat-assistant'))).toBe(true);
    expect(trafficCurveApplies(sized('batch-scoring'))).toBe(true);
  });
});
