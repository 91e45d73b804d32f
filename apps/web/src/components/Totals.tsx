/** The cluster's totals: GPUs, CPU, memory, storage, nodes and monthly cost. */
import type { Sizing } from '@headroom/model';
import { formatBytes, formatNumber, formatPlanCost } from '../format.ts';
import { clusterNodeCount } from '../state/sizing-views.ts';
import { ExplainLink } from './explain-link.tsx';

export function Totals({ sizing }: { sizing: Sizing }) {
  const { totals } = sizing.cluster;
  // Each figure links to its step of the totals' explanation (state/sizing-views.ts, totalsExplanation).
  const figures: [label: string, value: string, step: string][] = [
    ['GPUs', formatNumber(totals.gpus), 'total-gpus'],
    ['CPU cores', formatNumber(totals.cpuCores), 'total-cpu'],
    ['Memory', formatBytes(totals.memoryBytes), 'total-memory'],
    ['Storage', formatBytes(totals.storageBytes), 'total-storage'],
    ['Nodes', formatNumber(clusterNodeCount(sizing)), 'total-nodes'],
    ['Cost per month', formatPlanCost(sizing.cluster), 'total-cost'],
  ];
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading">Totals for {sizing.plan.name}</h2>
      <dl className="totals">
        {figures.map(([label, value, step]) => (
          <div key={label} className="total">
            <dt>{label}</dt>
            <dd data-testid={`total-${label.toLowerCase().replace(/ /g, '-')}`}>
              <ExplainLink subject="totals" step={step} what={`the total ${label.toLowerCase()}`}>
                {value}
              </ExplainLink>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
