/** GPU memory of one replica of each LLM workload: weights, KV cache, runtime overhead and free. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes } from '../format.ts';
import type { GpuMemoryBreakdown } from '../state/sizing-views.ts';

const parts = [
  { key: 'weightsBytes', name: 'Weights', color: '#3559a8' },
  { key: 'kvCacheBytes', name: 'KV cache', color: '#2a9d8f' },
  { key: 'runtimeOverheadBytes', name: 'Runtime overhead', color: '#e9a03b' },
  { key: 'freeBytes', name: 'Free', color: '#c7ccd4' },
] as const;

export function GpuMemoryChart({ breakdowns }: { breakdowns: GpuMemoryBreakdown[] }) {
  return (
    <figure className="chart">
      <figcaption>GPU memory per LLM replica</figcaption>
      <ResponsiveContainer width="100%" height={80 + breakdowns.length * 48}>
        <BarChart data={breakdowns} layout="vertical" margin={{ left: 16, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatBytes(v)} />
          <YAxis type="category" dataKey="workload" width={110} />
          <Tooltip formatter={(value) => formatBytes(Number(value))} />
          <Legend />
          {parts.map((part) => (
            <Bar key={part.key} dataKey={part.key} name={part.name} stackId="memory" fill={part.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ul className="visually-hidden">
        {breakdowns.map((b) => (
          <li key={b.workload}>
            {b.workload}: weights {formatBytes(b.weightsBytes)}, KV cache {formatBytes(b.kvCacheBytes)}, runtime overhead {formatBytes(b.runtimeOverheadBytes)}, free{' '}
            {formatBytes(b.freeBytes)} of {formatBytes(b.totalBytes)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
