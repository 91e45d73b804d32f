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
import type { GpuSpec } from './types.ts';

const T = 1e12;
const GBps = 1e9;
const ASOF = '2026-11-25';

const H100_SOURCE = 'NVIDIA H100 Tensor Core GPU datasheet — https://www.nvidia.com/en-us/data-center/h100/';
const A100_SOURCE = 'NVIDIA A100 Tensor Core GPU datasheet — https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf';

export const gpus: readonly GpuSpec[] = [
  // Turing has no BF16 and no sparsity: bf16 field holds the FP16 tensor figure (65 TFLOPS); INT8 130 TOPS.
  {
    id: 'T4-16GB', vendor: 'nvidia', name: 'NVIDIA T4 16GB',
    memoryBytes: 16 * GiB, memoryBandwidthBytesPerSecond: 320 * GBps,
    bf16FlopsPerSecond: 65 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 130 * T,
    tdpWatts: 70, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA T4 Tensor Core GPU datasheet — https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-t4/t4-tensor-core-datasheet-951643.pdf',
    asOf: ASOF,
  },
  // Datasheet BF16 242 / FP8 485 / INT8 485 are with sparsity; dense 121 / 242.5 / 242.5.
  {
    id: 'L4-24GB', vendor: 'nvidia', name: 'NVIDIA L4 24GB',
    memoryBytes: 24 * GiB, memoryBandwidthBytesPerSecond: 300 * GBps,
    bf16FlopsPerSecond: 121 * T, fp8FlopsPerSecond: 242.5 * T, int8OpsPerSecond: 242.5 * T,
    tdpWatts: 72, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA L4 Tensor Core GPU datasheet — https://www.nvidia.com/en-us/data-center/l4/',
    asOf: ASOF,
  },
  // AWS-only variant of the A10; NVIDIA publishes no datasheet. Dense BF16 70 TFLOPS / INT8 140 TOPS
  // (about 0.56× the A10's tensor rate) per the comparison below; memory and bandwidth match the A10.
  {
    id: 'A10G-24GB', vendor: 'nvidia', name: 'NVIDIA A10G 24GB',
    memoryBytes: 24 * GiB, memoryBandwidthBytesPerSecond: 600 * GBps,
    bf16FlopsPerSecond: 70 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 140 * T,
    tdpWatts: 300, kubernetesResource: 'nvidia.com/gpu',
    source: 'Amazon EC2 G5 instances — https://aws.amazon.com/ec2/instance-types/g5/ ; Baseten, "NVIDIA A10 vs A10G for ML model inference" — https://www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference/',
    asOf: ASOF,
  },
  // Datasheet BF16 250 / INT8 500 are with sparsity; dense 125 / 250.
  {
    id: 'A10-24GB', vendor: 'nvidia', name: 'NVIDIA A10 24GB',
    memoryBytes: 24 * GiB, memoryBandwidthBytesPerSecond: 600 * GBps,
    bf16FlopsPerSecond: 125 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 250 * T,
    tdpWatts: 150, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA A10 Tensor Core GPU datasheet — https://www.nvidia.com/en-us/data-center/products/a10-gpu/',
    asOf: ASOF,
  },
  // Datasheet BF16 733 / FP8 1466 / INT8 1466 are with sparsity; dense 362.05 / 733 / 733.
  {
    id: 'L40S-48GB', vendor: 'nvidia', name: 'NVIDIA L40S 48GB',
    memoryBytes: 48 * GiB, memoryBandwidthBytesPerSecond: 864 * GBps,
    bf16FlopsPerSecond: 362.05 * T, fp8FlopsPerSecond: 733 * T, int8OpsPerSecond: 733 * T,
    tdpWatts: 350, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA L40S GPU datasheet — https://www.nvidia.com/en-us/data-center/l40s/',
    asOf: ASOF,
  },
  // Datasheet BF16 624 / INT8 1248 are with sparsity; dense 312 / 624. No FP8 on Ampere.
  {
    id: 'A100-SXM-40GB', vendor: 'nvidia', name: 'NVIDIA A100 SXM4 40GB',
    memoryBytes: 40 * GiB, memoryBandwidthBytesPerSecond: 1555 * GBps,
    bf16FlopsPerSecond: 312 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 624 * T,
    tdpWatts: 400, kubernetesResource: 'nvidia.com/gpu',
    source: A100_SOURCE, asOf: ASOF,
  },
  // As A100 SXM 40GB (dense 312 / 624); HBM2e at 2039 GB/s.
  {
    id: 'A100-SXM-80GB', vendor: 'nvidia', name: 'NVIDIA A100 SXM4 80GB',
    memoryBytes: 80 * GiB, memoryBandwidthBytesPerSecond: 2039 * GBps,
    bf16FlopsPerSecond: 312 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 624 * T,
    tdpWatts: 400, kubernetesResource: 'nvidia.com/gpu',
    source: A100_SOURCE, asOf: ASOF,
  },
  // Same peak tensor rates as SXM (dense 312 / 624); 1935 GB/s, 300 W.
  {
    id: 'A100-PCIe-80GB', vendor: 'nvidia', name: 'NVIDIA A100 PCIe 80GB',
    memoryBytes: 80 * GiB, memoryBandwidthBytesPerSecond: 1935 * GBps,
    bf16FlopsPerSecond: 312 * T, fp8FlopsPerSecond: 0, int8OpsPerSecond: 624 * T,
    tdpWatts: 300, kubernetesResource: 'nvidia.com/gpu',
    source: A100_SOURCE, asOf: ASOF,
  },
  // Datasheet BF16 1979 / FP8 3958 / INT8 3958 are with sparsity; dense 989.5 / 1979 / 1979. TDP "up to 700 W".
  {
    id: 'H100-SXM-80GB', vendor: 'nvidia', name: 'NVIDIA H100 SXM5 80GB',
    memoryBytes: 80 * GiB, memoryBandwidthBytesPerSecond: 3.35e12,
    bf16FlopsPerSecond: 989.5 * T, fp8FlopsPerSecond: 1979 * T, int8OpsPerSecond: 1979 * T,
    tdpWatts: 700, kubernetesResource: 'nvidia.com/gpu',
    source: H100_SOURCE, asOf: ASOF,
  },
  // Datasheet BF16 1513 / FP8 3026 / INT8 3026 are with sparsity; dense 756.5 / 1513 / 1513. TDP 300-350 W; upper bound kept.
  {
    id: 'H100-PCIe-80GB', vendor: 'nvidia', name: 'NVIDIA H100 PCIe 80GB',
    memoryBytes: 80 * GiB, memoryBandwidthBytesPerSecond: 2.0e12,
    bf16FlopsPerSecond: 756.5 * T, fp8FlopsPerSecond: 1513 * T, int8OpsPerSecond: 1513 * T,
    tdpWatts: 350, kubernetesResource: 'nvidia.com/gpu',
    source: H100_SOURCE, asOf: ASOF,
  },
  // Same compute as H100 SXM (sparse 1979 / 3958 / 3958 → dense 989.5 / 1979 / 1979); 141 GB HBM3e at 4.8 TB/s.
  {
    id: 'H200-SXM-141GB', vendor: 'nvidia', name: 'NVIDIA H200 SXM 141GB',
    memoryBytes: 141 * GiB, memoryBandwidthBytesPerSecond: 4.8e12,
    bf16FlopsPerSecond: 989.5 * T, fp8FlopsPerSecond: 1979 * T, int8OpsPerSecond: 1979 * T,
    tdpWatts: 700, kubernetesResource: 'nvidia.com/gpu',
    source: 'NVIDIA H200 Tensor Core GPU datasheet — https://www.nvidia.com/en-us/data-center/h200/',
    asOf: ASOF,
  },
  // AMD quotes dense and sparse separately: dense BF16 1307.4, FP8 2614.9, INT8 2614.9 (sparse doubles each).
  {
    id: 'MI300X-192GB', vendor: 'amd', name: 'AMD Instinct MI300X 192GB',
    memoryBytes: 192 * GiB, memoryBandwidthBytesPerSecond: 5.3e12,
    bf16FlopsPerSecond: 1307.4 * T, fp8FlopsPerSecond: 2614.9 * T, int8OpsPerSecond: 2614.9 * T,
    tdpWatts: 750, kubernetesResource: 'amd.com/gpu',
    source: 'AMD Instinct MI300X accelerator specifications — https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html',
    asOf: ASOF,
  },
];

const byId = new Map(gpus.map((gpu) => [gpu.id, gpu]));

export function findGpu(id: string): GpuSpec | undefined {
  return byId.get(id);
}
