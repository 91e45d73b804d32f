/**
 * Tunable assumptions: every constant the sizing methods need that is not a property of the
 * hardware or the model. Each has a default, a unit, bounds, and its source or reasoning. Plans
 * override them in `spec.assumptions` (whole plan) or a workload's `assumptions`.
 */
import { GiB, MiB } from '../units.ts';

export interface Assumption {
  value: number;
  unit: 'ratio' | 'bytes' | 'cores' | 'count' | 'seconds' | 'bytes per token' | 'bytes per parameter';
  min: number;
  max: number;
  description: string;
  source: string;
}

const ratio = (value: number, description: string, source: string, min = 0.01, max = 1): Assumption =>
  ({ value, unit: 'ratio', min, max, description, source });

export const assumptionCatalog = {
  // LLM serving
  gpuMemoryUtilization: ratio(0.9, 'Fraction of each GPU\'s memory the serving runtime may use for weights, activations and KV cache.',
    'vLLM engine argument gpu_memory_utilization, default 0.9 (docs.vllm.ai, engine arguments).', 0.1, 0.99),
  runtimeOverheadBytesPerGpu: {
    value: 2 * GiB, unit: 'bytes', min: 0, max: 64 * GiB,
    description: 'GPU memory per GPU taken by the CUDA context, the largest batch\'s activations and CUDA graphs before the KV cache is allocated.',
    source: 'Estimate: vLLM profiles this at start-up; 1-3 GiB per GPU is what its start-up log reports for 7B-70B models with CUDA graphs.',
  },
  memoryBandwidthEfficiency: ratio(0.7, 'Fraction of peak HBM bandwidth a decode step achieves.',
    'Fitted (with prefillComputeEfficiency, communicationEfficiency, pipelineMicroBatchesPerStage) to NVIDIA TensorRT-LLM\'s published serving throughputs: docs/sizing.md, "Calibration"; memory-bound kernels reach 60-80% of datasheet bandwidth (Yuan et al. 2024, "LLM Inference Unveiled").'),
  prefillComputeEfficiency: ratio(0.4, 'Fraction of peak dense tensor throughput a prefill (prompt) pass, and a compute-bound decode step, achieve.',
    'Fitted to NVIDIA TensorRT-LLM\'s published serving throughputs (docs/sizing.md, "Calibration"); 40-60% of peak is typical of serving engines (Agrawal et al. 2024, Sarathi-Serve).'),
  fp4ComputeEfficiency: ratio(0.55, 'Share of the datasheet FP4 tensor throughput that FP4 (NVFP4/MXFP4) serving realises, on top of prefillComputeEfficiency; applies only where the GPU has FP4 tensor cores.',
    'Fitted to NVIDIA TensorRT-LLM\'s published FP4 serving throughputs on B200 and RTX PRO 6000 (docs/sizing.md, "Calibration"): at the datasheet rate, FP4 dense serving on B200 came out 41-71% above the published figures, while FP8 on Hopper fitted within 22%.'),
  communicationEfficiency: ratio(0.7, 'Fraction of the link bandwidth (NVLink, Infinity Fabric, PCIe, node network) an all-reduce or stage hand-off achieves.',
    'Fitted to NVIDIA TensorRT-LLM\'s published tensor-parallel throughputs (docs/sizing.md, "Calibration"); nccl-tests bus bandwidth reaches 70-85% of the NVLink figure for large messages.'),
  interNodeLatencySeconds: { value: 20e-6, unit: 'seconds', min: 0, max: 0.01,
    description: 'Latency of one activation hand-off between pipeline stages on different nodes (EFA / InfiniBand / RoCE).',
    source: 'Estimate: RDMA send/receive latencies are 2-10 µs on InfiniBand and about 15-20 µs on EFA, plus the engine\'s own hand-off; the larger figure is kept.' },
  pipelineMicroBatchesPerStage: { value: 8, unit: 'count', min: 1, max: 64,
    description: 'Micro-batches per pipeline stage in flight; sets the pipeline bubble (PP − 1) / (microBatches + PP − 1) with microBatches = this × PP.',
    source: 'GPipe bubble (Huang et al. 2019, §2.2); fitted to one TensorRT-LLM pipeline-parallel throughput (RTX PRO 6000, PP 2; docs/sizing.md, "Calibration"), so weakly determined: 8 is the top of the grid searched.' },
  maxPipelineParallel: { value: 16, unit: 'count', min: 1, max: 64,
    description: 'Most pipeline stages (nodes) automatic sizing spreads one LLM replica over.',
    source: 'Reasoning: published multi-node serving recipes (vLLM, SGLang) use 2-4 nodes per replica; 16 bounds the search.' },
  maxNumSeqs: { value: 256, unit: 'count', min: 1, max: 4096, description: 'Upper bound on sequences batched per replica.',
    source: 'vLLM engine argument max_num_seqs, default 256.' },
  minUsefulKvSequences: { value: 4, unit: 'count', min: 1, max: 256,
    description: 'Automatic tensor parallelism picks the smallest degree whose KV cache holds at least this many average sequences (and one full context).',
    source: 'Reasoning: below a handful of concurrent sequences a replica spends its GPUs re-reading weights for one request; 4 keeps decode batching useful.' },
  llmCpuCoresPerGpu: { value: 4, unit: 'cores', min: 0.5, max: 64, description: 'CPU cores per GPU for the serving process (tokenisation, scheduling, detokenisation).',
    source: 'Reasoning: vLLM runs one scheduler process plus one worker per GPU, each busy on a core, plus tokenisation; 4 per GPU leaves room for the HTTP front end.' },
  llmSwapSpaceBytesPerGpu: { value: 4 * GiB, unit: 'bytes', min: 0, max: 512 * GiB, description: 'Host memory per GPU for KV blocks swapped out of the GPU.',
    source: 'vLLM engine argument swap_space, default 4 GiB per GPU.' },
  // Training
  mfu: ratio(0.4, 'Model FLOPs utilisation: model FLOPs (6ND) per second over the GPUs\' peak dense throughput. Measured on model FLOPs, so activation recomputation lowers it.',
    'Llama 3 report (Dubey et al. 2024, table 4): 38-43% BF16 MFU on H100; PaLM (Chowdhery et al. 2022): 46.2%.'),
  recomputeFlopsFactor: { value: 8 / 6, unit: 'ratio', min: 1, max: 2,
    description: 'Hardware FLOPs over model FLOPs with full activation recomputation (one extra forward pass: 8ND instead of 6ND).',
    source: 'Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models", section 5.' },
  maxTrainingGpus: { value: 1024, unit: 'count', min: 1, max: 1_000_000,
    description: 'Largest GPU count one training job is sized at; a deadline that needs more is reported infeasible.',
    source: 'Reasoning: past about a thousand GPUs the default MFU no longer holds on cloud networking without a tuned 3D-parallel setup; raise it when yours is.' },
  trainingUsableGpuMemory: ratio(0.9, 'Fraction of GPU memory available to tensors after the CUDA context and allocator fragmentation.',
    'Reasoning: the CUDA context takes ~0.5-1 GiB and the caching allocator fragments a few percent.', 0.5, 1),
  trainingCpuCoresPerGpu: { value: 8, unit: 'cores', min: 1, max: 64, description: 'CPU cores per GPU for the data loader workers and the training process.',
    source: 'Reasoning: PyTorch DataLoader num_workers is commonly 4-8 per GPU; cloud 8-GPU nodes carry 12-24 vCPUs per GPU.' },
  trainingHostMemoryBytesPerGpu: { value: 64 * GiB, unit: 'bytes', min: GiB, max: 2048 * GiB,
    description: 'Host memory per GPU for pinned buffers, data loader workers and checkpoint staging.',
    source: 'Reasoning: checkpoint staging holds a shard of the 14-byte/parameter state; cloud 8-GPU nodes carry 128-250 GiB per GPU.' },
  datasetBytesPerToken: { value: 4, unit: 'bytes per token', min: 0.5, max: 64,
    description: 'Stored bytes per training token (raw text).',
    source: 'OpenAI tokenizer guidance: one token is about 4 characters of English text.' },
  checkpointBytesPerParameter: { value: 14, unit: 'bytes per parameter', min: 1, max: 32,
    description: 'Checkpoint size per trained parameter: bf16 weights (2) plus fp32 master weights, Adam momentum and variance (4+4+4).',
    source: 'Rajbhandari et al. 2020 (ZeRO), section 3.1: mixed-precision Adam keeps 2+2+12 bytes per parameter; gradients are not checkpointed.' },
  loraRank: { value: 16, unit: 'count', min: 1, max: 1024, description: 'LoRA rank r, applied to the four attention projections of every layer.',
    source: 'Hu et al. 2021 (LoRA); r=16 on q,k,v,o is the common default of PEFT recipes.' },
  // Serving and jobs on CPUs
  cpuCoresPerWorker: { value: 1, unit: 'cores', min: 0.05, max: 64, description: 'CPU cores one model-serving worker keeps busy while it handles a request.',
    source: 'Reasoning: one worker process or thread serves one request at a time on one core.' },
  servingBaseMemoryBytes: { value: 512 * MiB, unit: 'bytes', min: 0, max: 64 * GiB, description: 'Memory of a serving replica before any model is loaded (runtime, HTTP server).',
    source: 'Estimate: a Python model server idles at 200-500 MiB resident.' },
  modelMemoryOverhead: { value: 1.2, unit: 'ratio', min: 1, max: 4, description: 'Resident memory of a loaded model over its file size (deserialisation buffers, allocator).',
    source: 'Estimate: frameworks hold 10-30% over the serialized size once loaded.' },
  jobCpuCoresPerReplica: { value: 4, unit: 'cores', min: 0.25, max: 256, description: 'Cores per worker pod of CPU batch jobs and data pipelines (e.g. one Spark executor).',
    source: 'Spark on Kubernetes guidance: 4-5 cores per executor balances parallelism and per-executor overhead.' },
  memoryBytesPerCore: { value: 4 * GiB, unit: 'bytes', min: 256 * MiB, max: 64 * GiB, description: 'Memory per core for CPU batch jobs and data pipelines.',
    source: 'Reasoning: general-purpose instance shapes give 4 GiB per vCPU (m5, n2-standard, D_v5).' },
  gpuJobCpuCoresPerGpu: { value: 3, unit: 'cores', min: 0.5, max: 64, description: 'CPU cores per GPU for batch inference pre- and post-processing.',
    source: 'Reasoning: one core for the process plus two for decoding inputs and writing outputs; fits the smallest one-GPU shapes (g6.xlarge: 4 vCPU, 16 GiB) after reservations.' },
  gpuJobHostMemoryBytesPerGpu: { value: 12 * GiB, unit: 'bytes', min: GiB, max: 1024 * GiB, description: 'Host memory per GPU for batch inference workers.',
    source: 'Reasoning: model staging plus input and output buffers; fits the smallest one-GPU shapes after reservations.' },
  scratchRatio: ratio(1, 'Ephemeral scratch (shuffle, spill) per byte of pipeline input.', 'Reasoning: a full shuffle writes the whole input once to local disk.', 0, 10),
  burstFactor: { value: 1.5, unit: 'ratio', min: 1, max: 10, description: 'Autoscaler ceiling (`replicas.max`) over the replicas needed at peak, for bursts.',
    source: 'Reasoning: traffic bursts of 1.5x the hourly peak are common for interactive services; tune from observed peak-to-mean ratios.' },
  // Spot / preemptible nodes (pricing/interruption.ts)
  spotInterruptionRatePerMonth: ratio(0.2, 'Fraction of spot nodes the provider takes back per month (interruptions per node per 730 h).',
    'AWS Spot Instance Advisor: "Frequency of interruption represents the rate at which Spot has reclaimed capacity during the trailing month", in bands <5%, 5-10%, 10-15%, 15-20% and >20% (https://aws.amazon.com/ec2/spot/instance-advisor/); 0.2 is the edge of the worst band, so every shape outside that band is over-estimated. Set your shape\'s band; GCP and Azure publish no per-shape rate.', 0, 30),
  spotRestartSeconds: { value: 600, unit: 'seconds', min: 0, max: 86_400,
    description: 'Time from an interruption until the replacement pod works again: a new node, image pull and model or state load.',
    source: 'Estimate: node provisioning takes 1-3 minutes with Karpenter or the cluster autoscaler, image pulls and model loads of GPU pods several more; 10 minutes is kept. Not a published figure: override it with your measured restart time.' },
  // Prometheus
  prometheusBytesPerSample: { value: 2, unit: 'bytes', min: 0.5, max: 16, description: 'Disk bytes per sample after compression.',
    source: 'Prometheus docs, Storage, "Operational aspects": Prometheus stores an average of only 1-2 bytes per sample.' },
  prometheusBytesPerSeries: { value: 8 * 1024, unit: 'bytes', min: 512, max: 65536, description: 'Memory per active series in the head block (series, chunks, index, and headroom for churn and queries).',
    source: 'Reasoning: the Prometheus 2.x head costs about 3-4 KiB per series at steady state (Brazil, "How much RAM does Prometheus 2.x need", Robust Perception, 2017); doubled for compaction and query load.' },
} satisfies Record<string, Assumption>;

export type AssumptionName = keyof typeof assumptionCatalog;
export type Assumptions = Record<AssumptionName, number>;

export const defaultAssumptions: Assumptions = Object.fromEntries(
  Object.entries(assumptionCatalog).map(([name, a]) => [name, a.value]),
) as Assumptions;
