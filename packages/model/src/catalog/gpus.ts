/**
 * Accelerator catalog, read from the vendors' datasheets.
 *
 * Conventions:
 * - memoryBytes: the marketing "N GB" taken as N GiB (N × 2^30). HBM and GDDR parts are built from
 *   power-of-two dies, and the driver reports them that way (nvidia-smi shows an A100 80GB as
 *   81920 MiB; an H200's 141 GB as ~143771 MiB; rocm-smi shows an MI300X as ~192 GiB). This is the
 *   installed capacity: the driver, ECC and the CUDA context take some of it, which the sizing
 *   engine accounts for separately (see assumptions.ts).
 * - Bandwidth and throughputs are decimal, as datasheets quote them (3.35 TB/s = 3.35e12 B/s).
 * - Throughputs are dense. NVIDIA (Ampere and later) and AMD quote tensor figures "with sparsity"
 *   (2:4 structured); those are halved here.
 */
import { GiB } from '../units.ts';
import { gpuAliases, nameIndex, normalizeName } from './names.ts';
import type { GpuSpec } from './types.ts';

const T = 1e12;
const GBps = 1e9;
const ASOF = '2026-11-25';

/**
 * Interconnects. Bandwidth per GPU per direction: NVLink 3 (A100) 600 GB/s, NVLink 4 (H100/H200/H20)
 * 900 GB/s, NVLink 5 (Blackwell) 1.8 TB/s bidirectional per GPU (NVIDIA datasheets), halved; AMD
 * Infinity Fabric 7 links × 128 GB/s (MI300X/MI325X) or 153.6 GB/s (MI355X) bidirectional, halved;
 * PCIe x16 per direction: Gen3 16, Gen4 32, Gen5 64 GB/s (PCI-SIG).
 * allReduceLatencySeconds is an estimate, not a datasheet figure: the small-message floor of one
 * all-reduce within a node as nccl-tests/RCCL-tests report it (single-digit microseconds over
 * NVLink/NVSwitch with the serving engines' custom all-reduce, tens over PCIe). It is one of the
 * figures the calibration in docs/sizing.md checks against published latencies.
 */
const nvlink = (bandwidthBytesPerSecond: number, domainGpus: number) => ({ kind: 'nvlink' as const, bandwidthBytesPerSecond, allReduceLatencySeconds: 8e-6, domainGpus });
const infinityFabric = (bandwidthBytesPerSecond: number) => ({ kind: 'infinity-fabric' as const, bandwidthBytesPerSecond, allReduceLatencySeconds: 10e-6, domainGpus: 8 });
const pcie = (bandwidthBytesPerSecond: number) => ({ kind: 'pcie' as const, bandwidthBytesPerSecond, allReduceLatencySeconds: 25e-6, domainGpus: 8 });

const H100_SOURCE = 'NVIDIA H100 Tensor Core GPU datasheet — https://www.nvidia.com/en-us/data-center/h100/';
const A100_SOURCE = 'NVIDIA A100 Tensor Core GPU datasheet — https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf';

export const gpus: readonly GpuSpec[] = [
  // Turing has no BF16 and no sparsity: bf16 field holds the FP16 tensor figure (65 TFLOPS); INT8 130 TOPS.
  {
    id: 'T4-16GB', vendor: 'nvidia', name: 'NVIDIA T4 16GB',
    memoryBytes: 16 * GiB, memoryBandwidthBytesPerSecond: 320 * GBps,
    bf16FlopsPerSecond: 65 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 130 * T, fp4FlopsPerSecond: 0,
    interconnect: pcie(16 * GBps),
    tdpWatts: 70, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA T4 Tensor Core GPU datasheet — https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-t4/t4-tensor-core-datasheet-951643.pdf',
    asOf: ASOF,
  },
  // Datasheet BF16 242 / FP8 485 / INT8 485 are with sparsity; dense 121 / 242.5 / 242.5.
  {
    id: 'L4-24GB', vendor: 'nvidia', name: 'NVIDIA L4 24GB',
    memoryBytes: 24 * GiB, memoryBandwidthBytesPerSecond: 300 * GBps,
    bf16FlopsPerSecond: 121 * T, fp8FlopsPerSecond: 242.5 * T, int8OpsPerSecond: 242.5 * T, fp4FlopsPerSecond: 0,
    interconnect: pcie(32 * GBps),
    tdpWatts: 72, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA L4 Tensor Core GPU datasheet — https://www.nvidia.com/en-us/data-center/l4/',
    asOf: ASOF,
  },
  // AWS-only variant of the A10; NVIDIA publishes no datasheet. Dense BF16 70 TFLOPS / INT8 140 TOPS
  // (about 0.56× the A10's tensor rate) per the comparison below; memory and bandwidth match the A10.
  {
    id: 'A10G-24GB', vendor: 'nvidia', name: 'NVIDIA A10G 24GB',
    memoryBytes: 24 * GiB, memoryBandwidthBytesPerSecond: 600 * GBps,
    bf16FlopsPerSecond: 70 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 140 * T, fp4FlopsPerSecond: 0,
    interconnect: pcie(32 * GBps),
    tdpWatts: 300, kubernetesResource: 'nvidia.com/gpu',
    source: 'Amazon EC2 G5 instances — https://aws.amazon.com/ec2/instance-types/g5/ ; Baseten, "NVIDIA A10 vs A10G for ML model inference" — https://www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference/',
    asOf: ASOF,
  },
  // Datasheet BF16 250 / INT8 500 are with sparsity; dense 125 / 250.
  {
    id: 'A10-24GB', vendor: 'nvidia', name: 'NVIDIA A10 24GB',
    memoryBytes: 24 * GiB, memoryBandwidthBytesPerSecond: 600 * GBps,
    bf16FlopsPerSecond: 125 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 250 * T, fp4FlopsPerSecond: 0,
    interconnect: pcie(32 * GBps),
    tdpWatts: 150, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA A10 Tensor Core GPU datasheet — https://www.nvidia.com/en-us/data-center/products/a10-gpu/',
    asOf: ASOF,
  },
  // Datasheet BF16 733 / FP8 1466 / INT8 1466 are with sparsity; dense 362.05 / 733 / 733.
  {
    id: 'L40S-48GB', vendor: 'nvidia', name: 'NVIDIA L40S 48GB',
    memoryBytes: 48 * GiB, memoryBandwidthBytesPerSecond: 864 * GBps,
    bf16FlopsPerSecond: 362.05 * T, fp8FlopsPerSecond: 733 * T, int8OpsPerSecond: 733 * T, fp4FlopsPerSecond: 0,
    interconnect: pcie(32 * GBps),
    tdpWatts: 350, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA L40S GPU datasheet — https://www.nvidia.com/en-us/data-center/l40s/',
    asOf: ASOF,
  },
  // Datasheet BF16 624 / INT8 1248 are with sparsity; dense 312 / 624. No FP8 on Ampere.
  {
    id: 'A100-SXM-40GB', vendor: 'nvidia', name: 'NVIDIA A100 SXM4 40GB',
    memoryBytes: 40 * GiB, memoryBandwidthBytesPerSecond: 1555 * GBps,
    bf16FlopsPerSecond: 312 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 624 * T, fp4FlopsPerSecond: 0,
    interconnect: nvlink(300 * GBps, 8),
    tdpWatts: 400, kubernetesResource: 'nvidia.com/gpu',
    source: A100_SOURCE, asOf: ASOF,
  },
  // As A100 SXM 40GB (dense 312 / 624); HBM2e at 2039 GB/s.
  {
    id: 'A100-SXM-80GB', vendor: 'nvidia', name: 'NVIDIA A100 SXM4 80GB',
    memoryBytes: 80 * GiB, memoryBandwidthBytesPerSecond: 2039 * GBps,
    bf16FlopsPerSecond: 312 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 624 * T, fp4FlopsPerSecond: 0,
    interconnect: nvlink(300 * GBps, 8),
    tdpWatts: 400, kubernetesResource: 'nvidia.com/gpu',
    source: A100_SOURCE, asOf: ASOF,
  },
  // Same peak tensor rates as SXM (dense 312 / 624); 1935 GB/s, 300 W.
  {
    id: 'A100-PCIe-80GB', vendor: 'nvidia', name: 'NVIDIA A100 PCIe 80GB',
    memoryBytes: 80 * GiB, memoryBandwidthBytesPerSecond: 1935 * GBps,
    bf16FlopsPerSecond: 312 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 624 * T, fp4FlopsPerSecond: 0,
    interconnect: pcie(32 * GBps),
    tdpWatts: 300, kubernetesResource: 'nvidia.com/gpu',
    source: A100_SOURCE, asOf: ASOF,
  },
  // Datasheet BF16 1979 / FP8 3958 / INT8 3958 are with sparsity; dense 989.5 / 1979 / 1979. TDP "up to 700 W".
  {
    id: 'H100-SXM-80GB', vendor: 'nvidia', name: 'NVIDIA H100 SXM5 80GB',
    memoryBytes: 80 * GiB, memoryBandwidthBytesPerSecond: 3.35e12,
    bf16FlopsPerSecond: 989.5 * T, fp8FlopsPerSecond: 1979 * T, int8OpsPerSecond: 1979 * T, fp4FlopsPerSecond: 0,
    interconnect: nvlink(450 * GBps, 8),
    tdpWatts: 700, kubernetesResource: 'nvidia.com/gpu',
    source: H100_SOURCE, asOf: ASOF,
  },
  // Datasheet BF16 1513 / FP8 3026 / INT8 3026 are with sparsity; dense 756.5 / 1513 / 1513. TDP 300-350 W; upper bound kept.
  {
    id: 'H100-PCIe-80GB', vendor: 'nvidia', name: 'NVIDIA H100 PCIe 80GB',
    memoryBytes: 80 * GiB, memoryBandwidthBytesPerSecond: 2.0e12,
    bf16FlopsPerSecond: 756.5 * T, fp8FlopsPerSecond: 1513 * T, int8OpsPerSecond: 1513 * T, fp4FlopsPerSecond: 0,
    interconnect: pcie(64 * GBps),
    tdpWatts: 350, kubernetesResource: 'nvidia.com/gpu',
    source: H100_SOURCE, asOf: ASOF,
  },
  // Same compute as H100 SXM (sparse 1979 / 3958 / 3958 → dense 989.5 / 1979 / 1979); 141 GB HBM3e at 4.8 TB/s.
  {
    id: 'H200-SXM-141GB', vendor: 'nvidia', name: 'NVIDIA H200 SXM 141GB',
    memoryBytes: 141 * GiB, memoryBandwidthBytesPerSecond: 4.8e12,
    bf16FlopsPerSecond: 989.5 * T, fp8FlopsPerSecond: 1979 * T, int8OpsPerSecond: 1979 * T, fp4FlopsPerSecond: 0,
    interconnect: nvlink(450 * GBps, 8),
    tdpWatts: 700, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA H200 Tensor Core GPU datasheet — https://www.nvidia.com/en-us/data-center/h200/',
    asOf: ASOF,
  },
  // AMD quotes dense and sparse separately: dense BF16 1307.4, FP8 2614.9, INT8 2614.9 (sparse doubles each).
  {
    id: 'MI300X-192GB', vendor: 'amd', name: 'AMD Instinct MI300X 192GB',
    memoryBytes: 192 * GiB, memoryBandwidthBytesPerSecond: 5.3e12,
    bf16FlopsPerSecond: 1307.4 * T, fp8FlopsPerSecond: 2614.9 * T, int8OpsPerSecond: 2614.9 * T, fp4FlopsPerSecond: 0,
    interconnect: infinityFabric(448 * GBps),
    tdpWatts: 750, kubernetesResource: 'amd.com/gpu',
    source: 'AMD Instinct MI300X accelerator specifications — https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html',
    asOf: ASOF,
  },
  // AMD quotes dense figures: BF16 1307.4, FP8 2614.9, INT8 2614.9 (as MI300X); 256 GB HBM3E at 6 TB/s, 1000 W.
  {
    id: 'MI325X-256GB', vendor: 'amd', name: 'AMD Instinct MI325X 256GB',
    memoryBytes: 256 * GiB, memoryBandwidthBytesPerSecond: 6.0e12,
    bf16FlopsPerSecond: 1307.4 * T, fp8FlopsPerSecond: 2614.9 * T, int8OpsPerSecond: 2614.9 * T, fp4FlopsPerSecond: 0,
    interconnect: infinityFabric(448 * GBps),
    tdpWatts: 1000, kubernetesResource: 'amd.com/gpu',
    source: 'AMD Instinct MI325X accelerator specifications — https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html',
    asOf: ASOF,
  },
  // AMD dense: BF16 2516.6, FP8 5033.2, INT8 5033.2, MXFP4 10066.3 TFLOPS; 288 GB HBM3E at 8 TB/s;
  // Infinity Fabric 7 × 153.6 GB/s; 1400 W.
  {
    id: 'MI355X-288GB', vendor: 'amd', name: 'AMD Instinct MI355X 288GB',
    memoryBytes: 288 * GiB, memoryBandwidthBytesPerSecond: 8.0e12,
    bf16FlopsPerSecond: 2516.6 * T, fp8FlopsPerSecond: 5033.2 * T, int8OpsPerSecond: 5033.2 * T, fp4FlopsPerSecond: 10066.3 * T,
    interconnect: infinityFabric(537.6 * GBps),
    tdpWatts: 1400, kubernetesResource: 'amd.com/gpu',
    source: 'AMD Instinct MI355X accelerator specifications — https://www.amd.com/en/products/accelerators/instinct/mi350/mi355x.html',
    asOf: ASOF,
  },
  // HGX B200 (8 GPUs): FP4 144 PF, FP8 72 PF, BF16 36 PF, INT8 72 POPS, all with sparsity → per GPU
  // dense 9 / 4.5 / 2.25 / 4.5 PF. 1,440 GB HBM3e → 180 GB and 64 TB/s → 8 TB/s per GPU; NVLink 5; 1000 W.
  {
    id: 'B200-180GB', vendor: 'nvidia', name: 'NVIDIA B200 (HGX) 180GB',
    memoryBytes: 180 * GiB, memoryBandwidthBytesPerSecond: 8.0e12,
    bf16FlopsPerSecond: 2250 * T, fp8FlopsPerSecond: 4500 * T, int8OpsPerSecond: 4500 * T, fp4FlopsPerSecond: 9000 * T,
    interconnect: nvlink(900 * GBps, 8),
    tdpWatts: 1000, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA HGX platform datasheet (HGX B200) — https://www.nvidia.com/en-us/data-center/hgx/',
    asOf: ASOF,
  },
  // HGX B300: FP4 144 PF sparse / 105 PF dense per 8 GPUs → 13.1 PF dense per GPU; FP8 72 PF and
  // BF16 36 PF sparse → 4.5 / 2.25 dense; INT8 cut to 2 POPS sparse per board → 0.125 dense per GPU
  // (NVIDIA's HGX table; glennklockwood.com's B300 page, written before it, still lists INT8 at
  // 4.5 POPS dense: the datasheet wins). 2.3 TB HBM3e → 288 GB and 8 TB/s per GPU; NVLink 5; 1100 W.
  {
    id: 'B300-288GB', vendor: 'nvidia', name: 'NVIDIA B300 (HGX, Blackwell Ultra) 288GB',
    memoryBytes: 288 * GiB, memoryBandwidthBytesPerSecond: 8.0e12,
    bf16FlopsPerSecond: 2250 * T, fp8FlopsPerSecond: 4500 * T, int8OpsPerSecond: 125 * T, fp4FlopsPerSecond: 13125 * T,
    interconnect: nvlink(900 * GBps, 8),
    tdpWatts: 1100, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA HGX platform datasheet (HGX B300; INT8 2 POPS sparse per 8 GPUs) — https://www.nvidia.com/en-us/data-center/hgx/ ; per-GPU split of the other figures as tabulated at https://glennklockwood.com/garden/processors/B300',
    asOf: ASOF,
  },
  // GB200 NVL72 (72 GPUs): FP4 1,440 PF, FP8 720 PF, BF16 360 PF, INT8 720 POPS with sparsity → per
  // GPU dense 10 / 5 / 2.5 / 5 PF; 13.4 TB HBM3e → 186 GB and 576 TB/s → 8 TB/s per GPU; one NVLink
  // domain of 72 GPUs across 18 compute trays of 4; about 1200 W per GPU.
  {
    id: 'GB200-186GB', vendor: 'nvidia', name: 'NVIDIA GB200 NVL72 (per Blackwell GPU) 186GB',
    memoryBytes: 186 * GiB, memoryBandwidthBytesPerSecond: 8.0e12,
    bf16FlopsPerSecond: 2500 * T, fp8FlopsPerSecond: 5000 * T, int8OpsPerSecond: 5000 * T, fp4FlopsPerSecond: 10000 * T,
    interconnect: nvlink(900 * GBps, 72),
    tdpWatts: 1200, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA GB200 NVL72 specifications — https://www.nvidia.com/en-us/data-center/gb200-nvl72/',
    asOf: ASOF,
  },
  // Export-compliant Hopper: dense BF16 148 TFLOPS, FP8 296, INT8 296; 96 GB HBM3 at 4.0 TB/s;
  // NVLink 900 GB/s; 400 W. NVIDIA publishes no public datasheet; figures as reported from its spec sheet.
  {
    id: 'H20-96GB', vendor: 'nvidia', name: 'NVIDIA H20 96GB',
    memoryBytes: 96 * GiB, memoryBandwidthBytesPerSecond: 4.0e12,
    bf16FlopsPerSecond: 148 * T, fp8FlopsPerSecond: 296 * T, int8OpsPerSecond: 296 * T, fp4FlopsPerSecond: 0,
    interconnect: nvlink(450 * GBps, 8),
    tdpWatts: 400, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA H20 specifications as reported at https://willitrunai.com/es/gpus/h20-96gb (no public NVIDIA datasheet)',
    asOf: ASOF,
  },
  // GB202 with 96 GB GDDR7 on 512 bits at 28 Gbps = 1,792 GB/s; "4,000 AI TOPS" is sparse FP4 →
  // dense FP4 2,000, FP8 and INT8 1,000, BF16 500 TFLOPS. PCIe Gen5 x16, no NVLink; 600 W.
  {
    id: 'RTX-PRO-6000-96GB', vendor: 'nvidia', name: 'NVIDIA RTX PRO 6000 Blackwell Server Edition 96GB',
    memoryBytes: 96 * GiB, memoryBandwidthBytesPerSecond: 1792 * GBps,
    bf16FlopsPerSecond: 500 * T, fp8FlopsPerSecond: 1000 * T, int8OpsPerSecond: 1000 * T, fp4FlopsPerSecond: 2000 * T,
    interconnect: pcie(64 * GBps),
    tdpWatts: 600, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA RTX PRO 6000 Blackwell Server Edition — https://www.nvidia.com/en-us/data-center/rtx-pro-6000-blackwell-server-edition/',
    asOf: ASOF,
  },
];

const { aliases, ambiguous } = gpuAliases(gpus.map((gpu) => gpu.id));

/** GPU ids and their short names (`H100-SXM`, `A100-40GB`), whatever the case (names.ts). */
export const gpuNames = nameIndex(gpus, (gpu) => gpu.id, (gpu) => [...aliases].filter(([, id]) => id === gpu.id).map(([alias]) => alias), ambiguous);

/** The GPUs a short name could be when it fits several (`H100`), else undefined. */
export function ambiguousGpuName(name: string): readonly string[] | undefined {
  return gpuNames.find(name) ? undefined : ambiguous.get(normalizeName(name));
}

/** The catalog GPU for an id or short name (the canonical id is the entry's). */
export function findGpu(id: string): GpuSpec | undefined {
  return gpuNames.find(id);
}
