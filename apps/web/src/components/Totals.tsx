/** The cluster's totals: GPUs, CPU, memory, storage, nodes and monthly cost. */
import type { Sizing } from '@headroom/model';
import { formatBytes, formatNumber, formatPlanCost } from '../format.ts';
import { clusterNodeCount } from '../state/sizing-views.ts';

export function Totals({ sizing }: { sizing: Sizing }) {
  const { totals } = sizing.cluster;
  const figures: [label: string, value: string][] = [
    ['GPUs', formatNumber(totals.gpus)],
    ['CPU cores', formatNumber(totals.cpuCores)],
    ['Memory', formatBytes(totals.memoryBytes)],
    ['Storage', formatBytes(totals.storageBytes)],
    ['Nodes', formatNumber(clusterNodeCount(sizing))],
    ['Cost per month', formatPlanCost(sizing.cluster)],
  ];
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading">Totals for {sizing.plan.name}</h2>
      <dl className="totals">
        {figures.map(([label, value]) => (
          <div key={label} className="total">
            <dt>{label}</dt>
            <dd data-testid={`total-${label.toLowerCase().replace(/ /g, '-')}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
