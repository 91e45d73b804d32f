import { parsePlan, sizePlan, type CalibrationFit, type Plan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { calibratePlanText, calibrationQueries, observationsFrom } from './calibration.ts';

const TEXT = `# plan header
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: p, namespace: ml }
spec:
  workloads:
    - name: ranker   # the ranking service
      kind: model-serving
      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 25 ms   # measured on a laptop
      workersPerReplica: 4
      model: { sizeBytes: 1 GiB }
    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 4, inputTokens: 800, outputTokens: 200 }
      accelerator: { gpu: H100-SXM-80GB }
      metrics: { runtime: triton }
`;

function parsed(text: string): Plan {
  const result = parsePlan(text);
  if (!result.ok) throw result.error;
  return result.plan;
}

const fit = (over: Partial<CalibrationFit>): CalibrationFit => ({
  name: 'serviceTime', field: ['serviceTime'], unit: 'seconds', previous: 0.025, value: 0.031234567, relativeError: 0.0123456, points: 120, observedPoints: 130,
  basis: 'mean latency = …', metrics: ['headroom_requests_total'], ...over,
});

describe('calibration queries', () => {
  it('reads vLLM by its current metric names, per replica, with the owner join written out', () => {
    const plan = parsed(TEXT.replace('runtime: triton', 'runtime: vllm'));
    const chat = calibrationQueries(plan, sizePlan(plan), { rateWindow: '5m' }).find((w) => w.workload === 'chat')!;
    expect(chat.unsupported).toBeUndefined();
    expect(chat.queries.map((q) => q.metric)).toEqual(['vllm:num_requests_running', 'vllm:num_requests_waiting', 'vllm:request_success_total', 'vllm:prompt_tokens_total', 'vllm:generation_tokens_total', 'vllm:time_to_first_token_seconds']);
    const generation = chat.queries.find((q) => q.field === 'generationTokensPerSecond')!.query;
    expect(generation).toMatch(/^sum by \(cluster\) \(rate\(vllm:generation_tokens_total\{namespace="ml"\}\[5m\]\) \* on \(cluster, namespace, pod\) group_left \(\) max by \(cluster, namespace, pod\) \(kube_pod_owner/);
    expect(generation).toContain(') / count by (cluster) (vllm:num_requests_running{namespace="ml"}');
  });

  it('says why a workload whose runtime calibration cannot read is not queried', () => {
    const chat = calibrationQueries(parsed(TEXT), sizePlan(parsed(TEXT)), { rateWindow: '5m' }).find((w) => w.workload === 'chat')!;
    expect(chat.unsupported).toContain('metrics.runtime is triton');
  });

  it('lines samples up by instant and names metrics that returned nothing', () => {
    const ranker = calibrationQueries(parsed(TEXT), sizePlan(parsed(TEXT)), { rateWindow: '5m' }).find((w) => w.workload === 'ranker')!;
    const observed = observationsFrom(ranker, new Map([
      ['requestsPerSecond', [[10, 5], [20, 6], [30, 7]]],
      ['meanLatencySeconds', [[10, 0.03], [30, 0.04]]],
      ['cpuCores', [[10, 1], [20, 1.2], [30, Number.NaN]]],
    ]));
    expect(observed.points).toEqual([{ time: 10, requestsPerSecond: 5, meanLatencySeconds: 0.03, cpuCores: 1 }]);
    expect(observed.missing).toEqual([]);
    expect(observationsFrom(ranker, new Map()).missing).toEqual(['headroom_requests_total', 'headroom_request_duration_seconds', 'container_cpu_usage_seconds_total']);
  });
});

describe('the calibrated plan text', () => {
  const source = { prometheus: 'http://prometheus:9090/', range: '7d', fittedAt: '2026-12-03T10:00:00.000Z', queries: new Map([['ranker', ['q1', 'q2']]]) };

  it('writes accepted fits and their provenance, keeps comments, and sizes with them', () => {
    const fits = new Map([['ranker', [fit({}), fit({ name: 'cpuCoresPerWorker', field: ['assumptions', 'cpuCoresPerWorker'], unit: 'cores', previous: 1, value: 0.6 })]]]);
    const { text, edits } = calibratePlanText(TEXT, fits, source);
    expect(edits.map((e) => [e.path.join('.'), e.from, e.to])).toEqual([['spec.workloads.0.serviceTime', 0.025, 0.03123], ['spec.workloads.0.assumptions.cpuCoresPerWorker', 1, 0.6]]);
    for (const comment of ['# plan header', '# the ranking service', '# measured on a laptop']) expect(text).toContain(comment);
    const plan = parsed(text);
    const ranker = plan.spec.workloads[0]!;
    expect(ranker.kind === 'model-serving' && ranker.serviceTime).toBe(0.03123);
    expect(ranker.calibration?.serviceTime).toMatchObject({ value: 0.03123, previous: 0.025, relativeError: 0.01235, points: 120, queries: ['q1', 'q2'] });
    const explained = sizePlan(plan).workloads[0]!.explain.map((s) => s.id);
    expect(explained).toEqual(expect.arrayContaining(['calibrated.serviceTime', 'calibrated.cpuCoresPerWorker']));
  });

  it('writes nothing for refused fits', () => {
    const { text, edits } = calibratePlanText(TEXT, new Map([['ranker', [fit({ value: undefined, refusal: { code: 'no-data', message: 'none' } }), fit({ refusal: { code: 'poor-fit', message: 'off' } })]]]), source);
    expect(edits).toEqual([]);
    expect(text).toBe(TEXT);
  });
});
