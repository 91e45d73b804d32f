import type { Sizing } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { counted, isChosenCandidate, workloadFigures } from './figures.ts';
import { runCost, workloadVerdict } from './verdicts.ts';
import { formatUsd } from '../format.ts';
import { presetYaml, sized } from './test-plans.ts';

const workload = (sizing: Sizing, name: string) => sizing.workloads.find((w) => w.name === name)!;

describe('verdicts', () => {
  const { sizing } = sized(presetYaml('chat-assistant'));

  it('says each feasible workload of the example meets its objective, naming the objective', () => {
    expect(workloadVerdict(sizing, workload(sizing, 'chat-llm'))).toEqual({ state: 'meets', headline: 'meets TTFT 1 s and ITL 50 ms', reasons: [] });
    expect(workloadVerdict(sizing, workload(sizing, 'ranker')).headline).toBe('meets p95 150 ms');
    expect(workloadVerdict(sizing, workload(sizing, 'finetune')).headline).toMatch(/^meets its 24 h deadline \(\d/);
    expect(workloadVerdict(sizing, workload(sizing, 'embed-nightly')).headline).toMatch(/^fits its 6 h window \(/);
    expect(workloadVerdict(sizing, workload(sizing, 'features')).headline).toMatch(/^fits its 45 min window \(/);
  });

  it('an ITL SLO no decode step can meet is infeasible, with the model\'s reason', () => {
    const { sizing: tight } = sized(presetYaml('chat-assistant').replace('interTokenLatency: 50 ms', 'interTokenLatency: 0.5 ms'));
    const verdict = workloadVerdict(tight, workload(tight, 'chat-llm'));
    expect(verdict.state).toBe('infeasible');
    expect(verdict.headline).toBe('infeasible');
    expect(verdict.reasons.join(' ')).toBe(workload(tight, 'chat-llm').infeasible!.map((i) => i.message).join(' '));
    expect(verdict.reasons.length).toBeGreaterThan(0);
  });

  it('a GPU the provider offers on no node is "not placed", with the cluster\'s reason', () => {
    const yaml = presetYaml('chat-assistant').replace('provider: eks', 'provider: aks').replace(/nodePools:\n(\s+- \{.*\}\n)+/, 'nodePools: []\n')
      .replace('accelerator: { gpu: H100-SXM-80GB }', 'accelerator: { gpu: b200-180gb, tensorParallel: 1 }');
    const { sizing: aks } = sized(yaml);
    const verdict = workloadVerdict(aks, workload(aks, 'chat-llm'));
    expect(verdict.state).toBe('not-placed');
    expect(verdict.headline).toMatch(/not placed$/);
    const reason = aks.cluster.unplaced.find((u) => u.workload === 'chat-llm')!.reason;
    expect(verdict.reasons).toContain(`Not placed: ${reason}`);
  });
});

describe('figures', () => {
  const { sizing } = sized(presetYaml('chat-assistant'));

  it('an LLM card shows its configuration, throughput per replica and in total, KV capacity and predicted latencies against the SLO', () => {
    const llm = workload(sizing, 'chat-llm');
    const figures = Object.fromEntries(workloadFigures(sizing, llm).map((f) => [f.label, f]));
    expect(figures.Configuration!.value).toBe(`H100-SXM-80GB × TP ${llm.details.tensorParallel} × PP ${llm.details.pipelineParallel} (${counted(llm.perReplica.gpus, 'GPU')} per replica)`);
    const perReplica = llm.details.decodeTokensPerSecondPerReplica!;
    expect(figures['Output tokens/s in total']!.meets).toBe(perReplica * llm.replicas.peak >= llm.details.peakOutputTokensPerSecond!);
    expect(figures['Predicted ITL']).toMatchObject({ target: 'SLO 50 ms', meets: true });
    expect(figures['Predicted TTFT']).toMatchObject({ target: 'SLO 1 s', meets: true });
    expect(figures['KV cache per replica']!.value).toMatch(/ tokens$/);
    expect(figures['Binding constraint']!.value).not.toBe('');
    expect(llm.candidates!.filter((c) => isChosenCandidate(llm, c))).toHaveLength(1);
  });

  it('a training card shows wall-clock against the deadline, GPU-hours and the cost of a run', () => {
    const training = workload(sizing, 'finetune');
    const figures = Object.fromEntries(workloadFigures(sizing, training).map((f) => [f.label, f]));
    expect(figures['Wall-clock']).toMatchObject({ target: 'deadline 24 h', meets: true });
    expect(figures['GPU-hours']).toBeDefined();
    expect(figures['Cost of a run']!.value).toMatch(/^\$/);
  });

  it('a job alone in its pool costs nodes × hourly price × run hours; one sharing a pool gets no invented split', () => {
    const training = workload(sizing, 'finetune');
    const pool = sizing.cluster.nodePools.find((p) => p.name === training.nodePool)!;
    const cost = runCost(sizing, training)!;
    if (pool.workloads.length === 1) {
      expect(cost.ok).toBe(true);
      if (!cost.ok) return;
      // One run a month: the run's cost is the pool's monthly cost.
      expect(cost.usd).toBeCloseTo(pool.costPerMonthUsd, 6);
      expect(cost.inputs.runHours).toBeCloseTo(training.details.wallClockSeconds! / 3600, 9);
    } else {
      expect(cost).toMatchObject({ ok: false });
    }
    expect(runCost(sizing, workload(sizing, 'chat-llm'))).toBeUndefined();
  });

  it('writes counts with the right noun', () => {
    expect(counted(1, 'GPU')).toBe('1 GPU');
    expect(counted(8, 'GPU')).toBe('8 GPUs');
    expect(counted(1, 'replica')).toBe('1 replica');
    expect(counted(0, 'sequence')).toBe('0 sequences');
  });
});

describe('showback figure', () => {
  it('shows each workload\'s share of the cluster cost, the shares summing to the cluster cost', () => {
    const { sizing } = sized(presetYaml('chat-assistant'));
    const figures = sizing.workloads.map((w) => Object.fromEntries(workloadFigures(sizing, w).map((f) => [f.label, f])).Showback!);
    for (const [i, w] of sizing.workloads.entries()) {
      expect(figures[i]!.value).toBe(`${formatUsd(w.showback.costPerMonthUsd!)}/month (${Math.round(w.showback.share * 100)}% of the cluster)`);
    }
    expect(sizing.workloads.reduce((sum, w) => sum + w.showback.costPerMonthUsd!, 0)).toBeCloseTo(sizing.cluster.costPerMonthUsd, 6);
  });
});
