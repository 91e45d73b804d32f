/**
 * The search over layouts: which (GPU, tensor parallel, pipeline parallel) configurations to try,
 * how each compares (replicas and GPUs at peak from its capacity, no explanation built), which one
 * wins, and the `candidates` rows the Sizing reports.
 */
import type { GpuSpec } from '../../catalog/types.ts';
import { gpuHourlyUsd } from '../../cluster/catalog-lookup.ts';
import { Trail } from '../../sizing/explain.ts';
import { serviceReplicas } from '../../sizing/replicas.ts';
import type { Candidate } from '../../sizing/types.ts';
import { HOURS_PER_MONTH } from '../../units.ts';
import type { SizingContext } from '../types.ts';
import { capacity, memoryPlan, type Configuration } from './capacity.ts';
import type { LlmInferenceWorkload } from './schema.ts';

const TENSOR_PARALLEL_DEGREES = [1, 2, 4, 8] as const;
const MEMORY_LIMITS = new Set(['LLM_MODEL_DOES_NOT_FIT', 'LLM_CONTEXT_DOES_NOT_FIT']);

export interface Evaluated {
  configuration: Configuration;
  gpusAtPeak: number;
  usdPerGpuHour: number | undefined;
  infeasible: string[];
  limitedBy: string;
  /** One sequence alone: prefill plus one decode step, the fastest this configuration answers. */
  singleSequenceSeconds: number;
}

export function candidate(e: Evaluated): Candidate {
  const c = e.configuration;
  // A GPU the provider offers on no node is priced at the cheapest node of any provider, so the
  // comparison still shows its cost; it is never feasible here.
  const usd = e.usdPerGpuHour ?? gpuHourlyUsd('generic', c.gpu) ?? 0;
  return {
    gpu: c.gpu.id, tensorParallel: c.tensorParallel, pipelineParallel: c.pipelineParallel,
    replicas: e.gpusAtPeak / (c.tensorParallel * c.pipelineParallel), gpus: e.gpusAtPeak,
    costPerMonthUsd: e.gpusAtPeak * usd * HOURS_PER_MONTH,
    feasible: e.infeasible.length === 0 && e.usdPerGpuHour !== undefined,
    limitedBy: e.infeasible[0] ?? (e.usdPerGpuHour === undefined ? 'NO_INSTANCE_TYPE' : e.limitedBy),
  };
}

/**
 * Compares one configuration on its capacity and replicas alone, building no explanation. One that
 * cannot hold its weights is rejected on the memory figures alone (pruned: no decode model,
 * replicas or cost are computed, and its candidate row shows 0 GPUs); a small KV cache is sized
 * like any other (its few sequences per replica mean more replicas), as sizeOn sizes it.
 */
export function evaluate(w: LlmInferenceWorkload, c: Configuration, ctx: SizingContext): Evaluated {
  const usdPerGpuHour = ctx.gpuHourlyUsd(c.gpu);
  const memory = memoryPlan(w, c, ctx.assumptions);
  if (memory.kvCapacityBytes <= 0) {
    return { configuration: c, gpusAtPeak: 0, usdPerGpuHour, infeasible: ['LLM_MODEL_DOES_NOT_FIT'], limitedBy: 'LLM_MODEL_DOES_NOT_FIT', singleSequenceSeconds: Infinity };
  }
  const cap = capacity(w, c, ctx.assumptions, memory);
  const replicas = serviceReplicas(new Trail(false), {
    loadInReplicas: w.traffic.peakRequestsPerSecond / cap.requestsPerSecondPerReplica,
    targetUtilization: ctx.targetUtilization, redundancy: ctx.redundancy, zones: ctx.zones, burstFactor: ctx.assumptions.burstFactor,
    ...(w.minReplicas !== undefined ? { minReplicas: w.minReplicas } : {}),
  });
  return {
    configuration: c, gpusAtPeak: replicas.peak * c.tensorParallel * c.pipelineParallel, usdPerGpuHour,
    infeasible: cap.infeasible, limitedBy: cap.limitedBy, singleSequenceSeconds: cap.singleSequenceSeconds,
  };
}

/**
 * The cheapest configuration that meets the plan (GPU-dollars with gpu: auto, GPUs otherwise; ties
 * to fewer GPUs per replica, then more memory). With none: among those that fit memory, the
 * fastest single sequence, sized at one sequence per replica, so an impossible SLO never yields a
 * cheaper plan than a feasible one; with none fitting memory, the most GPU memory per replica.
 */
export function choose(evaluated: Evaluated[], auto: boolean): Evaluated {
  const size = (e: Evaluated) => e.configuration.tensorParallel * e.configuration.pipelineParallel;
  const price = (e: Evaluated) => e.gpusAtPeak * (auto ? e.usdPerGpuHour ?? Infinity : 1);
  const feasible = evaluated.filter((e) => e.infeasible.length === 0);
  if (feasible.length) {
    return feasible.sort((x, y) => price(x) - price(y) || size(x) - size(y) || y.configuration.gpu.memoryBytes - x.configuration.gpu.memoryBytes)[0]!;
  }
  const fitting = evaluated.filter((e) => !e.infeasible.some((code) => MEMORY_LIMITS.has(code)));
  if (fitting.length) return fitting.sort((x, y) => x.singleSequenceSeconds - y.singleSequenceSeconds || price(x) - price(y))[0]!;
  return [...evaluated].sort((x, y) => y.configuration.gpu.memoryBytes * size(y) - x.configuration.gpu.memoryBytes * size(x))[0]!;
}

/**
 * Configurations to try on one GPU: the plan's degrees, or powers of two dividing the heads up to
 * the node's GPUs (or the NVLink domain, GB200 NVL72); pipeline stages only when the largest
 * tensor parallel degree cannot hold weights plus a useful KV cache, and then the fewest that can
 * (more stages add GPUs per replica and hand-offs, never speed: pruned).
 */
export function configurationsFor(w: LlmInferenceWorkload, gpu: GpuSpec, ctx: SizingContext): Configuration[] {
  const gpusPerNode = ctx.maxGpusPerNode(gpu);
  const link = gpu.interconnect;
    const network = ctx.gpuNetworkBytesPerSecond(gpu);
  // A tensor-parallel group all-reduces every layer: it stays on one node's GPU link, or within a
  // multi-node NVLink domain (GB200 NVL72); PCIe GPUs on different nodes would all-reduce over the
  // network, which the decode model does not price.
  const tpDomain = link.kind === 'nvlink' && link.domainGpus > gpusPerNode ? link.domainGpus : gpusPerNode;
  const whyUnsupported = (tensorParallel: number, pipelineParallel: number): string | undefined => {
    if (tensorParallel > tpDomain) {
      return tpDomain > gpusPerNode
        ? `tensor parallel ${tensorParallel} exceeds the ${tpDomain}-GPU ${link.kind} domain of ${gpu.id}`
        : `tensor parallel ${tensorParallel} exceeds the ${gpusPerNode === 1 ? '1 GPU' : `${gpusPerNode} GPUs`} of a node carrying ${gpu.id}, and its ${link.kind} link does not reach other nodes`;
    }
    const gpusPerReplica = tensorParallel * pipelineParallel;
    const nodesPerReplica = Math.ceil(gpusPerReplica / gpusPerNode);
    if (pipelineParallel > 1 && nodesPerReplica > 1 && network === undefined) {
      return `${pipelineParallel} pipeline stages span nodes, and no node carrying ${gpu.id} has a GPU network (EFA, InfiniBand, RoCE) in the catalog`;
    }
    // A replica runs as one pod per node with identical GPU requests (LeaderWorkerSet): the GPUs
    // must split evenly, and each pod must hold whole tensor-parallel groups (or whole pods a group).
    const gpusPerPod = gpusPerReplica / nodesPerReplica;
    if (nodesPerReplica > 1 && (!Number.isInteger(gpusPerPod) || (gpusPerPod % tensorParallel !== 0 && tensorParallel % gpusPerPod !== 0))) {
      return `${gpusPerReplica} GPUs (tensor parallel ${tensorParallel} × ${pipelineParallel} stages) do not split into ${nodesPerReplica} equal pods of whole tensor-parallel groups on ${gpusPerNode}-GPU nodes`;
    }
    return undefined;
  };
  const make = (tensorParallel: number, pipelineParallel: number): Configuration | undefined => {
    if (whyUnsupported(tensorParallel, pipelineParallel) !== undefined) return undefined;
    const nodesPerReplica = Math.ceil((tensorParallel * pipelineParallel) / gpusPerNode);
    const stagesAcrossNodes = pipelineParallel > 1 && nodesPerReplica > 1;
    return { gpu, tensorParallel, pipelineParallel, nodesPerReplica, stageLinkBytesPerSecond: stagesAcrossNodes ? network! : link.bandwidthBytesPerSecond };
  };
  /** A plan-given layout Headroom cannot run as modelled: sized as given, flagged LLM_LAYOUT_UNSUPPORTED. */
  const asGiven = (tensorParallel: number, pipelineParallel: number): Configuration => make(tensorParallel, pipelineParallel) ?? {
    gpu, tensorParallel, pipelineParallel, nodesPerReplica: Math.ceil((tensorParallel * pipelineParallel) / gpusPerNode),
    stageLinkBytesPerSecond: link.bandwidthBytesPerSecond, unsupported: whyUnsupported(tensorParallel, pipelineParallel)!,
  };
  const explicitTp = w.accelerator.tensorParallel;
  const explicitPp = w.accelerator.pipelineParallel;
  const degrees = explicitTp !== 'auto' ? [explicitTp] : TENSOR_PARALLEL_DEGREES.filter((tp) => w.model.attentionHeads % tp === 0 && tp <= tpDomain);
  const tps: number[] = degrees.length ? degrees : [1];
  if (explicitPp !== 'auto') return tps.map((tp) => asGiven(tp, explicitPp));
  if (explicitTp !== 'auto') return [asGiven(explicitTp, 1)];
  const single = tps.map((tp) => make(tp, 1)).filter((c): c is Configuration => c !== undefined);
  const widest = single.at(-1) ?? { gpu, tensorParallel: tps.at(-1)!, pipelineParallel: 1, nodesPerReplica: 1, stageLinkBytesPerSecond: link.bandwidthBytesPerSecond };
  if (memoryPlan(w, widest, ctx.assumptions).fitsUsefulKv) return single.length ? single : [widest];
  for (let pp = 2; pp <= ctx.assumptions.maxPipelineParallel; pp++) {
    const staged = make(widest.tensorParallel, pp);
    if (!staged) continue;
    if (memoryPlan(w, staged, ctx.assumptions).fitsUsefulKv) return [...single, staged];
  }
  return single.length ? single : [widest];
}
