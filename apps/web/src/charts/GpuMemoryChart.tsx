/** GPU memory of one replica of each LLM workload: weights, KV cache, runtime overhead and free. */
import { memo } from 'react';
import { formatBytes } from '../format.ts';
import type { GpuMemoryBreakdown } from '../state/sizing-views.ts';
import { HorizontalBars, shownOf } from './HorizontalBars.tsx';

const parts = [
  { key: 'weightsBytes', name: 'Weights', color: '#3559a8', stackId: 'memory' },
  { key: 'kvCacheBytes', name: 'KV cache', color: '#2a9d8f', stackId: 'memory' },
  { key: 'runtimeOverheadBytes', name: 'Runtime overhead', color: '#e9a03b', stackId: 'memory' },
  { key: 'freeBytes', name: 'Free', color: '#c7ccd4', stackId: 'memory' },
] as const;

export const GpuMemoryChart = memo(function GpuMemoryChart({ breakdowns, of }: { breakdowns: GpuMemoryBreakdown[]; of: number }) {
  return (
    <figure className="chart">
      <figcaption>GPU memory per LLM replica{shownOf(breakdowns.length, of, 'LLM workloads')}</figcaption>
      <HorizontalBars rows={breakdowns} categoryKey="workload" categoryWidth={160} height={80 + breakdowns.length * 48} bars={parts} format={formatBytes} legend />
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
});
