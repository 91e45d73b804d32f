import type { NodePoolSizing, PerReplica } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { containerResources, podPlacement } from './pod-resources.ts';

const cpuOnly: PerReplica = { cpuCores: 3.5, memoryBytes: 8267812044.8, gpus: 0, ephemeralStorageBytes: 2 * 2 ** 30 };
const onH100: PerReplica = { cpuCores: 16, memoryBytes: 160 * 2 ** 30, gpus: 4, gpuModel: 'H100-SXM-80GB', ephemeralStorageBytes: 0 };
const onMi300x: PerReplica = { ...onH100, gpuModel: 'MI300X-192GB' };
const pool = { name: 'gpu', instanceType: 'p5.48xlarge', chosenByHeadroom: false } as NodePoolSizing;

describe('containerResources', () => {
  it('requests cpu, memory and disk; limits memory to its request; drops any CPU limit', () => {
    expect(containerResources(cpuOnly)).toEqual({
      requests: { cpu: '3500m', memory: '7885Mi', 'ephemeral-storage': '2Gi' },
      limits: { cpu: null, memory: '7885Mi' },
    });
  });
  it('requests and limits GPUs as the device plugin names them', () => {
    expect(containerResources(onH100)).toEqual({
      requests: { cpu: '16', memory: '160Gi', 'nvidia.com/gpu': '4' },
      limits: { cpu: null, memory: '160Gi', 'nvidia.com/gpu': '4' },
    });
    expect(containerResources(onMi300x).limits['amd.com/gpu']).toBe('4');
  });
});

describe('podPlacement', () => {
  it('selects the pool\'s instance type and tolerates the GPU taint', () => {
    expect(podPlacement(onH100, pool)).toEqual({
      nodeSelector: { 'node.kubernetes.io/instance-type': 'p5.48xlarge' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    });
    expect(podPlacement(onMi300x, pool).tolerations).toEqual([{ key: 'amd.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  });
  it('adds nothing a CPU workload without a pool does not need', () => {
    expect(podPlacement(cpuOnly, undefined)).toEqual({});
  });
});
