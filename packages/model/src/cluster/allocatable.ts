/**
 * Node allocatable: what the scheduler can give pods once the kubelet's reservations are taken off a
 * VM's capacity, and what the per-node daemonsets request out of that.
 *
 * allocatable = capacity − kube-reserved − system-reserved − hard eviction threshold
 * (Kubernetes, "Reserve Compute Resources for System Daemons",
 * https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/).
 *
 * Capacity here is the catalog's nominal VM size; a real node reports slightly less memory
 * (firmware and kernel reservations), so real allocatable memory is a little lower still.
 */
import type { InstanceType, Provider } from '../catalog/types.ts';
import { GiB, MiB } from '../units.ts';

export interface EniLimits { interfaces: number; ipv4PerInterface: number }

/**
 * EKS max pods with the VPC CNI in secondary-IP mode: ENIs × (IPv4 per ENI − 1) + 2. The first
 * address of each ENI is the ENI's own; +2 for the host-network pods aws-node and kube-proxy.
 * Source: the header of amazon-eks-ami eni-max-pods.txt and nodeadm's maxpods.go
 * (https://github.com/awslabs/amazon-eks-ami/tree/main/nodeadm/internal/kubelet).
 * No ceiling is applied: eni-max-pods.txt and nodeadm hand this figure to the kubelet as is.
 */
export function eksMaxPods(eni: EniLimits): number {
  return eni.interfaces * (eni.ipv4PerInterface - 1) + 2;
}

/**
 * The ceiling the AMI's max-pods-calculator.sh puts on its answer: 110 up to 30 vCPUs, 250 above.
 * It is what keeps prefix delegation (ENIs × (IPv4 per ENI − 1) × 16 + 2, often > 1000) sane; the
 * script applies it unless --show-max-allowed is given. eksMaxPods does not apply it.
 * Source: https://github.com/awslabs/amazon-eks-ami/blob/main/templates/al2/runtime/max-pods-calculator.sh
 */
export function eksMaxPodsCeiling(vcpus: number): number {
  return vcpus > 30 ? 250 : 110;
}

export interface Reservation {
  kubeReservedCpuCores: number;
  kubeReservedMemoryBytes: number;
  systemReservedCpuCores: number;
  systemReservedMemoryBytes: number;
  evictionMemoryBytes: number;
}

export interface Allocatable {
  cpuCores: number;
  memoryBytes: number;
  gpus: number;
  pods: number;
  reservation: Reservation;
  /** The arithmetic, with numbers, for people to read. */
  formula: string;
  source: string;
}

/** kubelet's default hard eviction threshold memory.available<100Mi; every provider below keeps it. */
const EVICTION_BYTES = 100 * MiB;
/** kubelet's default maxPods (KubeletConfiguration). */
const KUBELET_DEFAULT_MAX_PODS = 110;

type Band = readonly [width: number, rate: number];

/** The amount falling in each successive band, times that band's rate. */
function bandParts(amount: number, bands: readonly Band[]): number[] {
  let start = 0;
  return bands.map(([width, rate]) => {
    const inBand = Math.max(0, Math.min(amount - start, width));
    start += width;
    return inBand * rate;
  });
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** 6% of the first core, 1% of the second, 0.5% of the third and fourth, 0.25% of the rest (in millicores). */
const CPU_BANDS: readonly Band[] = [[1000, 0.06], [1000, 0.01], [2000, 0.005], [Infinity, 0.0025]];
const CPU_BANDS_TEXT = '6% of core 1 + 1% of core 2 + 0.5% of cores 3–4 + 0.25% of the rest';

/**
 * EKS kube-reserved CPU, millicores: the CPU bands, each band rounded down to whole millicores as
 * nodeadm's integer arithmetic does (getCPUMillicoresToReserve). 4 vCPUs → 60 + 10 + 10 = 80m.
 */
export function eksKubeReservedCpuMillicores(vcpus: number): number {
  return sum(bandParts(vcpus * 1000, CPU_BANDS).map(Math.floor));
}

/** EKS kube-reserved memory: 11 MiB per pod the node may run + 255 MiB (nodeadm GetMemoryMebibytesToReserve). */
export function eksKubeReservedMemoryBytes(maxPods: number): number {
  return (11 * maxPods + 255) * MiB;
}

/** GKE reserved CPU, millicores: the same bands (GKE publishes them; EKS copied them). */
export function gkeReservedCpuMillicores(vcpus: number): number {
  return sum(bandParts(vcpus * 1000, CPU_BANDS));
}

const GKE_MEMORY_BANDS: readonly Band[] = [[4 * GiB, 0.25], [4 * GiB, 0.2], [8 * GiB, 0.1], [112 * GiB, 0.06], [Infinity, 0.02]];

/** GKE reserved memory: 255 MiB below 1 GiB; otherwise 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112, 2% above 128 GiB. */
export function gkeReservedMemoryBytes(memoryBytes: number): number {
  if (memoryBytes < GiB) return 255 * MiB;
  return Math.round(sum(bandParts(memoryBytes, GKE_MEMORY_BANDS)));
}

/**
 * AKS kube-reserved CPU, millicores. AKS publishes a table, not a formula:
 * 1 → 60, 2 → 100, 4 → 140, 8 → 180, 16 → 260, 32 → 420, 64 → 740.
 * From 4 cores up every entry equals 100 + 10 × cores; below that we interpolate linearly
 * (60 + 40 per core to 2, + 20 per core to 4). Sizes between or above the table (24, 36, 96 cores) are
 * therefore our reading of the table, not a published figure.
 */
export function aksKubeReservedCpuMillicores(vcpus: number): number {
  if (vcpus <= 1) return 60 * vcpus;
  if (vcpus <= 2) return 60 + 40 * (vcpus - 1);
  if (vcpus <= 4) return 100 + 20 * (vcpus - 2);
  return 100 + 10 * vcpus;
}

/**
 * AKS 1.29+ kube-reserved memory: the lesser of 20 MB × max pods + 50 MB and 25% of the VM's memory.
 * The doc writes MB; the kubelet takes Mi, so MiB here. 8 GB with 30 pods → 650 MiB; 4 GB with 70 pods → 25%.
 */
export function aksKubeReservedMemoryBytes(memoryBytes: number, maxPods: number): number {
  return Math.min((20 * maxPods + 50) * MiB, Math.round(0.25 * memoryBytes));
}

/** Max pods a node gets by default on `provider`. */
export function defaultMaxPods(instance: InstanceType, provider: Provider): number {
  if (provider === 'generic') return KUBELET_DEFAULT_MAX_PODS;
  if (provider === instance.provider) return instance.maxPods;
  if (provider === 'eks') return instance.eni ? eksMaxPods(instance.eni) : KUBELET_DEFAULT_MAX_PODS;
  return provider === 'aks' ? 250 : 110;
}

const SOURCES: Record<Provider, string> = {
  eks: 'amazon-eks-ami nodeadm kubelet config (kubeReserved, evictionHard) '
    + 'https://github.com/awslabs/amazon-eks-ami/blob/main/nodeadm/internal/kubelet/config.go',
  gke: 'GKE, About node sizing: memory and CPU reservations '
    + 'https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes#memory_and_cpu_reservations',
  aks: 'AKS node resource reservations (AKS 1.29 and later) https://learn.microsoft.com/azure/aks/node-resource-reservations',
  generic: 'kubelet defaults as kubeadm leaves them: no kube-/system-reserved, evictionHard memory.available<100Mi, maxPods 110 '
    + 'https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/',
};

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const fmtBytes = (bytes: number): string =>
  (bytes >= GiB ? `${round(bytes / GiB, 2)} GiB` : `${round(bytes / MiB, 0)} MiB`);

interface Reserved { kubeCpuMillicores: number; kubeMemoryBytes: number; cpuWhy: string; memoryWhy: string }

function reserved(instance: InstanceType, provider: Provider, pods: number): Reserved {
  const memory = instance.memoryBytes;
  switch (provider) {
    case 'eks':
      return {
        kubeCpuMillicores: eksKubeReservedCpuMillicores(instance.vcpus),
        kubeMemoryBytes: eksKubeReservedMemoryBytes(pods),
        cpuWhy: CPU_BANDS_TEXT,
        memoryWhy: `11 MiB × ${pods} pods + 255 MiB`,
      };
    case 'gke':
      return {
        kubeCpuMillicores: gkeReservedCpuMillicores(instance.vcpus),
        kubeMemoryBytes: gkeReservedMemoryBytes(memory),
        cpuWhy: CPU_BANDS_TEXT,
        memoryWhy: memory < GiB ? '255 MiB for machines under 1 GiB'
          : '25% of the first 4 GiB + 20% of the next 4 + 10% of the next 8 + 6% of the next 112 + 2% above 128 GiB',
      };
    case 'aks': {
      const perPod = (20 * pods + 50) * MiB;
      return {
        kubeCpuMillicores: aksKubeReservedCpuMillicores(instance.vcpus),
        kubeMemoryBytes: aksKubeReservedMemoryBytes(memory, pods),
        cpuWhy: [1, 2, 4, 8, 16, 32, 64].includes(instance.vcpus) ? `AKS table, ${instance.vcpus} cores`
          : instance.vcpus > 4 ? `read from the AKS table: 100m + 10m × ${instance.vcpus} cores`
            : `interpolated in the AKS table, ${instance.vcpus} cores`,
        memoryWhy: `lesser of 20 MiB × ${pods} pods + 50 MiB = ${fmtBytes(perPod)} and 25% × ${fmtBytes(memory)} = ${fmtBytes(0.25 * memory)}`,
      };
    }
    case 'generic':
      return { kubeCpuMillicores: 0, kubeMemoryBytes: 0, cpuWhy: 'none', memoryWhy: 'none' };
  }
}

/**
 * Allocatable CPU, memory, GPUs and pods of one node of `instance` under `provider`'s defaults, or
 * with the node pool's own max pods (`nodePools[].maxPods`: EKS prefix delegation, AKS
 * `--max-pods`), which EKS and AKS also reserve memory by.
 */
export function allocatable(instance: InstanceType, provider: Provider, maxPods?: number): Allocatable {
  const pods = maxPods ?? defaultMaxPods(instance, provider);
  const r = reserved(instance, provider, pods);
  const reservation: Reservation = {
    kubeReservedCpuCores: r.kubeCpuMillicores / 1000,
    kubeReservedMemoryBytes: r.kubeMemoryBytes,
    // None of the four providers sets system-reserved on Linux nodes by default.
    systemReservedCpuCores: 0,
    systemReservedMemoryBytes: 0,
    evictionMemoryBytes: EVICTION_BYTES,
  };
  const cpuCores = Math.max(0, (instance.vcpus * 1000 - r.kubeCpuMillicores) / 1000);
  const memoryBytes = Math.max(0, instance.memoryBytes - r.kubeMemoryBytes - EVICTION_BYTES);
  const formula = [
    `CPU ${instance.vcpus} − ${round(r.kubeCpuMillicores / 1000, 4)} kube-reserved (${r.cpuWhy}) = ${round(cpuCores, 4)} cores`,
    `memory ${fmtBytes(instance.memoryBytes)} − ${fmtBytes(r.kubeMemoryBytes)} kube-reserved (${r.memoryWhy}) `
      + `− 100 MiB eviction = ${fmtBytes(memoryBytes)}`,
    `pods ${pods} (${maxPods !== undefined ? 'the node pool\'s maxPods' : `${provider} default for ${instance.id}`})`,
  ].join('; ');
  return { cpuCores, memoryBytes, gpus: instance.gpus, pods, reservation, formula, source: SOURCES[provider] };
}

export interface DaemonsetOverhead { cpuCores: number; memoryBytes: number; pods: number }

export interface NodeDaemonset {
  name: string;
  cpuCores: number;
  memoryBytes: number;
  /** True where no default request is published and the figure is our estimate of typical use. */
  estimate: boolean;
  source: string;
}

const ds = (name: string, cpuMillicores: number, memoryMiB: number, estimate: boolean, source: string): NodeDaemonset =>
  ({ name, cpuCores: cpuMillicores / 1000, memoryBytes: memoryMiB * MiB, estimate, source });

const KUBE_PROXY: Record<Provider, NodeDaemonset> = {
  eks: ds('kube-proxy', 100, 0, false, 'EKS kube-proxy add-on DaemonSet: requests cpu 100m, no memory request'),
  gke: ds('kube-proxy', 100, 0, false, 'kube-proxy static pod, requests cpu 100m: kubernetes cluster/gce/manifests/kube-proxy.manifest'),
  // Estimates: AKS does not publish its kube-proxy requests; kubeadm's kube-proxy sets none. 100m as on EKS/GKE.
  aks: ds('kube-proxy', 100, 0, true, 'estimate: same as the EKS/GKE kube-proxy request'),
  generic: ds('kube-proxy', 100, 0, true, 'estimate: kubeadm sets no request; same as the EKS/GKE kube-proxy request'),
};

const CNI: Record<Provider, NodeDaemonset> = {
  eks: ds('aws-node (VPC CNI + network policy agent)', 50, 0, false,
    'aws-vpc-cni chart: aws-node 25m + aws-eks-nodeagent 25m CPU, no memory request '
    + 'https://github.com/aws/amazon-vpc-cni-k8s/tree/master/charts/aws-vpc-cni'),
  // Estimates: GKE's netd/anetd and AKS's azure-cns manifests publish no requests.
  gke: ds('GKE CNI (netd / anetd)', 100, 128, true, 'estimate: https://github.com/GoogleCloudPlatform/netd publishes no requests'),
  aks: ds('Azure CNI (azure-cns)', 100, 128, true,
    'estimate: https://github.com/Azure/azure-container-networking/blob/master/cns/azure-cns.yaml publishes no requests'),
  generic: ds('calico-node', 250, 0, false, 'Calico manifest calico.yaml: calico-node requests cpu 250m, no memory request'),
};

const NODE_EXPORTER = ds('node-exporter (+ kube-rbac-proxy)', 112, 200, false,
  'kube-prometheus: node-exporter 102m/180Mi + kube-rbac-proxy 10m/20Mi https://github.com/prometheus-operator/kube-prometheus');

function gpuDaemonsets(provider: Provider): NodeDaemonset[] {
  const devicePlugin = provider === 'gke'
    ? ds('nvidia-gpu-device-plugin', 50, 10, false,
      'GKE device plugin requests 50m/10Mi https://github.com/GoogleCloudPlatform/container-engine-accelerators')
    // NVIDIA's k8s-device-plugin chart ships `resources: {}`; estimate.
    : ds('nvidia-device-plugin', 50, 64, true, 'estimate: NVIDIA k8s-device-plugin chart sets no requests');
  // dcgm-exporter's chart ships `resources: {}`; estimate of its steady use.
  const dcgm = ds('dcgm-exporter', 100, 256, true, 'estimate: NVIDIA dcgm-exporter chart sets no requests');
  return [devicePlugin, dcgm];
}

/** The daemonsets a typical node runs, with their requests. */
export function nodeDaemonsets(instance: InstanceType, provider: Provider): NodeDaemonset[] {
  return [KUBE_PROXY[provider], CNI[provider], NODE_EXPORTER, ...(instance.gpus > 0 ? gpuDaemonsets(provider) : [])];
}

/** What those daemonsets take out of each node's allocatable. */
export function daemonsetOverhead(instance: InstanceType, provider: Provider): DaemonsetOverhead {
  const list = nodeDaemonsets(instance, provider);
  return {
    cpuCores: round(sum(list.map((d) => d.cpuCores)), 6),
    memoryBytes: sum(list.map((d) => d.memoryBytes)),
    pods: list.length,
  };
}
