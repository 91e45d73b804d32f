/**
 * A node pool's monthly cost under its pricing model (catalog/pricing-models.ts). The explain step
 * `costPerMonthUsd` always names the list price as input `onDemandUsdPerHour` (contract), beside
 * the rate actually billed.
 * - on-demand and spot bill the hours the pool runs (730 for services; job pools scale to zero).
 * - a commitment bills every hour of its term, 730 a month, whether nodes run or not: on a pool
 *   that runs part-time it can cost more than on-demand, which is reported, never hidden.
 */
import { publishedRate, type PricingModel, type PublishedRate } from '../catalog/pricing-models.ts';
import type { InstanceType } from '../catalog/types.ts';
import type { Trail } from '../sizing/explain.ts';
import { HOURS_PER_MONTH } from '../units.ts';

export interface PoolCost {
  costPerMonthUsd: number;
  /** The rate billed per node-hour under the pool's pricing model. */
  usdPerHour: number;
  /** Set when a commitment costs more than on-demand for the hours the pool runs. */
  warning?: { code: string; message: string };
}

/** The rate `instance` bills per hour under `pricing`; undefined when no published figure exists. */
export function hourlyRate(instance: InstanceType, pricing: PricingModel): { usdPerHour: number; rate?: PublishedRate } | undefined {
  if (pricing === 'on-demand') return { usdPerHour: instance.onDemandUsdPerHour };
  const rate = publishedRate(instance.id, pricing);
  return rate ? { usdPerHour: rate.usdPerHour, rate } : undefined;
}

export function poolCost(trail: Trail, pool: { name: string; instance: InstanceType; pricing: PricingModel }, nodes: number, hoursPerMonth: number): PoolCost {
  const { instance, pricing } = pool;
  const listSource = `${instance.source} (${instance.priceRegion}, ${instance.asOf})`;
  const billed = hourlyRate(instance, pricing);
  if (!billed?.rate) {
    const costPerMonthUsd = trail.step(
      { id: 'costPerMonthUsd', label: 'Monthly cost', unit: 'USD', formula: 'nodes × onDemandUsdPerHour × hours the pool runs per month (730 for services; job pools scale to zero between runs)',
        inputs: { nodes, onDemandUsdPerHour: instance.onDemandUsdPerHour, hoursPerMonth }, source: listSource },
      nodes * instance.onDemandUsdPerHour * hoursPerMonth,
    );
    return { costPerMonthUsd, usdPerHour: instance.onDemandUsdPerHour };
  }
  const { rate } = billed;
  const rateSource = `${pricing}: ${rate.source} (${rate.region}, ${rate.asOf}); on-demand: ${listSource}`;
  if (pricing === 'spot') {
    const costPerMonthUsd = trail.step(
      { id: 'costPerMonthUsd', label: 'Monthly cost (spot)', unit: 'USD', formula: 'nodes × spotUsdPerHour × hours the pool runs per month (the spot price is a dated snapshot: it moves)',
        inputs: { nodes, onDemandUsdPerHour: instance.onDemandUsdPerHour, spotUsdPerHour: rate.usdPerHour, hoursPerMonth }, source: rateSource },
      nodes * rate.usdPerHour * hoursPerMonth,
    );
    return { costPerMonthUsd, usdPerHour: rate.usdPerHour };
  }
  const costPerMonthUsd = trail.step(
    { id: 'costPerMonthUsd', label: `Monthly cost (${pricing})`, unit: 'USD', formula: 'nodes × commitmentUsdPerHour × 730 (a commitment bills every hour of its term, whether the nodes run or not)',
      inputs: { nodes, onDemandUsdPerHour: instance.onDemandUsdPerHour, commitmentUsdPerHour: rate.usdPerHour, hoursBilledPerMonth: HOURS_PER_MONTH, hoursPerMonth }, source: rateSource },
    nodes * rate.usdPerHour * HOURS_PER_MONTH,
  );
  const onDemand = nodes * instance.onDemandUsdPerHour * hoursPerMonth;
  const warning = costPerMonthUsd > onDemand + 1e-9
    ? { code: 'COMMITMENT_COSTS_MORE_THAN_ON_DEMAND', message: `Pool ${pool.name}: a ${pricing} commitment bills ${nodes} × ${instance.id} for all 730 h a month ($${costPerMonthUsd.toFixed(2)}), more than on-demand for the ${hoursPerMonth.toFixed(1)} h the pool runs ($${onDemand.toFixed(2)}); the plan is priced at the commitment.` }
    : undefined;
  return { costPerMonthUsd, usdPerHour: rate.usdPerHour, ...(warning ? { warning } : {}) };
}
