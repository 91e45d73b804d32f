/** Peak replicas of each workload kind, and total GPUs, across a traffic multiplier; the plan (1x) marked. */
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

export function TrafficCurveChart({ curve }: { curve: TrafficCurve }) {
  const kinds = curve.kinds.slice(0, 5);
  return (
    <figure className="chart chart-wide">
      <figcaption>Replicas needed across a traffic multiplier</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={curve.points} margin={{ left: 8, right: 24, top: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="multiplier" type="number" scale="log" domain={[0.25, 4]} ticks={curve.points.map((p) => p.multiplier)} tickFormatter={multiplierLabel} />
          <YAxis yAxisId="replicas" allowDecimals={false} label={{ value: 'Peak replicas', angle: -90, position: 'insideLeft', fill: '#1f2933' }} />
          <YAxis yAxisId="gpus" orientation="right" allowDecimals={false} label={{ value: 'GPUs', angle: 90, position: 'insideRight', fill: '#1f2933' }} />
          <Tooltip labelFormatter={(m) => `Traffic ${multiplierLabel(Number(m))}`} formatter={(value) => formatNumber(Number(value))} />
          <Legend />
          <ReferenceLine yAxisId="replicas" x={1} stroke="#1f2933" strokeDasharray="4 4" label={{ value: 'Plan (1x)', position: 'top', fill: '#1f2933' }} />
          {kinds.map((kind, i) => (
            <Line
              key={kind}
              yAxisId="replicas"
              type="monotone"
              dataKey={(p: TrafficCurve['points'][number]) => p.replicasByKind[kind] ?? 0}
              name={`${kind} replicas`}
              stroke={kindColors[kind] ?? fallbackColors[i % fallbackColors.length]}
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          ))}
          <Line yAxisId="gpus" type="monotone" dataKey="gpus" name="Total GPUs" stroke={gpuColor} strokeDasharray="6 3" strokeWidth={2} dot isAnimationActive={false} />
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
}
