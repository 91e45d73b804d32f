import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { dcgmFile } from './dcgm.ts';
import { usesNvidiaGpus } from './gpu.ts';
import { documentsOf, planOf } from './testing.ts';

const plan = (workload: string) => planOf(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: p, namespace: ns }
spec:
  workloads:
    - ${workload}
`);

describe('dcgm-exporter ServiceMonitor', () => {
  it('honours dcgm-exporter\'s labels and says why at the top', () => {
    const { plan: gpuPlan } = plan('{ name: emb, kind: model-serving, device: gpu, accelerator: { gpu: L4-24GB }, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 1 GiB } }');
    const file = dcgmFile(gpuPlan, defaultKitConfig);
    expect(file.path).toBe('kubernetes/dcgm-exporter-servicemonitor.yaml');
    const [monitor, ...rest] = documentsOf(file);
    expect(rest).toEqual([]);
    expect(monitor!.kind).toBe('ServiceMonitor');
    expect(monitor!.spec.endpoints.every((e: { honorLabels?: boolean }) => e.honorLabels === true)).toBe(true);
    expect(monitor!.metadata.labels.release).toBe(defaultKitConfig.serviceMonitorLabels.release);
    const header = file.contents.slice(0, file.contents.indexOf('apiVersion:'));
    for (const phrase of ['pod-resources', 'exported_pod', 'honorLabels: true', 'pod, namespace and container']) expect(header).toContain(phrase);
    expect(header.split('\n').filter(Boolean).every((line) => line.startsWith('#'))).toBe(true);
  });

  it('is wanted only when some workload runs on NVIDIA GPUs', () => {
    expect(usesNvidiaGpus(plan('{ name: api, kind: model-serving, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 1 GiB } }').sizing)).toBe(false);
    expect(usesNvidiaGpus(plan('{ name: emb, kind: model-serving, device: gpu, accelerator: { gpu: L4-24GB }, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 1 GiB } }').sizing)).toBe(true);
    expect(usesNvidiaGpus(plan('{ name: emb, kind: model-serving, device: gpu, accelerator: { gpu: MI300X-192GB }, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 1 GiB } }').sizing)).toBe(false);
  });
});
