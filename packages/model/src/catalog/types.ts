/** Shapes of Headroom's catalogs. Catalogs are data: every entry names its source and the date it was read. */

/** Where a catalog figure comes from. */
export interface Provenance {
  /** Public document the figures were read from (datasheet, provider page, model config). */
  source: string;
  /** ISO date (YYYY-MM-DD) the source was read or the price was in force. */
  asOf: string;
}

export type GpuVendor = 'nvidia' | 'amd';

/** One accelerator model. Throughputs are dense (no structured sparsity), in FLOP/s or OP/s. */
export interface GpuSpec extends Provenance {
  id: string;
  vendor: GpuVendor;
  /** Human name, e.g. "NVIDIA H100 SXM5 80GB". */
  name: string;
  memoryBytes: number;
  memoryBandwidthBytesPerSecond: number;
  /** Dense BF16/FP16 tensor throughput, FLOP/s. */
  bf16FlopsPerSecond: number;
  /** Dense FP8 tensor throughput, FLOP/s; 0 where the GPU has no FP8 tensor cores. */
  fp8FlopsPerSecond: number;
  /** Dense INT8 tensor throughput, OP/s. */
  int8OpsPerSecond: number;
  /** Board power, watts (for context in the calculator). */
  tdpWatts: number;
  /** Extended resource name the device plugin advertises in Kubernetes. */
  kubernetesResource: 'nvidia.com/gpu' | 'amd.com/gpu';
}

export type Provider = 'eks' | 'gke' | 'aks' | 'generic';

/** One VM size a node pool can use. */
export interface InstanceType extends Provenance {
  id: string;
  provider: Exclude<Provider, 'generic'>;
  vcpus: number;
  memoryBytes: number;
  gpus: number;
  /** Catalog GPU id when gpus > 0. */
  gpuModel?: string;
  /** The provider's default maximum pods per node (EKS: from ENI limits, see cluster/allocatable). */
  maxPods: number;
  /** On-demand Linux price, USD per hour, in the region named by `priceRegion`. */
  onDemandUsdPerHour: number;
  priceRegion: string;
  /** EKS only: elastic network interfaces and IPv4 addresses per interface (VPC CNI max-pods formula). */
  eni?: { interfaces: number; ipv4PerInterface: number };
}

/** A transformer's published architecture (from its config.json). */
export interface ModelArchitecture extends Provenance {
  id: string;
  name: string;
  /** Total parameters. */
  parameters: number;
  /** Parameters used per token (differs from `parameters` for mixture-of-experts models). */
  activeParameters: number;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  kvHeads: number;
  headDim: number;
  /** Context length the model was trained for. */
  maxContextTokens: number;
  /** Precision the weights are published in. */
  precision: 'fp32' | 'bf16' | 'fp16';
}
