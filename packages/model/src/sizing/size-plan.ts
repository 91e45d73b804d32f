/** Sizes a validated plan: each workload by its kind, then node pools, monitoring and compliance. */
import { defaultAssumptions, type Assumptions } from '../catalog/assumptions.ts';
import type { GpuSpec } from '../catalog/types.ts';
import { findInstanceType } from '../catalog/instance-types.ts';
import { gpuHourlyUsd, gpuNetworkBytesPerSecond, gpusPerNode, maxGpusPerNode } from '../cluster/catalog-lookup.ts';
import { checkGpuQuotas, quotaWarning } from '../cluster/quotas.ts';
import { sizeCluster } from '../cluster/size-cluster.ts';
import { sizeCompliance } from '../compliance/size-compliance.ts';
import { kinds } from '../kinds/index.ts';
import type { KindDefinition, SizingContext } from '../kinds/types.ts';
import { sizeMonitoring } from '../monitoring/size-monitoring.ts';
import type { PricingModel } from '../catalog/pricing-models.ts';
import { withInterruptions } from '../pricing/interruption.ts';
import { showback } from '../pricing/showback.ts';
import { interruptionTolerance } from '../pricing/tolerance.ts';
import type { AssumptionOverrides } from '../schema/fields.ts';
import type { Plan, Workload } from '../schema/plan.ts';
import { explainCalibration } from './calibration-provenance.ts';
import { Trail } from './explain.ts';
import { fingerprint } from './hash.ts';
import type { Sizing, WorkloadSizing } from './types.ts';

const kindByName = new Map<string, KindDefinition>(kinds.map((k) => [k.kind, k as unknown as KindDefinition]));

export function kindOf(workload: Workload): KindDefinition {
  const kind = kindByName.get(workload.kind);
  if (!kind) throw new Error(`internal: no sizing for kind ${workload.kind}`);
  return kind;
}

function withOverrides(base: Assumptions, overrides: AssumptionOverrides | undefined): Assumptions {
  if (!overrides) return base;
  const merged = { ...base };
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) merged[name as keyof Assumptions] = value;
  return merged;
}

/** The assumptions a workload is sized with: defaults, then the plan's overrides, then its own. */
export function workloadAssumptions(plan: Plan, w: Workload): Assumptions {
  return withOverrides(withOverrides(defaultAssumptions, plan.spec.assumptions), w.assumptions);
}

export function sizePlan(plan: Plan): Sizing {
  const { spec } = plan;
  const provider = spec.cluster.provider;
  const defaultPricing: PricingModel = spec.cluster.pricing ?? 'on-demand';
  const poolInstances = spec.cluster.nodePools.map((p) => ({
    name: p.name, instance: findInstanceType(provider, p.instanceType)!, pricing: p.pricing ?? defaultPricing, ...(p.maxPods !== undefined ? { maxPods: p.maxPods } : {}), ...(p.maxNodes !== undefined ? { maxNodes: p.maxNodes } : {}),
  }));
  const poolPricing = new Map(poolInstances.map((p) => [p.name, p.pricing]));
  const planAssumptions = withOverrides(defaultAssumptions, spec.assumptions);

  const pools = poolInstances.map((p) => p.instance);
  // Catalog lookups per GPU model, the same for every workload of the plan: computed once each.
  const perGpu = <T>(lookup: (gpu: GpuSpec) => T) => {
    const cache = new Map<string, T>();
    return (gpu: GpuSpec): T => {
      if (!cache.has(gpu.id)) cache.set(gpu.id, lookup(gpu));
      return cache.get(gpu.id) as T;
    };
  };
  const lookups = {
    gpusPerNode: perGpu((gpu) => gpusPerNode(provider, pools, gpu)),
    maxGpusPerNode: perGpu((gpu) => maxGpusPerNode(provider, pools, gpu)),
    gpuHourlyUsd: perGpu((gpu) => gpuHourlyUsd(provider, gpu)),
    gpuNetworkBytesPerSecond: perGpu((gpu) => gpuNetworkBytesPerSecond(provider, pools, gpu)),
  };

  const workloads = spec.workloads.map((w) => {
    const trail = new Trail();
    const redundancy = w.redundancy ?? spec.defaults.redundancy;
    const context: SizingContext = {
      assumptions: withOverrides(planAssumptions, w.assumptions),
      targetUtilization: w.targetUtilization ?? spec.defaults.targetUtilization,
      redundancy,
      zones: spec.defaults.zones,
      provider,
      ...lookups,
    };
    // The pricing the workload runs under: its named pool's, else the plan's default, which a
    // workload that cannot be interrupted never takes when it is spot (it stays on-demand).
    const tolerance = interruptionTolerance(w);
    const requested: PricingModel = w.nodePool !== undefined ? poolPricing.get(w.nodePool)! : defaultPricing;
    const pricing: PricingModel = requested === 'spot' && !tolerance.tolerant ? 'on-demand' : requested;
    const kindSized = kindOf(w).size(w, context, trail);
    const sized = pricing === 'spot' && tolerance.tolerant ? withInterruptions(w, kindSized, tolerance, context.assumptions, context.targetUtilization, trail) : kindSized;
    explainCalibration(w, context.assumptions, trail);
    const storageBytes = sized.storage.reduce((sum, s) => sum + s.bytes, 0);
    const result: WorkloadSizing = {
      name: w.name,
      kind: w.kind,
      runsAs: kindOf(w).runsAs,
      replicas: sized.replicas,
      perReplica: sized.perReplica,
      total: {
        cpuCores: sized.perReplica.cpuCores * sized.replicas.peak,
        memoryBytes: sized.perReplica.memoryBytes * sized.replicas.peak,
        // Replicas on GPU shares occupy whole GPUs: as many as their shares fill.
        gpus: sized.perReplica.gpuShare ? Math.ceil(sized.replicas.peak / sized.perReplica.gpuShare.instancesPerGpu) : sized.perReplica.gpus * sized.replicas.peak,
        storageBytes,
      },
      storage: sized.storage,
      details: sized.details,
      explain: trail.steps,
      warnings: trail.warnings,
      feasible: trail.infeasible.length === 0,
      ...(trail.infeasible.length ? { infeasible: [...trail.infeasible] } : {}),
      ...(sized.candidates ? { candidates: sized.candidates } : {}),
      activeHoursPerMonth: sized.activeHoursPerMonth,
      nodePool: '',
      showback: { costPerMonthUsd: 0, share: 0 },
    };
    return { result, pricing, requestedPool: w.nodePool, zoneSpread: redundancy === 'zone', runtime: 'metrics' in w ? w.metrics.runtime : undefined };
  });

  const cluster = sizeCluster({
    provider,
    zones: spec.defaults.zones,
    pools: poolInstances,
    workloads: workloads.map((w) => ({ ...w.result, ...(w.requestedPool ? { requestedPool: w.requestedPool } : {}), zoneSpread: w.zoneSpread, pricing: w.pricing })),
  });
  // Indexed by workload once: a plan of n workloads must not cost n × warnings lookups.
  const clusterWarnings = groupBy(cluster.warnings, (x) => x.workload);
  const unplacedByName = new Map(cluster.unplaced.map((u) => [u.workload, u]));
  for (const { result } of workloads) {
    result.nodePool = cluster.assignment.get(result.name) ?? '';
    for (const { code, message } of clusterWarnings.get(result.name) ?? []) result.warnings.push({ code, message });
    const unplaced = unplacedByName.get(result.name);
    if (unplaced) {
      result.feasible = false;
      result.infeasible = [...(result.infeasible ?? []), { code: unplaced.code, message: unplaced.reason }];
    }
  }
  const sizedWorkloads = workloads.map((w) => w.result);
  const quotas = checkGpuQuotas(spec.cluster.quotas, cluster.nodePools, sizedWorkloads);
  const compliance = sizeCompliance(spec.compliance);
  const monitoring = sizeMonitoring({
    provider,
    scrapeIntervalSeconds: spec.monitoring.scrapeInterval,
    retentionSeconds: spec.monitoring.retention,
    assumptions: planAssumptions,
    workloads: workloads.map((w) => ({ ...w.result, ...(w.runtime ? { runtime: w.runtime } : {}) })),
    nodePools: cluster.nodePools,
  });
  const sum = (pick: (w: WorkloadSizing) => number) => sizedWorkloads.reduce((total, w) => total + pick(w), 0);
  const complianceWarnings = [
    ...(compliance.dedicatedNodes ? [{ code: 'COMPLIANCE_DEDICATED_NODES', message: `${compliance.frameworks.join(', ')}: run in-scope workloads on dedicated node pools (taint them) so out-of-scope pods share no host.` }] : []),
    ...(compliance.encryptionAtRest ? [{ code: 'COMPLIANCE_ENCRYPTION_AT_REST', message: `${compliance.frameworks.join(', ')}: enable encryption at rest for volumes, object storage and etcd secrets.` }] : []),
  ];
  const costPerMonthUsd = cluster.nodePools.reduce((total, p) => total + p.costPerMonthUsd, 0)
    + cluster.unplaced.reduce((total, u) => total + (u.estimatedCostPerMonthUsd ?? 0), 0);
  const shares = showback(sizedWorkloads, cluster.nodePools, cluster.unplaced, costPerMonthUsd);
  for (const w of sizedWorkloads) w.showback = shares.get(w.name)!;
  return {
    plan: { name: plan.metadata.name, namespace: plan.metadata.namespace, hash: fingerprint(plan) },
    workloads: sizedWorkloads,
    cluster: {
      provider,
      zones: spec.defaults.zones,
      nodePools: cluster.nodePools,
      totals: {
        cpuCores: sum((w) => w.total.cpuCores),
        memoryBytes: sum((w) => w.total.memoryBytes),
        gpus: sum((w) => w.total.gpus),
        storageBytes: sum((w) => w.total.storageBytes) + compliance.auditLogBytes + monitoring.prometheusStorageBytes,
      },
      costPerMonthUsd,
      costIsLowerBound: cluster.unplaced.some((u) => u.estimatedCostPerMonthUsd === null),
      unplaced: cluster.unplaced,
      quotas,
    },
    monitoring,
    compliance,
    complete: sizedWorkloads.every((w) => w.feasible) && cluster.unplaced.length === 0 && quotas.every((q) => !q.exceeded),
    warnings: [
      ...sizedWorkloads.flatMap((w) => w.warnings.map((x) => ({ ...x, workload: w.name }))),
      ...cluster.warnings.filter((x) => x.workload === undefined),
      ...complianceWarnings,
      ...quotas.filter((q) => q.exceeded).map(quotaWarning),
    ],
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
