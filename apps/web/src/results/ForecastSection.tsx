/**
 * The growth forecast (issue 18): GPUs and monthly cost per month as the plan's load grows, and the
 * month each node pool passes its maxNodes or a GPU quota is passed. Shown only when the plan
 * states growth; the forecast is computed by @headroom/model in the plan worker and arrives through
 * the store after the results. Loaded lazily (Recharts stays out of the initial bundle).
 */
import type { Forecast, ForecastExhaustion } from '@headroom/model';
import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, formatUsd } from '../format.ts';
import { usePlanStore } from '../state/store-context.tsx';
import { selectForecast } from '../state/store.ts';

const gpuColor = '#3559a8';
const costColor = '#a05a00';
const limitColor = '#b3261e';
// Stable props for Recharts (charts/HorizontalBars.tsx says why).
const MARGIN = { left: 8, right: 24, top: 16 };
const GPUS_LABEL = { value: 'GPUs', angle: -90, position: 'insideLeft', fill: '#1f2933' } as const;
const COST_LABEL = { value: 'USD per month', angle: 90, position: 'insideRight', fill: '#1f2933' } as const;
const tooltipValue = (value: unknown, name: unknown) => (String(name).startsWith('Cost') ? formatUsd(Number(value)) : formatNumber(Number(value)));

const monthName = (m: { month: number; date?: string }) => (m.date ? `month ${m.month} (${m.date})` : `month ${m.month}`);

function describeExhaustion(e: ForecastExhaustion): string {
  return e.kind === 'maxNodes'
    ? `Pool ${e.pool} needs ${e.needed} nodes in ${monthName(e)}, past its maxNodes of ${e.limit}.`
    : `${e.gpuModel === 'total' ? 'GPUs in all' : `${e.gpuModel} GPUs`}: ${e.needed} needed in ${monthName(e)}, past the quota of ${e.limit}${e.pool ? ` (pools ${e.pool})` : ''}.`;
}

export default function ForecastSection() {
  const forecast = usePlanStore(selectForecast);
  if (!forecast) return null;
  return <ForecastView forecast={forecast} />;
}

const ForecastView = memo(function ForecastView({ forecast }: { forecast: Forecast }) {
  const data = forecast.months.map((m) => ({ ...m, label: m.date ?? String(m.month) }));
  return (
    <section className="forecast" aria-label="Growth forecast">
      <h2>Growth forecast</h2>
      <p className="help">
        {forecast.horizonMonths} months{forecast.start ? ` from ${forecast.start}` : ''}: each month, every workload's load is scaled by its growth
        ({forecast.growth.map((g) => `${g.workload} ${formatNumber(g.monthly * 100)}%/month`).join(', ')}) and the plan re-sized.
      </p>
      <h3>Limits reached</h3>
      {forecast.exhaustion.length === 0 ? (
        <p>No stated limit (maxNodes, GPU quota) is reached within {forecast.horizonMonths} months.</p>
      ) : (
        <ul className="forecast-exhaustion">
          {forecast.exhaustion.map((e) => <li key={`${e.kind}/${e.pool}/${e.gpuModel ?? ''}`}>{describeExhaustion(e)}</li>)}
        </ul>
      )}
      {forecast.stopped ? <p>The forecast stops at month {forecast.stopped.month}: {forecast.stopped.reasons.join('; ')}.</p> : null}
      <figure className="chart chart-wide">
        <figcaption>GPUs and monthly cost per month</figcaption>
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={data} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis yAxisId="gpus" allowDecimals={false} label={GPUS_LABEL} />
            <YAxis yAxisId="cost" orientation="right" tickFormatter={formatUsd} width={90} label={COST_LABEL} />
            <Tooltip formatter={tooltipValue} />
            <Legend />
            {forecast.exhaustion.map((e) => (
              <ReferenceLine key={`${e.kind}/${e.pool}/${e.gpuModel ?? ''}`} yAxisId="gpus" x={data[e.month]?.label} stroke={limitColor} strokeDasharray="4 4" />
            ))}
            {/* GPUs are counted: a step line, not a slope between months. */}
            <Line yAxisId="gpus" type="stepAfter" dataKey="gpus" name="GPUs" stroke={gpuColor} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line yAxisId="cost" type="stepAfter" dataKey="costPerMonthUsd" name="Cost per month" stroke={costColor} strokeDasharray="6 3" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
        <p className="help">Dashed red lines: the months a limit is first passed.</p>
        <div className="visually-hidden">
          <table>
            <caption>GPUs, nodes and cost per month</caption>
            <thead>
              <tr><th scope="col">Month</th><th scope="col">GPUs</th><th scope="col">Nodes</th><th scope="col">Cost per month</th><th scope="col">Complete</th></tr>
            </thead>
            <tbody>
              {forecast.months.map((m) => (
                <tr key={m.month}><th scope="row">{monthName(m)}</th><td>{m.gpus}</td><td>{m.nodes}</td><td>{formatUsd(m.costPerMonthUsd)}</td><td>{m.complete ? 'yes' : 'no'}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
    </section>
  );
});
