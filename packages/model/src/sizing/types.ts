/** The Sizing: Headroom's output contract (DESIGN.md, "Sizing"). All numbers in base units. */

/** One step of an explanation: how one figure was computed, from what, on whose authority. */
export interface ExplainStep {
  id: string;
  label: string;
  /** The formula in words, over the names in `inputs`. */
  formula: string;
  value: number;
  unit: string;
  /** The named inputs and their values (base units). */
  inputs: Record<string, number>;
  /** Public source or the reasoning behind the method or constant. */
  source?: string;
}

export interface Warning {
  code: string;
  message: string;
}

export interface ReplicaBounds {
  /** Replicas kept for availability (redundancy and zones), even with no traffic. */
  min: number;
  /** Replicas needed at peak traffic with target utilisation and redundancy. */
  peak: number;
  /** The autoscaler's ceiling for bursts. */
  max: number;
}

export interface PerReplica {
  cpuCores: number;
  memoryBytes: number;
  gpus: number;
  gpuModel?: string;
  gpuMemoryBytes?: number;
  /** Set when the replica runs on a share of one GPU (MIG instance or time-slice); `gpus` then counts shares (1). */
  gpuShare?: GpuShare;
  ephemeralStorageBytes: number;
}

/** One replica's share of a GPU (kinds/gpu-sharing.ts). */
export interface GpuShare {
  mode: 'mig' | 'time-slicing';
  /** MIG profile name (1g.10gb), for mode mig. */
  profile?: string;
  /** Extended resource the pod requests: nvidia.com/mig-<profile> (mixed strategy) or nvidia.com/gpu (time-slicing). */
  resourceName: string;
  /** Shares one GPU holds: the profile's instances per GPU, or the time-slicing replicas. */
  instancesPerGpu: number;
  computeFraction: number;
  memoryFraction: number;
  /** GPU memory the share offers. */
  memoryBytes: number;
}

export interface StorageNeed {
  name: string;
  bytes: number;
  purpose: string;
}

export interface WorkloadSizing {
  name: string;
  kind: string;
  /** How the pods run: a service (Deployment, autoscaled), a job, or a gang-scheduled job. */
  runsAs: 'service' | 'job' | 'gang-job';
  replicas: ReplicaBounds;
  perReplica: PerReplica;
  total: { cpuCores: number; memoryBytes: number; gpus: number; storageBytes: number };
  storage: StorageNeed[];
  /** Kind-specific named figures (DESIGN.md lists the ones that must exist per kind). */
  details: Record<string, number>;
  explain: ExplainStep[];
  warnings: Warning[];
  /** False when the workload cannot meet its plan (an SLO, memory, or no instance type to run on). */
  feasible: boolean;
  /** When not feasible: the binding limits, each naming what cannot be met. */
  infeasible?: Warning[];
  /** Every configuration the search compared (llm-inference). */
  candidates?: Candidate[];
  /** Hours per month the workload's pods run (730 for services; less for jobs). */
  activeHoursPerMonth: number;
  /** Node pool the replicas are packed onto. */
  nodePool: string;
  /**
   * The workload's share of the cluster cost (pricing/showback.ts): its pool's node cost split by
   * dominant resource share × hours, idle capacity included; an unplaced workload carries its
   * estimate. `costPerMonthUsd` is null when no price is known for it (the cluster cost is a lower bound).
   */
  showback: Showback;
}

export interface Showback {
  costPerMonthUsd: number | null;
  /** costPerMonthUsd over the cluster's costPerMonthUsd (0 when either is 0 or unknown). */
  share: number;
}

/** One configuration the LLM search compared. Cost is GPUs × the cheapest USD per GPU-hour × 730 h. */
export interface Candidate {
  gpu: string;
  tensorParallel: number;
  pipelineParallel: number;
  replicas: number;
  gpus: number;
  costPerMonthUsd: number;
  feasible: boolean;
  /** What binds: the first infeasibility code, or the figure that sets the replica count. */
  limitedBy: string;
}

/** A workload no node pool could take, and what its replicas would cost on the nearest fitting shape. */
export interface UnplacedWorkload {
  workload: string;
  /**
   * Why: `NO_INSTANCE_TYPE` (no node of the provider fits a pod), `REPLICA_DOES_NOT_FIT_POOL` (the
   * plan's pool for it cannot hold it) or `POOL_MAX_NODES_EXCEEDED` (its pool is at its maxNodes).
   */
  code: 'NO_INSTANCE_TYPE' | 'REPLICA_DOES_NOT_FIT_POOL' | 'POOL_MAX_NODES_EXCEEDED';
  reason: string;
  /**
   * Estimate included in the plan's cost, so leaving a workload unplaced never makes the plan cheaper;
   * null when no catalog instance type of any provider
   * carries its GPU, so no price is known: the plan's cost is then a lower bound (`costIsLowerBound`).
   */
  estimatedCostPerMonthUsd: number | null;
}

export interface NodePoolSizing {
  name: string;
  instanceType: string;
  /** True when Headroom chose the instance type because the plan named no pool that fits. */
  chosenByHeadroom: boolean;
  /** How the nodes are bought (docs/plan.md, "Pricing models"). */
  pricing: 'on-demand' | 'spot' | 'commit-1y' | 'commit-3y';
  /** USD per node-hour billed under `pricing` (on-demand: the list price). */
  usdPerHour: number;
  /** Nodes the pool runs: at most maxNodes when the plan sets it. */
  nodes: number;
  /** Nodes the pool's workloads need; above maxNodes, the workloads past the limit are unplaced. */
  nodesNeeded: number;
  /** The plan's limit (spec.cluster.nodePools[].maxNodes). */
  maxNodes?: number;
  /** GPUs on one node of the instance type, and their model: what a GPU quota counts. */
  gpusPerNode: number;
  gpuModel?: string;
  /** Kubelet allocatable per node: capacity less kube-reserved, system-reserved and eviction threshold. */
  allocatable: { cpuCores: number; memoryBytes: number; gpus: number; pods: number };
  /** Per node, taken by daemonsets; subtracted only when packing. */
  daemonsetOverhead: { cpuCores: number; memoryBytes: number; pods: number };
  workloads: string[];
  /** Share of the pool's schedulable capacity the packed replicas request. */
  utilization: { cpu: number; memory: number; gpus: number };
  hoursPerMonth: number;
  costPerMonthUsd: number;
  explain: ExplainStep[];
}

export interface ClusterSizing {
  provider: string;
  zones: number;
  nodePools: NodePoolSizing[];
  totals: { cpuCores: number; memoryBytes: number; gpus: number; storageBytes: number };
  /** Node pools plus the estimate for unplaced workloads. */
  costPerMonthUsd: number;
  /** True when an unplaced workload has no known price (its GPU is on no catalog instance type): the cost leaves it out. */
  costIsLowerBound: boolean;
  unplaced: UnplacedWorkload[];
  /** The plan's GPU quotas (spec.cluster.quotas) against the GPUs the plan needs. */
  quotas: GpuQuotaCheck[];
}

/** One GPU quota against what the plan needs; `exceeded` makes the plan not complete. */
export interface GpuQuotaCheck {
  /** The GPU model the quota counts, or `total` for spec.cluster.quotas.totalGpus. */
  gpuModel: string;
  limitGpus: number;
  /** GPUs on the nodes the pools need (nodesNeeded × GPUs per node) plus those of workloads no instance type fits. */
  neededGpus: number;
  exceeded: boolean;
}

export interface MonitoringSizing {
  activeSeries: number;
  samplesPerSecond: number;
  prometheusMemoryBytes: number;
  prometheusStorageBytes: number;
  seriesBySource: Record<string, number>;
  explain: ExplainStep[];
}

export interface ComplianceSizing {
  frameworks: string[];
  auditLogRetentionSeconds: number;
  auditLogBytes: number;
  dedicatedNodes: boolean;
  encryptionAtRest: boolean;
  requirements: { framework: string; requirement: string; citation: string }[];
  explain: ExplainStep[];
}

export interface Sizing {
  plan: { name: string; namespace: string; hash: string };
  workloads: WorkloadSizing[];
  cluster: ClusterSizing;
  monitoring: MonitoringSizing;
  compliance: ComplianceSizing;
  /** False when any workload is infeasible or left unplaced, or a GPU quota is exceeded. */
  complete: boolean;
  warnings: (Warning & { workload?: string })[];
}
