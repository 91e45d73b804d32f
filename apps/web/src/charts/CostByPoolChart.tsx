/** Monthly cost of each node pool. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUsd } from '../format.ts';
import type { PoolCost } from '../state/sizing-views.ts';

export function CostByPoolChart({ pools }: { pools: PoolCost[] }) {
  return (
    <figure className="chart">
      <figcaption>Monthly cost by node pool</figcaption>
      <ResponsiveContainer width="100%" height={80 + pools.length * 40}>
        <BarChart data={pools} layout="vertical" margin={{ left: 16, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatUsd(v)} />
          <YAxis type="category" dataKey="pool" width={150} />
          <Tooltip formatter={(value) => formatUsd(Number(value))} labelFormatter={(pool) => `${String(pool)}`} />
          <Bar dataKey="costPerMonthUsd" name="USD per month" fill="#3559a8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <ul className="visually-hidden">
        {pools.map((p) => (
          <li key={p.pool}>
            {p.pool} ({p.nodes} × {p.instanceType}): {formatUsd(p.costPerMonthUsd)} per month
          </li>
        ))}
      </ul>
    </figure>
  );
}
