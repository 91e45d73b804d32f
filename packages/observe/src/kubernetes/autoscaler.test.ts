import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { promqlErrors } from '../test-support.ts';
import { autoscaler, KV_CACHE_TARGET, VLLM_WAITING_TARGET, vllmQueueAlternative } from './autoscaler.ts';
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
      metrics: { runtime: vllm }
    - { name: api, kind: model-serving, targetUtilization: 0.555, traffic: { peakRequestsPerSecond: 200 }, serviceTime: 20 ms, model: { sizeBytes: 100 MiB } }
    - name: vision
      kind: model-serving
      device: gpu
      accelerator: { gpu: L4-24GB }
      traffic: { peakRequestsPerSecond: 50 }
      serviceTime: 30 ms
      model: { sizeBytes: 2 GiB }
      metrics: { runtime: triton }
`);
const [llm, api, vision] = workloadInputs(plan, sizing);
const config = defaultKitConfig;

type Scaled = { apiVersion: string; kind: string; spec: { scaleTargetRef: object; minReplicaCount: number; maxReplicaCount: number; triggers: { type: string; metricType: string; metadata: Record<string, string> }[] } };

describe('autoscaler', () => {
  it('scales a CPU service between the sized minimum and maximum on CPU at the target utilisation', () => {
    const hpa = autoscaler(api!, config).object as Record<string, any>;
    expect(hpa.kind).toBe('HorizontalPodAutoscaler');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: api!.sizing.replicas.min,
      maxReplicas: api!.sizing.replicas.max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 56 } } }],
    });
  });

  it('scales a vLLM server with KEDA on its waiting requests and KV cache, read from the kit\'s recorded signals, never on CPU', () => {
    const scaled = autoscaler(llm!, config).object as Scaled;
    expect(scaled.apiVersion).toBe('keda.sh/v1alpha1');
    expect(scaled.kind).toBe('ScaledObject');
    expect(scaled.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'llm' });
    expect([scaled.spec.minReplicaCount, scaled.spec.maxReplicaCount]).toEqual([Math.max(1, llm!.sizing.replicas.min), llm!.sizing.replicas.max]);
    expect(scaled.spec.triggers.map((t) => [t.type, t.metricType, t.metadata.query, t.metadata.threshold])).toEqual([
      ['prometheus', 'AverageValue', 'sum(namespace_workload:headroom_queued_requests:signal{plan="p", workload="llm"})', VLLM_WAITING_TARGET],
      ['prometheus', 'Value', 'max(namespace_workload:headroom_kv_cache_usage:signal{plan="p", workload="llm"})', KV_CACHE_TARGET],
    ]);
    for (const t of scaled.spec.triggers) {
      expect(t.metadata.serverAddress).toBe(config.prometheusUrl);
      expect(promqlErrors(t.metadata.query!)).toEqual([]);
    }
    const text = manifestText(autoscaler(llm!, config));
    expect(text).not.toMatch(/name: cpu|averageUtilization/);
    expect(text).toContain('prometheus-adapter');
  });

  it('scales another GPU server with KEDA on GPU utilisation of its own pods', () => {
    const scaled = autoscaler(vision!, config).object as Scaled;
    expect(scaled.kind).toBe('ScaledObject');
    const [trigger] = scaled.spec.triggers;
    expect(trigger!.metadata.query).toMatch(/^avg\(DCGM_FI_DEV_GPU_UTIL\{namespace="ns"\} \* on \(cluster, namespace, pod\) group_left \(\) namespace_workload_pod:headroom_pod_workload:info\{plan="p", workload="vision"\}\)$/);
    expect(trigger!.metadata.threshold).toBe(String(Math.round(vision!.targetUtilization * 100)));
    expect(promqlErrors(trigger!.metadata.query!)).toEqual([]);
  });

  it('gives the prometheus-adapter alternative as YAML that is valid once uncommented', () => {
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
