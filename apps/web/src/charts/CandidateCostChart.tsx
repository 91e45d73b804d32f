/**
 * Cost per month against GPUs for every configuration the LLM search sized: feasible ones
 * filled, infeasible ones hollow, so the cheapest feasible choice and what it beat are in one view.
 * Loaded on demand (React.lazy in CandidateSearch), like the other charts.
 */
import type { Candidate } from '@headroom/model';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUsd } from '../format.ts';

interface Point {
  gpus: number;
  costPerMonthUsd: number;
  label: string;
}

const point = (c: Candidate): Point => ({ gpus: c.gpus, costPerMonthUsd: c.costPerMonthUsd, label: `${c.gpu} TP ${c.tensorParallel} PP ${c.pipelineParallel}` });

/** Colours with at least 3:1 contrast on white and on the dark surface (graphics, WCAG 1.4.11). */
const FEASIBLE = '#3d7dd8';
const INFEASIBLE = '#c0392b';

export default function CandidateCostChart({ workload, candidates }: { workload: string; candidates: readonly Candidate[] }) {
  const feasible = candidates.filter((c) => c.feasible).map(point);
  // A configuration ruled out before sizing (it does not fit) has no GPUs or cost to draw.
  const infeasible = candidates.filter((c) => !c.feasible && c.gpus > 0).map(point);
  return (
    <figure className="chart">
      <figcaption>Cost per month against GPUs, {workload}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ScatterChart margin={{ left: 16, right: 24, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="gpus" name="GPUs" allowDecimals={false} label={{ value: 'GPUs', position: 'insideBottom', offset: -4 }} />
          <YAxis type="number" dataKey="costPerMonthUsd" name="USD per month" width={80} tickFormatter={(v: number) => formatUsd(v)} />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            wrapperStyle={{ zIndex: 10 }}
            formatter={(value, name) => (name === 'USD per month' ? formatUsd(Number(value)) : String(value))}
            labelFormatter={(_, payload) => String((payload?.[0]?.payload as Point | undefined)?.label ?? '')}
          />
          <Legend verticalAlign="top" />
          <Scatter name="feasible" data={feasible} fill={FEASIBLE} isAnimationActive={false} />
          {infeasible.length > 0 ? <Scatter name="infeasible" data={infeasible} fill="none" stroke={INFEASIBLE} strokeWidth={2} isAnimationActive={false} /> : null}
        </ScatterChart>
      </ResponsiveContainer>
      <ul className="visually-hidden">
        {candidates.map((c) => (
          <li key={point(c).label}>
            {point(c).label}: {c.gpus > 0 ? `${c.gpus} GPUs, ${formatUsd(c.costPerMonthUsd)} per month, ` : 'not sized, '}
            {c.feasible ? 'feasible' : 'infeasible'}
          </li>
        ))}
      </ul>
    </figure>
  );
}
