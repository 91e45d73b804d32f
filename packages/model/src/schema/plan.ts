/** The plan: apiVersion headroom/v1, kind CapacityPlan (DESIGN.md, "The plan"). */
import { z } from 'zod';
import { findInstanceType, instanceTypeNames } from '../catalog/instance-types.ts';
import { unknownNameMessage } from '../catalog/names.ts';
import { instancesPricedFor, pricingModels, publishedRate } from '../catalog/pricing-models.ts';
import { interruptionTolerance } from '../pricing/tolerance.ts';
import { redundancy } from '../kinds/common.ts';
import { kinds } from '../kinds/index.ts';
import { amount, assumptionOverrides, bytes, dnsLabel, integer, ratio, seconds } from './fields.ts';
import { kitSettingsSchema } from './kit.ts';
import { planGrowthSchema } from './growth.ts';
import { quotasSchema } from './quotas.ts';

const [first, ...rest] = kinds.map((k) => k.schema);
const workload = z.discriminatedUnion('kind', [first!, ...rest]).meta({
  description: `One workload; \`kind\` selects its fields: ${kinds.map((k) => `${k.kind} (${k.title})`).join(', ')}.`,
});

const nodePool = z.strictObject({
  name: dnsLabel('Node pool name.'),
  instanceType: z.string().min(1).meta({ description: 'The provider\'s instance type name (e.g. m5.2xlarge, n2-standard-8, Standard_D8s_v5), whatever the case.' }),
  pricing: z.enum(pricingModels).optional().meta({ description: 'How the pool\'s nodes are bought: on-demand, spot (interruptible; only for workloads that tolerate it), commit-1y or commit-3y (savings plan / committed use / reservation, billed every hour). Default: spec.cluster.pricing. Refused for an instance type with no published price under that model.' }),
  maxPods: integer('Pods per node the kubelet allows (EKS: nodeadm maxPods, e.g. with prefix delegation; AKS: --max-pods, 10-250; GKE: max pods per node, 8-256). Default: the provider\'s figure for the instance type (EKS eni-max-pods.txt, AKS 250, GKE 110). EKS and AKS reserve memory per allowed pod.', { min: 1, max: 1000 }).optional(),
  maxNodes: integer('Most nodes the pool may have (the autoscaler\'s max, or what the provider grants): workloads that need more are reported unplaced, and `headroom forecast` names the month the pool runs out.', { min: 1, max: 100_000 }).optional(),
}).meta({ description: 'A node pool of one instance type.' });

/**
 * Max pods the providers accept: AKS 10 to 250 ("Configure Azure CNI networking: maximum pods per
 * node", https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning#maximum-pods-per-node);
 * GKE 8 to 256 ("Configure maximum Pods per node",
 * https://cloud.google.com/kubernetes-engine/docs/how-to/flexible-pod-cidr). EKS takes what nodeadm is given.
 */
const MAX_PODS_RANGE: Partial<Record<'eks' | 'gke' | 'aks' | 'generic', readonly [number, number]>> = { aks: [10, 250], gke: [8, 256] };

export const planSchema = z
  .strictObject({
    apiVersion: z.literal('headroom/v1').meta({ description: 'Plan format version.' }),
    kind: z.literal('CapacityPlan'),
    metadata: z.strictObject({
      name: dnsLabel('Plan name; labels every generated series and artifact.'),
      namespace: dnsLabel('Default Kubernetes namespace of the workloads.').default('default'),
    }).meta({ description: 'The plan\'s identity.' }),
    spec: z.strictObject({
      defaults: z
        .strictObject({
          targetUtilization: ratio('Fraction of capacity to run at, at peak.', 0.05, 1).default(0.7),
          redundancy: redundancy.default('n+1'),
          zones: integer('Availability zones the cluster spans.', { min: 1, max: 10 }).default(3),
        })
        .default({ targetUtilization: 0.7, redundancy: 'n+1', zones: 3 })
        .meta({ description: 'Defaults every workload inherits unless it overrides them.' }),
      assumptions: assumptionOverrides.optional(),
      cluster: z
        .strictObject({
          provider: z.enum(['eks', 'gke', 'aks', 'generic']).default('generic').meta({ description: 'Managed Kubernetes provider; sets node reservations, instance types and prices.' }),
          pricing: z.enum(pricingModels).optional().meta({ description: 'Pricing model of every node pool that sets none, including pools Headroom adds (a workload that cannot be interrupted never gets a spot pool this way: it stays on-demand). Default: on-demand.' }),
          nodePools: z.array(nodePool).default([]).meta({ description: 'Node pools to pack onto; Headroom adds the cheapest fitting pool for workloads none fits.' }),
          quotas: quotasSchema.optional(),
        })
        .default({ provider: 'generic', nodePools: [] })
        .meta({ description: 'The Kubernetes cluster: provider (node reservations, instance types, prices) and node pools.' }),
      compliance: z
        .strictObject({
          frameworks: z.array(z.enum(['pci-dss', 'hipaa'])).default([]).meta({ description: 'Compliance frameworks in scope.' }),
          auditEventsPerSecond: amount('Kubernetes audit events per second.', { max: 1e7, allowZero: true }).default(0),
          auditEventBytes: bytes('Mean size of one audit event.', { max: 1e7 }).default(1024),
        })
        .default({ frameworks: [], auditEventsPerSecond: 0, auditEventBytes: 1024 })
        .meta({ description: 'Compliance scope: audit-log retention and the controls nodes need.' }),
      monitoring: z
        .strictObject({
          scrapeInterval: seconds('Prometheus scrape interval.', { min: 1, max: 3600 }).default(30),
          retention: seconds('Prometheus retention.', { min: 3600, max: 10 * 365 * 86_400 }).default(15 * 86_400),
        })
        .default({ scrapeInterval: 30, retention: 15 * 86_400 })
        .meta({ description: 'The Prometheus that will verify the plan: sizes its memory and disk.' }),
      kit: kitSettingsSchema.optional(),
      growth: planGrowthSchema.optional(),
      workloads: z.array(workload).min(1, { message: 'a plan needs at least one workload' }).max(10_000).meta({ description: 'The workloads to size.' }),
    }).meta({ description: 'What to size and where it runs.' }),
  })
  .superRefine((plan, ctx) => {
    const seen = new Map<string, number>();
    plan.spec.workloads.forEach((w, i) => {
      const previous = seen.get(w.name);
      if (previous !== undefined) ctx.addIssue({ code: 'custom', path: ['spec', 'workloads', i, 'name'], message: `"${w.name}" is already the name of workloads[${previous}]; names must be unique` });
      seen.set(w.name, i);
    });
    const { provider, nodePools } = plan.spec.cluster;
    const poolNames = new Set<string>();
    nodePools.forEach((pool, i) => {
      if (poolNames.has(pool.name)) ctx.addIssue({ code: 'custom', path: ['spec', 'cluster', 'nodePools', i, 'name'], message: `duplicate node pool "${pool.name}"` });
      poolNames.add(pool.name);
      const range = MAX_PODS_RANGE[provider];
      if (range && pool.maxPods !== undefined && (pool.maxPods < range[0] || pool.maxPods > range[1])) {
        ctx.addIssue({ code: 'custom', path: ['spec', 'cluster', 'nodePools', i, 'maxPods'], message: `${provider} allows ${range[0]} to ${range[1]} pods per node (got ${pool.maxPods})` });
      }
      const instance = findInstanceType(provider, pool.instanceType);
      const pricing = pool.pricing ?? plan.spec.cluster.pricing ?? 'on-demand';
      if (instance && pricing !== 'on-demand' && !publishedRate(instance.id, pricing)) {
        ctx.addIssue({ code: 'custom', path: pool.pricing ? ['spec', 'cluster', 'nodePools', i, 'pricing'] : ['spec', 'cluster', 'pricing'],
          message: `no published ${pricing} price for ${instance.id} in Headroom's catalog (priced: ${instancesPricedFor(pricing).join(', ') || 'none'}); Headroom does not invent a discount: use on-demand or a priced instance type` });
      }
      if (!instance) {
        // A name of another provider's catalog is a plan on the wrong provider, not a typo: say which.
        const elsewhere = findInstanceType('generic', pool.instanceType);
        ctx.addIssue({ code: 'custom', path: ['spec', 'cluster', 'nodePools', i, 'instanceType'],
          message: unknownNameMessage(`${provider} instance type`, pool.instanceType, instanceTypeNames[provider], elsewhere ? ` (${elsewhere.id} is a ${elsewhere.provider} instance type)` : '') });
      }
    });
    const poolsByName = new Map(nodePools.map((p) => [p.name, p]));
    plan.spec.workloads.forEach((w, i) => {
      if (w.nodePool !== undefined && !poolNames.has(w.nodePool)) {
        ctx.addIssue({ code: 'custom', path: ['spec', 'workloads', i, 'nodePool'], message: `no node pool named "${w.nodePool}" in spec.cluster.nodePools` });
      }
      const pool = w.nodePool !== undefined ? poolsByName.get(w.nodePool) : undefined;
      const tolerance = interruptionTolerance(w);
      if (pool && (pool.pricing ?? plan.spec.cluster.pricing) === 'spot' && !tolerance.tolerant) {
        ctx.addIssue({ code: 'custom', path: ['spec', 'workloads', i, 'nodePool'], message: `workload "${w.name}" cannot run on spot pool "${pool.name}": ${tolerance.reason}` });
      }
    });
  })
  .meta({ title: 'Headroom capacity plan', description: 'A Headroom capacity plan (apiVersion headroom/v1): workloads to size and the cluster to pack them onto.' });

export type Plan = z.output<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type Workload = Plan['spec']['workloads'][number];

/** The plan's JSON Schema (draft 2020-12), for editors that complete and check plan files. */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
}
