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
  /** Dense FP4 tensor throughput (NVFP4 / MXFP4), FLOP/s; 0 where the GPU has no FP4 tensor cores. */
  fp4FlopsPerSecond: number;
  /** The GPU-to-GPU link tensor parallelism runs over. */
  interconnect: GpuInterconnect;
  /** Board power, watts (for context in the calculator). */
  tdpWatts: number;
  /** Extended resource name the device plugin advertises in Kubernetes. */
  kubernetesResource: 'nvidia.com/gpu' | 'amd.com/gpu';
}

/** GPU-to-GPU link: NVLink / Infinity Fabric within a domain, or PCIe through the host. */
export interface GpuInterconnect {
  kind: 'nvlink' | 'infinity-fabric' | 'pcie';
  /** Per GPU, per direction (datasheets quote bidirectional totals: halved here), bytes/s. */
  bandwidthBytesPerSecond: number;
  /** Time one small all-reduce takes regardless of size (launch plus link hops), seconds. */
  allReduceLatencySeconds: number;
  /** GPUs one fast-link domain joins (8 on an HGX board, 72 in a GB200 NVL72 rack; PCIe: the host's GPUs, 8 at most). */
  domainGpus: number;
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
  /** Inter-node network for GPU traffic (EFA, InfiniBand, RoCE), bytes/s per node; absent where the shape has none. */
  gpuNetworkBytesPerSecond?: number;
  /** EKS only: elastic network interfaces and IPv4 addresses per interface (VPC CNI max-pods formula). */
  eni?: { interfaces: number; ipv4PerInterface: number };
}

/** Weight precisions a model is published or served in. */
export type WeightPrecision = 'fp32' | 'bf16' | 'fp16' | 'fp8' | 'int8' | 'int4' | 'fp4';

/**
 * The shape of a decoder-only transformer, as its config.json gives it: the one list of fields the
 * presets, a config.json import and a plan's resolved model share.
 */
export interface TransformerShape {
  /** Total parameters. */
  parameters: number;
  /** Parameters used per token (differs from `parameters` for mixture-of-experts models). */
  activeParameters: number;
  /** Mixture of experts: routed experts per layer and experts each token is routed to. */
  experts?: number;
  expertsPerToken?: number;
  /** Sliding-window attention: window in tokens, and how many of the layers use it. */
  slidingWindow?: number;
  slidingWindowLayers?: number;
  /** Multi-head latent attention (DeepSeek): latent KV rank and decoupled RoPE key dimension. */
  kvLoraRank?: number;
  qkRopeHeadDim?: number;
  vocabSize?: number;
  tieWordEmbeddings?: boolean;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  kvHeads: number;
  headDim: number;
  /** Context length the model was trained for. */
  maxContextTokens?: number;
}

/** A transformer's published architecture (from its config.json). */
export interface ModelArchitecture extends Provenance, TransformerShape {
  id: string;
  name: string;
  /** The Hugging Face repository whose config.json the architecture is read from (`meta-llama/Llama-3.1-8B`). */
  huggingFaceId: string;
  /** Other names the preset answers to (instruct checkpoints of the same architecture, short names). */
  aliases: readonly string[];
  maxContextTokens: number;
  /** Precision the weights are published in. */
  precision: WeightPrecision;
}
