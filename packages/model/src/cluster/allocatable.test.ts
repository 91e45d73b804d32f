import { describe, expect, it } from 'vitest';
import { findGpu } from '../catalog/gpus.ts';
import { findInstanceType, instanceTypes } from '../catalog/instance-types.ts';
import type { InstanceType, Provider } from '../catalog/types.ts';
import { GiB, MiB } from '../units.ts';
import {
  aksKubeReservedCpuMillicores, aksKubeReservedMemoryBytes, allocatable, daemonsetOverhead,
  eksKubeReservedCpuMillicores, eksKubeReservedMemoryBytes, eksMaxPods, eksMaxPodsCeiling,
  gkeReservedCpuMillicores, gkeReservedMemoryBytes, nodeDaemonsets,
} from './allocatable.ts';

function instance(provider: InstanceType['provider'], id: string): InstanceType {
  const found = findInstanceType(provider, id);
  if (!found) throw new Error(`no ${provider} ${id} in the catalog`);
  return found;
}

describe('eksMaxPods (VPC CNI: ENIs × (IPv4 per ENI − 1) + 2)', () => {
  // Source: amazon-eks-ami nodeadm/internal/kubelet/eni-max-pods.txt.
  it.each([
    ['m5.large', 3, 10, 29],
    ['m5.xlarge', 4, 15, 58],
    ['c5.4xlarge', 8, 30, 234],
    ['g5.12xlarge', 15, 50, 737],
    ['p5.48xlarge (network card 0)', 2, 50, 100],
  ])('%s: %i ENIs × %i IPs → %i pods', (_name, interfaces, ipv4PerInterface, expected) => {
    expect(eksMaxPods({ interfaces, ipv4PerInterface })).toBe(expected);
  });

  it('matches eni-max-pods.txt for every EKS entry in the catalog', () => {
    // Source: amazon-eks-ami nodeadm/internal/kubelet/eni-max-pods.txt (commit 2641205), every EKS type in the catalog.
    const file: Record<string, number> = {
      'm5.xlarge': 58, 'm5.2xlarge': 58, 'm5.4xlarge': 234, 'c5.4xlarge': 234, 'r5.2xlarge': 58,
      'g4dn.xlarge': 29, 'g5.xlarge': 58, 'g5.2xlarge': 58, 'g5.4xlarge': 234, 'g5.12xlarge': 737, 'g5.48xlarge': 345,
      'g6.xlarge': 58, 'g6.2xlarge': 58, 'g6.4xlarge': 234, 'g6.12xlarge': 234, 'g6.48xlarge': 737, 'g6e.xlarge': 58,
      'p4d.24xlarge': 737, 'p4de.24xlarge': 737, 'p5.48xlarge': 100, 'p5e.48xlarge': 100, 'p5en.48xlarge': 198, 'p6-b200.48xlarge': 198,
    };
    expect(Object.keys(file).sort()).toEqual(instanceTypes.filter((i) => i.provider === 'eks').map((i) => i.id).sort());
    for (const [id, pods] of Object.entries(file)) {
      const entry = instance('eks', id);
      expect(entry.eni, id).toBeDefined();
      expect(eksMaxPods(entry.eni!), id).toBe(pods);
      expect(entry.maxPods, id).toBe(pods);
    }
  });

  it('leaves the max-pods-calculator ceiling (110 up to 30 vCPUs, 250 above) to eksMaxPodsCeiling', () => {
    // Source: amazon-eks-ami templates/al2/runtime/max-pods-calculator.sh.
    expect(eksMaxPodsCeiling(16)).toBe(110);
    expect(eksMaxPodsCeiling(30)).toBe(110);
    expect(eksMaxPodsCeiling(96)).toBe(250);
    expect(eksMaxPods({ interfaces: 8, ipv4PerInterface: 30 })).toBe(234);
  });
});

describe('EKS reservations (amazon-eks-ami nodeadm kubelet/config.go)', () => {
  it('reserves 80m CPU on 4 vCPUs (60 + 10 + 10)', () => {
    expect(eksKubeReservedCpuMillicores(4)).toBe(80);
  });

  it.each([[1, 60], [2, 70], [8, 90], [16, 110], [96, 310]])('reserves CPU on %i vCPUs: %im', (vcpus, millicores) => {
    expect(eksKubeReservedCpuMillicores(vcpus)).toBe(millicores);
  });

  it('reserves 11 MiB × max pods + 255 MiB of memory: 893 MiB for 58 pods', () => {
    expect(eksKubeReservedMemoryBytes(58)).toBe(893 * MiB);
  });

  it('gives m5.xlarge 3.92 cores, 16 GiB − 893 MiB − 100 MiB and 58 pods', () => {
    const result = allocatable(instance('eks', 'm5.xlarge'), 'eks');
    expect(result.cpuCores).toBe(3.92);
    expect(result.memoryBytes).toBe(16 * GiB - 893 * MiB - 100 * MiB);
    expect(result.pods).toBe(58);
    expect(result.reservation.evictionMemoryBytes).toBe(100 * MiB);
    expect(result.formula).toContain('11 MiB × 58 pods + 255 MiB');
  });
});

describe('GKE reservations (cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes)', () => {
  it('leaves 3920m of a 4-CPU node allocatable, as in the doc\'s kubectl example', () => {
    expect(gkeReservedCpuMillicores(4)).toBe(80);
    expect(allocatable(instance('gke', 'e2-standard-4'), 'gke').cpuCores).toBe(3.92);
  });

  it('reserves 255 MiB on machines under 1 GiB', () => {
    expect(gkeReservedMemoryBytes(0.6 * GiB)).toBe(255 * MiB);
  });

  it('reserves 2.6 GiB of 16 GiB (25% × 4 + 20% × 4 + 10% × 8)', () => {
    expect(gkeReservedMemoryBytes(16 * GiB) / GiB).toBeCloseTo(2.6, 9);
  });

  it('reserves 9.76 GiB of 150 GiB, 9.8577 GiB with the 100 MiB eviction threshold', () => {
    // Source: the GKE doc's bands; the worked 150 GiB figure is the example in
    // github.com/hatemosphere/gke-node-allocatable-memory-calculator, which implements them.
    expect(gkeReservedMemoryBytes(150 * GiB) / GiB).toBeCloseTo(9.76, 9);
    const node: InstanceType = { ...instance('gke', 'n2-standard-16'), memoryBytes: 150 * GiB };
    const result = allocatable(node, 'gke');
    expect((150 * GiB - result.memoryBytes) / GiB).toBeCloseTo(9.8577, 4);
  });

  it('gives GKE Standard nodes 110 pods', () => {
    expect(allocatable(instance('gke', 'n2-standard-8'), 'gke').pods).toBe(110);
  });
});

describe('AKS reservations (learn.microsoft.com/azure/aks/node-resource-reservations, AKS 1.29+)', () => {
  it.each([[1, 60], [2, 100], [4, 140], [8, 180], [16, 260], [32, 420], [64, 740]])(
    'reserves the table\'s CPU for %i cores: %im', (cores, millicores) => {
      expect(aksKubeReservedCpuMillicores(cores)).toBe(millicores);
    });

  it('reserves 20 MB × 30 pods + 50 MB = 650 MB on an 8 GB VM (the doc\'s first example)', () => {
    expect(aksKubeReservedMemoryBytes(8 * GiB, 30)).toBe(650 * MiB);
  });

  it('reserves 25% of a 4 GB VM with 70 pods, less than 20 MB × 70 + 50 MB = 1450 MB (the doc\'s second example)', () => {
    expect(aksKubeReservedMemoryBytes(4 * GiB, 70)).toBe(GiB);
  });

  it('uses 250 pods (Azure CNI Overlay default) and keeps the 100 Mi eviction threshold', () => {
    const result = allocatable(instance('aks', 'Standard_D8s_v5'), 'aks');
    expect(result.pods).toBe(250);
    // min(20 × 250 + 50 = 5050 MiB, 25% × 32 GiB = 8 GiB) = 5050 MiB.
    expect(result.reservation.kubeReservedMemoryBytes).toBe(5050 * MiB);
    expect(result.memoryBytes).toBe(32 * GiB - 5050 * MiB - 100 * MiB);
    expect(result.cpuCores).toBe(7.82);
  });
});

describe('generic (kubeadm defaults)', () => {
  it('reserves nothing but the 100 Mi eviction threshold and allows 110 pods', () => {
    const node = instance('eks', 'm5.2xlarge');
    const result = allocatable(node, 'generic');
    expect(result.cpuCores).toBe(8);
    expect(result.memoryBytes).toBe(32 * GiB - 100 * MiB);
    expect(result.pods).toBe(110);
    expect(result.reservation.kubeReservedMemoryBytes).toBe(0);
  });
});

describe('allocatable invariants over the whole catalog', () => {
  const providers: Provider[] = ['eks', 'gke', 'aks', 'generic'];
  const cases = instanceTypes.flatMap((node) => providers.map((provider) => [node.id, provider, node] as const));

  it.each(cases)('%s on %s: positive, below capacity, GPUs carried through', (_id, provider, node) => {
    const result = allocatable(node, provider);
    expect(result.cpuCores).toBeGreaterThan(0);
    expect(result.cpuCores).toBeLessThanOrEqual(node.vcpus);
    expect(result.memoryBytes).toBeGreaterThan(0);
    expect(result.memoryBytes).toBeLessThan(node.memoryBytes);
    expect(result.gpus).toBe(node.gpus);
    expect(result.pods).toBeGreaterThan(0);
    expect(result.formula.length).toBeGreaterThan(0);
    expect(result.source).toMatch(/https:\/\//);
    if (provider !== 'generic') expect(result.cpuCores).toBeLessThan(node.vcpus);
  });
});

describe('daemonsetOverhead', () => {
  it('counts kube-proxy, the CNI and node-exporter on a CPU node (EKS: 100m + 50m + 112m)', () => {
    const overhead = daemonsetOverhead(instance('eks', 'm5.xlarge'), 'eks');
    expect(overhead.pods).toBe(3);
    expect(overhead.cpuCores).toBeCloseTo(0.262, 9);
    expect(overhead.memoryBytes).toBe(200 * MiB);
  });

  it('adds the NVIDIA device plugin and dcgm-exporter on GPU nodes', () => {
    const names = nodeDaemonsets(instance('gke', 'g2-standard-8'), 'gke').map((d) => d.name);
    expect(names).toContain('dcgm-exporter');
    expect(names.some((name) => name.includes('device-plugin'))).toBe(true);
    expect(daemonsetOverhead(instance('aks', 'Standard_NC4as_T4_v3'), 'aks').pods).toBe(5);
  });

  it('fits within allocatable on every catalog node and marks unpublished figures as estimates', () => {
    for (const node of instanceTypes) {
      const overhead = daemonsetOverhead(node, node.provider);
      const alloc = allocatable(node, node.provider);
      expect(overhead.cpuCores, node.id).toBeLessThan(alloc.cpuCores);
      expect(overhead.memoryBytes, node.id).toBeLessThan(alloc.memoryBytes);
      expect(overhead.pods, node.id).toBeLessThan(alloc.pods);
      for (const d of nodeDaemonsets(node, node.provider)) expect(d.source.length, d.name).toBeGreaterThan(0);
    }
  });
});

describe('instance catalog contract', () => {
  const contract: Record<InstanceType['provider'], string[]> = {
    eks: ['m5.xlarge', 'm5.2xlarge', 'c5.4xlarge', 'r5.2xlarge', 'm5.4xlarge', 'g5.xlarge', 'g5.12xlarge', 'g6.xlarge',
      'g6e.xlarge', 'p4d.24xlarge', 'p4de.24xlarge', 'p5.48xlarge', 'p5e.48xlarge'],
    gke: ['e2-standard-4', 'n2-standard-8', 'n2-standard-16', 'c2-standard-16', 'n2-highmem-8', 'g2-standard-8',
      'g2-standard-24', 'a2-highgpu-1g', 'a2-ultragpu-1g', 'a3-highgpu-8g'],
    aks: ['Standard_D4s_v5', 'Standard_D8s_v5', 'Standard_D16s_v5', 'Standard_E8s_v5', 'Standard_F16s_v2',
      'Standard_NC24ads_A100_v4', 'Standard_NV36ads_A10_v5', 'Standard_NC4as_T4_v3', 'Standard_ND96isr_H100_v5',
      'Standard_ND96amsr_A100_v4'],
  };

  it('holds every contract id, once', () => {
    for (const [provider, ids] of Object.entries(contract) as [InstanceType['provider'], string[]][]) {
      for (const id of ids) expect(findInstanceType(provider, id)?.id, id).toBe(id);
    }
    const keys = instanceTypes.map((node) => `${node.provider}/${node.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names only GPU ids the GPU catalog knows, and only on GPU nodes', () => {
    for (const node of instanceTypes) {
      if (node.gpus > 0) expect(findGpu(node.gpuModel ?? ''), node.id).toBeDefined();
      else expect(node.gpuModel, node.id).toBeUndefined();
    }
  });

  it('has positive prices, integer memory, a source and the provider\'s price region', () => {
    const regions = { eks: 'us-east-1', gke: 'us-central1', aks: 'eastus' };
    for (const node of instanceTypes) {
      expect(node.onDemandUsdPerHour, node.id).toBeGreaterThan(0);
      expect(Number.isInteger(node.memoryBytes), node.id).toBe(true);
      expect(node.source, node.id).toMatch(/https:\/\//);
      expect(node.priceRegion, node.id).toBe(regions[node.provider]);
      expect(node.asOf, node.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('a node pool\'s own max pods (nodePools[].maxPods)', () => {
  it('EKS: prefix delegation at 110 pods reserves 11 MiB × 110 + 255 MiB (nodeadm GetMemoryMebibytesToReserve)', () => {
    const node = instance('eks', 'm5.xlarge');
    const result = allocatable(node, 'eks', 110);
    expect(result.pods).toBe(110);
    expect(result.reservation.kubeReservedMemoryBytes).toBe((11 * 110 + 255) * MiB);
    expect(result.memoryBytes).toBe(16 * GiB - (11 * 110 + 255) * MiB - 100 * MiB);
    expect(result.formula).toMatch(/pods 110 \(the node pool's maxPods\)$/);
    expect(allocatable(node, 'eks').formula).toMatch(/pods 58 \(eks default for m5\.xlarge\)$/);
  });

  it('AKS: --max-pods 30 reserves 20 MB × 30 + 50 MB = 650 MB on an 8 GB VM, less than the 250-pod default', () => {
    const node = { ...instance('aks', 'Standard_D4s_v5'), memoryBytes: 8 * GiB };
    expect(allocatable(node, 'aks', 30).reservation.kubeReservedMemoryBytes).toBe(650 * MiB);
    expect(allocatable(node, 'aks').reservation.kubeReservedMemoryBytes).toBe(2 * GiB);
  });

  it('GKE and AKS defaults follow the providers\' published defaults for every catalog entry', () => {
    // GKE Standard: 110 pods per node by default; AKS: 250 with Azure CNI Overlay (sources in instance-types.ts).
    for (const node of instanceTypes.filter((i) => i.provider === 'gke')) expect(allocatable(node, 'gke').pods, node.id).toBe(110);
    for (const node of instanceTypes.filter((i) => i.provider === 'aks')) expect(allocatable(node, 'aks').pods, node.id).toBe(250);
  });
});
