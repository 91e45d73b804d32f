/**
 * VM sizes a node pool can use on EKS, GKE and AKS.
 *
 * Conventions:
 * - memoryBytes: AWS and Azure quote GiB; Compute Engine's "GB" is also 2^30 bytes (its API reports
 *   `memoryMb` in MiB, e.g. 16384 for e2-standard-4). This is the nominal size: the kubelet's
 *   `capacity.memory` is somewhat lower (firmware and kernel reservations).
 * - onDemandUsdPerHour: Linux, pay-as-you-go, in us-east-1 / us-central1 / eastus. AWS prices are
 *   after the June 2025 cut to P4d/P4de/P5 rates. Prices drift; refresh them against the pages below.
 * - maxPods: the provider's default.
 *   EKS: amazon-eks-ami eni-max-pods.txt (what nodeadm/bootstrap give the kubelet), which is
 *     ENIs × (IPv4 per ENI − 1) + 2 on the instance's default network card; `eni` holds those limits.
 *   GKE Standard: 110 per node by default.
 *   AKS: 250, the default for Azure CNI Overlay, the current default network plugin (kubenet and
 *     Azure CNI Pod Subnet default to 110, legacy Azure CNI to 30).
 */
import { GiB } from '../units.ts';
import { nameIndex, type NameIndex } from './names.ts';
import type { InstanceType, Provider } from './types.ts';

const ASOF = '2026-11-25';

const EKS_SOURCE = 'Amazon EC2 instance types https://aws.amazon.com/ec2/instance-types/ ; on-demand prices '
  + 'https://aws.amazon.com/ec2/pricing/on-demand/ ; max pods and ENI limits: amazon-eks-ami '
  + 'https://github.com/awslabs/amazon-eks-ami/blob/main/nodeadm/internal/kubelet/eni-max-pods.txt';
const GKE_SOURCE = 'Compute Engine machine families https://cloud.google.com/compute/docs/machine-resource ; prices '
  + 'https://cloud.google.com/compute/vm-instance-pricing ; GKE Standard default of 110 pods per node '
  + 'https://cloud.google.com/kubernetes-engine/docs/how-to/flexible-pod-cidr';
const AKS_SOURCE = 'Azure VM sizes https://learn.microsoft.com/azure/virtual-machines/sizes/overview ; prices '
  + 'https://azure.microsoft.com/pricing/details/virtual-machines/linux/ ; default max pods 250 for Azure CNI Overlay '
  + 'https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning#maximum-pods-per-node';

interface Gpu { gpus: number; gpuModel: string }
const none: Gpu = { gpus: 0, gpuModel: '' };

function gpuFields(gpu: Gpu): { gpus: number; gpuModel?: string } {
  return gpu.gpus > 0 ? { gpus: gpu.gpus, gpuModel: gpu.gpuModel } : { gpus: 0 };
}

/** EKS entry; maxPods follows from the ENI limits exactly as eni-max-pods.txt lists it. */
function eks(id: string, vcpus: number, memoryGiB: number, usd: number,
  interfaces: number, ipv4PerInterface: number, gpu: Gpu = none, source = EKS_SOURCE): InstanceType {
  return {
    id, provider: 'eks', vcpus, memoryBytes: memoryGiB * GiB, ...gpuFields(gpu),
    maxPods: interfaces * (ipv4PerInterface - 1) + 2,
    onDemandUsdPerHour: usd, priceRegion: 'us-east-1',
    eni: { interfaces, ipv4PerInterface }, source, asOf: ASOF,
  };
}

function gke(id: string, vcpus: number, memoryGiB: number, usd: number, gpu: Gpu = none, source = GKE_SOURCE): InstanceType {
  return {
    id, provider: 'gke', vcpus, memoryBytes: memoryGiB * GiB, ...gpuFields(gpu),
    maxPods: 110, onDemandUsdPerHour: usd, priceRegion: 'us-central1', source, asOf: ASOF,
  };
}

function aks(id: string, vcpus: number, memoryGiB: number, usd: number, gpu: Gpu = none, source = AKS_SOURCE): InstanceType {
  return {
    id, provider: 'aks', vcpus, memoryBytes: memoryGiB * GiB, ...gpuFields(gpu),
    maxPods: 250, onDemandUsdPerHour: usd, priceRegion: 'eastus', source, asOf: ASOF,
  };
}

/** Marks a list price not re-read from the provider's page when it was added: refresh before budgeting with it. */
const UNVERIFIED = 'list price NOT verified against the provider\'s pricing page when this entry was added (2026-12-03; the figure is what third-party catalogs list): refresh it before budgeting';

/**
 * Inter-node GPU network per node, Gbit/s, from the providers' instance pages: EFA on p4d/p4de
 * (400), p5/p5e/p5en/p6-b200 (3200); GPUDirect-TCPX/RDMA on a3-highgpu-8g (1000), a3-ultragpu-8g
 * and a4-highgpu-8g (3200 for GPUs); NDR/HDR InfiniBand on ND H100/H200/MI300X v5 (8 × 400) and
 * ND A100 v4 (8 × 200). Shapes not listed have no GPU fabric: pipeline parallel across them is not offered.
 */
const GPU_NETWORK_GBPS: Record<string, number> = {
  'p4d.24xlarge': 400, 'p4de.24xlarge': 400, 'p5.48xlarge': 3200, 'p5e.48xlarge': 3200, 'p5en.48xlarge': 3200, 'p6-b200.48xlarge': 3200,
  'a3-highgpu-8g': 1000, 'a3-ultragpu-8g': 3200, 'a4-highgpu-8g': 3200,
  Standard_ND96isr_H100_v5: 3200, Standard_ND96isr_H200_v5: 3200, Standard_ND96isr_MI300X_v5: 3200, Standard_ND96amsr_A100_v4: 1600,
};

const g = (gpus: number, gpuModel: string): Gpu => ({ gpus, gpuModel });

const withNetwork = (instance: InstanceType): InstanceType =>
  GPU_NETWORK_GBPS[instance.id] ? { ...instance, gpuNetworkBytesPerSecond: (GPU_NETWORK_GBPS[instance.id]! * 1e9) / 8 } : instance;

export const instanceTypes: readonly InstanceType[] = ([
  // EKS. ENI limits per eni-max-pods.txt: 4×15 → 58, 8×30 → 234, 15×50 → 737; the P5 family
  // counts only network card 0 (2 ENIs × 50) → 100.
  eks('m5.xlarge', 4, 16, 0.192, 4, 15),
  eks('m5.2xlarge', 8, 32, 0.384, 4, 15),
  eks('m5.4xlarge', 16, 64, 0.768, 8, 30),
  eks('c5.4xlarge', 16, 32, 0.68, 8, 30),
  eks('r5.2xlarge', 8, 64, 0.504, 4, 15),
  eks('g5.xlarge', 4, 16, 1.006, 4, 15, g(1, 'A10G-24GB')),
  eks('g5.12xlarge', 48, 192, 5.672, 15, 50, g(4, 'A10G-24GB')),
  eks('g6.xlarge', 4, 16, 0.8048, 4, 15, g(1, 'L4-24GB')),
  eks('g6e.xlarge', 4, 32, 1.861, 4, 15, g(1, 'L40S-48GB')),
  // Larger one-GPU shapes, for replicas that need more than 4 vCPUs beside their GPU, and multi-GPU ones.
  eks('g4dn.xlarge', 4, 16, 0.526, 3, 10, g(1, 'T4-16GB')),
  eks('g5.2xlarge', 8, 32, 1.212, 4, 15, g(1, 'A10G-24GB')),
  eks('g5.4xlarge', 16, 64, 1.624, 8, 30, g(1, 'A10G-24GB')),
  eks('g5.48xlarge', 192, 768, 16.288, 7, 50, g(8, 'A10G-24GB')),
  eks('g6.2xlarge', 8, 32, 0.9776, 4, 15, g(1, 'L4-24GB')),
  eks('g6.4xlarge', 16, 64, 1.3232, 8, 30, g(1, 'L4-24GB')),
  eks('g6.12xlarge', 48, 192, 4.6016, 8, 30, g(4, 'L4-24GB')),
  eks('g6.48xlarge', 192, 768, 13.3504, 15, 50, g(8, 'L4-24GB')),
  eks('p4d.24xlarge', 96, 1152, 21.957642, 15, 50, g(8, 'A100-SXM-40GB')),
  eks('p4de.24xlarge', 96, 1152, 27.44705, 15, 50, g(8, 'A100-SXM-80GB')),
  eks('p5.48xlarge', 192, 2048, 55.04, 2, 50, g(8, 'H100-SXM-80GB')),
  // AWS sells p5e.48xlarge through Capacity Blocks / Savings Plans, not on demand. The price below is
  // p5en.48xlarge's on-demand rate (same 8 × H200, CPUs and memory) standing in for it.
  eks('p5e.48xlarge', 192, 2048, 63.296, 2, 50, g(8, 'H200-SXM-141GB'),
    `${EKS_SOURCE} ; no on-demand offering: price is p5en.48xlarge's on-demand rate as a proxy`),
  // p5en and p6-b200: 198 pods in eni-max-pods.txt (network card 0: 4 ENIs × 50 addresses).
  eks('p5en.48xlarge', 192, 2048, 63.296, 4, 50, g(8, 'H200-SXM-141GB')),
  eks('p6-b200.48xlarge', 192, 2048, 113.9328, 4, 50, g(8, 'B200-180GB')),

  // GKE. a2/a3/g2 prices include their attached GPUs.
  gke('e2-standard-4', 4, 16, 0.134012),
  gke('n2-standard-8', 8, 32, 0.388472),
  gke('n2-standard-16', 16, 64, 0.776944),
  gke('c2-standard-16', 16, 64, 0.83488),
  gke('n2-highmem-8', 8, 64, 0.524056),
  gke('g2-standard-8', 8, 32, 0.85389, g(1, 'L4-24GB')),
  gke('g2-standard-24', 24, 96, 2.0019, g(2, 'L4-24GB')),
  gke('a2-highgpu-1g', 12, 85, 3.673385, g(1, 'A100-SXM-40GB')),
  gke('a2-ultragpu-1g', 12, 170, 5.0688, g(1, 'A100-SXM-80GB')),
  gke('a2-highgpu-8g', 96, 680, 29.38708, g(8, 'A100-SXM-40GB')),
  gke('a2-ultragpu-8g', 96, 1360, 40.5504, g(8, 'A100-SXM-80GB')),
  gke('g2-standard-48', 48, 192, 4.0038, g(4, 'L4-24GB')),
  gke('a3-highgpu-8g', 208, 1872, 88.2531, g(8, 'H100-SXM-80GB')),
  // 8 × $10.4365 per GPU-hour (instance share, us-central1) from the Cloud Billing Catalog as of 2026-10-13.
  gke('a3-ultragpu-8g', 224, 2952, 83.492, g(8, 'H200-SXM-141GB'),
    `${GKE_SOURCE} ; price via the Cloud Billing Catalog API as tabulated at https://huggingface.co/datasets/tanod/cloud-gpu-list-prices (2026-10-13)`),
  // No on-demand offering for A4 (as of 2026-09-23): Calendar Mode $90.22/h per node stands in
  // (DWS Flex-start is $64.44/h, Spot $39.63/h), from https://cloud.google.com/products/compute/pricing/accelerator-optimized.
  gke('a4-highgpu-8g', 224, 3968, 90.22, g(8, 'B200-180GB'),
    `${GKE_SOURCE} ; no on-demand offering: price is the Calendar Mode rate as a proxy (read 2026-09-23)`),
  // G4: 1, 2, 4 or 8 × RTX PRO 6000 Blackwell Server Edition, 48 vCPUs and 180 GB per GPU; us-central1
  // on-demand prices as gpuhunt lists them from the Cloud Billing Catalog (dstack PR #3213, 2025-10-22).
  ...([[1, 48, 180, 4.5001], [2, 96, 360, 9.0002], [4, 192, 720, 18.0003], [8, 384, 1440, 36.0006]] as const).map(([gpus, vcpus, memoryGiB, usd]) =>
    gke(`g4-standard-${vcpus}`, vcpus, memoryGiB, usd, g(gpus, 'RTX-PRO-6000-96GB'),
      `${GKE_SOURCE} ; G4 machine types and prices as listed by gpuhunt in https://github.com/dstackai/dstack/pull/3213 (2025-10-22): ${UNVERIFIED}`)),

  // AKS.
  aks('Standard_D4s_v5', 4, 16, 0.192),
  aks('Standard_D8s_v5', 8, 32, 0.384),
  aks('Standard_D16s_v5', 16, 64, 0.768),
  aks('Standard_E8s_v5', 8, 64, 0.504),
  aks('Standard_F16s_v2', 16, 32, 0.677),
  aks('Standard_NC24ads_A100_v4', 24, 220, 3.673, g(1, 'A100-PCIe-80GB')),
  aks('Standard_NC48ads_A100_v4', 48, 440, 7.346, g(2, 'A100-PCIe-80GB')),
  aks('Standard_NC96ads_A100_v4', 96, 880, 14.692, g(4, 'A100-PCIe-80GB')),
  aks('Standard_NC8as_T4_v3', 8, 56, 0.752, g(1, 'T4-16GB')),
  aks('Standard_NV36ads_A10_v5', 36, 440, 3.2, g(1, 'A10-24GB')),
  aks('Standard_NC4as_T4_v3', 4, 28, 0.526, g(1, 'T4-16GB')),
  aks('Standard_ND96isr_H100_v5', 96, 1900, 98.32, g(8, 'H100-SXM-80GB')),
  aks('Standard_ND96amsr_A100_v4', 96, 1900, 32.77, g(8, 'A100-SXM-80GB')),
  // ND H200 v5 and ND MI300X v5: 96 vCPUs, 1850 GiB, 8 GPUs, 8 × 400 Gb/s NDR InfiniBand (Azure size pages).
  aks('Standard_ND96isr_H200_v5', 96, 1850, 84.0, g(8, 'H200-SXM-141GB'), `${AKS_SOURCE} ; ${UNVERIFIED}`),
  aks('Standard_ND96isr_MI300X_v5', 96, 1850, 48.0, g(8, 'MI300X-192GB'), `${AKS_SOURCE} ; ${UNVERIFIED}`),
] satisfies InstanceType[]).map(withNetwork);

/** AKS sizes also answer without their `Standard_` prefix (`ND96isr_H100_v5`), as `az vm list-sizes` users often write them. */
const instanceAliases = (instance: InstanceType): string[] => (instance.provider === 'aks' ? [instance.id.replace(/^Standard_/, '')] : []);

/** Instance type names per provider (any provider's for a generic cluster), whatever the case (names.ts). */
export const instanceTypeNames: Readonly<Record<Provider, NameIndex<InstanceType>>> = {
  eks: nameIndex(instanceTypes.filter((i) => i.provider === 'eks'), (i) => i.id, instanceAliases),
  gke: nameIndex(instanceTypes.filter((i) => i.provider === 'gke'), (i) => i.id, instanceAliases),
  aks: nameIndex(instanceTypes.filter((i) => i.provider === 'aks'), (i) => i.id, instanceAliases),
  generic: nameIndex(instanceTypes, (i) => i.id, instanceAliases),
};

export function findInstanceType(provider: Provider, id: string): InstanceType | undefined {
  return instanceTypeNames[provider].find(id);
}
