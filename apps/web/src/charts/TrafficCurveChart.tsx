/**
 * Peak replicas of each workload kind, and total GPUs, across a traffic multiplier; the plan (1x)
 * marked. Replicas and GPUs are whole numbers that change in jumps, so the lines are steps: a
 * smooth curve between two samples would draw counts that never occur.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../format.ts';
import type { TrafficCurve } from '../state/traffic-curve.ts';

/** Line colours with at least 3:1 contrast on white (graphics), one per kind; GPUs drawn dashed. */
const kindColors: Record<string, string> = {
  'llm-inference': '#3559a8',
  'model-serving': '#2a7d72',
  'batch-inference': '#a05a00',
  'data-pipeline': '#8a3b8f',
  training: '#b3261e',
};
const fallbackColors = ['#3559a8', '#2a7d72', '#a05a00', '#8a3b8f', '#b3261e'];
const gpuColor = '#1f2933';

const multiplierLabel = (m: number) => `${m}x`;
// Stable props for Recharts (HorizontalBars.tsx says why).
const MARGIN = { left: 8, right: 24, top: 16 };
const DOMAIN: [number, number] = [0.25, 4];
const REPLICAS_LABEL = { value: 'Peak replicas', angle: -90, position: 'insideLeft', fill: '#1f2933' } as const;
const GPUS_LABEL = { value: 'GPUs', angle: 90, position: 'insideRight', fill: '#1f2933' } as const;
const PLAN_LABEL = { value: 'Plan (1x)', position: 'top', fill: '#1f2933' } as const;
const tooltipLabel = (m: unknown) => `Traffic ${multiplierLabel(Number(m))}`;
const tooltipValue = (value: unknown) => formatNumber(Number(value));

export const TrafficCurveChart = memo(function TrafficCurveChart({ curve }: { curve: TrafficCurve }) {
  const kinds = useMemo(() => curve.kinds.slice(0, 5), [curve.kinds]);
  const ticks = useMemo(() => curve.points.map((p) => p.multiplier), [curve.points]);
  // One accessor per kind, kept while the kinds stay the same.
  const replicasOf = useMemo(() => Object.fromEntries(kinds.map((kind) => [kind, (p: TrafficCurve['points'][number]) => p.replicasByKind[kind] ?? 0])), [kinds.join('\n')]);
  return (
    <figure className="chart chart-wide">
      <figcaption>Replicas needed across a traffic multiplier</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={curve.points} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="multiplier" type="number" scale="log" domain={DOMAIN} ticks={ticks} tickFormatter={multiplierLabel} />
          <YAxis yAxisId="replicas" allowDecimals={false} label={REPLICAS_LABEL} />
          <YAxis yAxisId="gpus" orientation="right" allowDecimals={false} label={GPUS_LABEL} />
          <Tooltip labelFormatter={tooltipLabel} formatter={tooltipValue} />
          <Legend />
          <ReferenceLine yAxisId="replicas" x={1} stroke="#1f2933" strokeDasharray="4 4" label={PLAN_LABEL} />
          {kinds.map((kind, i) => (
            <Line
              key={kind}
              yAxisId="replicas"
              type="stepAfter"
              dataKey={replicasOf[kind]!}
              name={`${kind} replicas`}
              stroke={kindColors[kind] ?? fallbackColors[i % fallbackColors.length]}
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          ))}
          <Line yAxisId="gpus" type="stepAfter" dataKey="gpus" name="Total GPUs" stroke={gpuColor} strokeDasharray="6 3" strokeWidth={2} dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <p className="help">
        Every workload's traffic scaled (requests per second, batch items, pipeline bytes per run) and re-sized. An LLM's replicas can drop where each replica grows
        to more GPUs; total GPUs never drop.
      </p>
      {/* A table ignores the 1px width, so a clipping box hides it (else it widens the page). */}
      <div className="visually-hidden">
        <table>
          <caption>Peak replicas by workload kind and total GPUs at each traffic multiplier</caption>
          <thead>
            <tr>
              <th scope="col">Traffic</th>
              {kinds.map((kind) => (
                <th key={kind} scope="col">
                  {kind} replicas
                </th>
              ))}
              <th scope="col">Total GPUs</th>
            </tr>
          </thead>
          <tbody>
            {curve.points.map((p) => (
              <tr key={p.multiplier}>
                <th scope="row">{multiplierLabel(p.multiplier)}</th>
                {kinds.map((kind) => (
                  <td key={kind}>{p.replicasByKind[kind] ?? 0}</td>
                ))}
                <td>{p.gpus}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
});
