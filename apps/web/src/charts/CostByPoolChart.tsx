/** Monthly cost of each node pool. */
import { memo } from 'react';
import { formatUsd } from '../format.ts';
import type { PoolCost } from '../state/sizing-views.ts';
import { HorizontalBars } from './HorizontalBars.tsx';

const bars = [{ key: 'costPerMonthUsd', name: 'USD per month', color: '#3559a8' }] as const;

export const CostByPoolChart = memo(function CostByPoolChart({ pools }: { pools: PoolCost[] }) {
  return (
    <figure className="chart">
      <figcaption>Monthly cost by node pool</figcaption>
      <HorizontalBars rows={pools} categoryKey="pool" categoryWidth={200} height={80 + pools.length * 40} bars={bars} format={formatUsd} />
      <ul className="visually-hidden">
        {pools.map((p) => (
          <li key={p.pool}>
            {p.pool} ({p.nodes} × {p.instanceType}): {formatUsd(p.costPerMonthUsd)} per month
          </li>
        ))}
      </ul>
    </figure>
  );
});
