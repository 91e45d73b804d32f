/**
 * Prices of an instance type under the pricing models other than on-demand (on-demand lives on
 * the instance type itself, `onDemandUsdPerHour`). Only published figures are here, each with its
 * source and the date it was read; a shape without a published figure for a model is absent, and
 * a pool asking for that model is refused (schema/plan.ts) rather than given an invented discount.
 *
 * - spot: a SNAPSHOT. Spot prices move (AWS: gradually with supply and demand, per Availability
 *   Zone; GCP: up to once every 30 days; Azure: per region). The figure kept is the HIGHEST of the
 *   region's zones in the snapshot, so a plan is never priced at the luckiest zone.
 * - The SkyPilot snapshots carry no date of their own: `asOf` is the day they were read, and the
 *   commit in the source pins the exact table.
 * - commit-1y / commit-3y: AWS EC2 Instance Savings Plans (no upfront), GCP resource-based
 *   committed-use discounts, Azure reservations. A commitment bills every hour of its term
 *   whether nodes run or not (cluster/pool-cost.ts).
 */
import type { Provenance } from './types.ts';

export type PricingModel = 'on-demand' | 'spot' | 'commit-1y' | 'commit-3y';
export const pricingModels = ['on-demand', 'spot', 'commit-1y', 'commit-3y'] as const satisfies readonly PricingModel[];

export interface PublishedRate extends Provenance {
  usdPerHour: number;
  region: string;
}

/** SkyPilot's public catalog (AWS price list API and DescribeSpotPriceHistory), commit e385a0d3 of catalogs/v8/aws/vms.csv. */
const SKYPILOT_AWS = 'SkyPilot catalog https://github.com/skypilot-org/skypilot-catalog/blob/e385a0d348eda9cefd9806423e7725944dc249e4/catalogs/v8/aws/vms.csv (AWS spot price history as the catalog recorded it)';

/** The same catalog's Azure table (Azure Retail Prices API, one spot price per region), commit 098741e7 of catalogs/v6/azure/vms.csv. */
const SKYPILOT_AZURE = 'SkyPilot catalog https://github.com/skypilot-org/skypilot-catalog/blob/098741e70562f65d7af1cceb81e33b284f742604/catalogs/v6/azure/vms.csv (Azure Retail Prices API spot meters as the catalog recorded them)';

/** A spot snapshot from SkyPilot's Azure table, eastus (its on-demand column matches this catalog's list price for each entry). */
const azureSpot = (usdPerHour: number): { spot: PublishedRate } => ({
  spot: { usdPerHour, region: 'eastus', source: `${SKYPILOT_AZURE} ; eastus; spot SNAPSHOT`, asOf: '2026-12-03' },
});

/** Marks a figure read from a third party's table rather than the provider's own page. */
const THIRD_PARTY = 'read from a third-party table, NOT re-checked against the provider\'s page: refresh before budgeting';

export const publishedRates: Readonly<Record<string, Partial<Record<Exclude<PricingModel, 'on-demand'>, PublishedRate>>>> = {
  // us-east-1 zones in the snapshot: use1-az1 2.0357, use1-az2 1.7820, use1-az4 1.6886, use1-az6 1.6640 (on-demand 4.6016).
  'g6.12xlarge': {
    spot: { usdPerHour: 2.0357, region: 'us-east-1', source: `${SKYPILOT_AWS} ; highest us-east-1 zone (use1-az1); spot SNAPSHOT`, asOf: '2026-12-03' },
  },
  // EC2 Instance Savings Plan, no upfront, us-east-1: on-demand 0.192, 1 yr 0.120 (37 %), 3 yr 0.081 (58 %).
  'm5.xlarge': {
    'commit-1y': { usdPerHour: 0.120, region: 'us-east-1', source: `EC2 Instance Savings Plan, no upfront, as tabulated "as of early 2026" at https://xplorr.io/blog/aws-reserved-instances-vs-savings-plans ; ${THIRD_PARTY}`, asOf: '2026-12-03' },
    'commit-3y': { usdPerHour: 0.081, region: 'us-east-1', source: `EC2 Instance Savings Plan, no upfront, as tabulated "as of early 2026" at https://xplorr.io/blog/aws-reserved-instances-vs-savings-plans ; ${THIRD_PARTY}`, asOf: '2026-12-03' },
  },
  // Azure Spot, eastus. Standard_ND96isr_H100_v5 is left unpriced: the snapshot lists its spot price
  // equal to on-demand (98.32), i.e. no spot offer.
  Standard_D8s_v5: azureSpot(0.04224),
  Standard_NC4as_T4_v3: azureSpot(0.062699),
  Standard_NC8as_T4_v3: azureSpot(0.089638),
  Standard_NC24ads_A100_v4: azureSpot(0.444433),
  Standard_NC48ads_A100_v4: azureSpot(0.888866),
  Standard_NC96ads_A100_v4: azureSpot(1.777732),
  Standard_ND96amsr_A100_v4: azureSpot(3.6047),
  // Google's accelerator-optimized pricing page: A4 Spot $39.63/h per node in us-central1 (Calendar Mode $90.22, DWS Flex-start $64.44).
  'a4-highgpu-8g': {
    spot: { usdPerHour: 39.63, region: 'us-central1', source: 'https://cloud.google.com/products/compute/pricing/accelerator-optimized (A4 Spot, per node); spot SNAPSHOT', asOf: '2026-09-23' },
  },
};

/** The published rate of `instanceId` under `model`; undefined when none is published (on-demand: use the instance type). */
export function publishedRate(instanceId: string, model: Exclude<PricingModel, 'on-demand'>): PublishedRate | undefined {
  return publishedRates[instanceId]?.[model];
}

/** Instance ids with a published rate for `model`, for error messages. */
export function instancesPricedFor(model: Exclude<PricingModel, 'on-demand'>): string[] {
  return Object.entries(publishedRates).filter(([, rates]) => rates[model]).map(([id]) => id);
}
