import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { autoscaler, vllmQueueAlternative } from './autoscaler.ts';
import { manifestText } from './yaml-text.ts';
import { planOf } from './testing.ts';
import { workloadInputs } from './workload-input.ts';

const { plan, sizing } = planOf(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: p, namespace: ns }
spec:
  defaults: { targetUtilization: 0.65 }
  workloads:
    - name: llm
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 5, inputTokens: 500, outputTokens: 200 }
      accelerator: { gpu: L4-24GB }
    - { name: api, kind: model-serving, targetUtilization: 0.555, traffic: { peakRequestsPerSecond: 200 }, serviceTime: 20 ms, model: { sizeBytes: 100 MiB } }
`);
const [llm, api] = workloadInputs(plan, sizing);

describe('autoscaler', () => {
  it('scales between the sized minimum and maximum on CPU at the target utilisation', () => {
    const hpa = autoscaler(api!).object as Record<string, any>;
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: api!.sizing.replicas.min,
      maxReplicas: api!.sizing.replicas.max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 56 } } }],
    });
    expect((autoscaler(llm!).object as Record<string, any>).spec.metrics[0].resource.target.averageUtilization).toBe(65);
  });

  it('tells LLM servers CPU is a poor signal and shows the vLLM queue metric instead', () => {
    const text = manifestText(autoscaler(llm!));
    expect(text).toMatch(/# CPU is a poor autoscaling signal for a GPU model server/);
    expect(text).toContain('vllm:num_requests_waiting');
    expect(manifestText(autoscaler(api!))).not.toContain('vllm');
  });

  it('gives an alternative that is valid YAML once uncommented', () => {
    const lines = vllmQueueAlternative('ns').split('\n');
    const block = (start: string) => {
      const from = lines.indexOf(start);
      const to = lines.findIndex((line, i) => i > from && !line.startsWith('    '));
      return lines.slice(from, to).map((l) => l.slice(2)).join('\n');
    };
    expect(parse(block('  metrics:'))).toEqual({ metrics: [{ type: 'Pods', pods: { metric: { name: 'vllm_num_requests_waiting' }, target: { type: 'AverageValue', averageValue: '5' } } }] });
    expect(parse(block('  rules:')).rules[0].seriesQuery).toBe('vllm:num_requests_waiting{namespace="ns",pod!=""}');
  });
});
