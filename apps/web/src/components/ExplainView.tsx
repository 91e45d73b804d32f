/** Every step behind one workload's figures: label, value, formula, inputs and source. */
import type { WorkloadSizing } from '@headroom/model';
import { useState } from 'react';
import { formatNumber, formatValue } from '../format.ts';

export function ExplainView({ workloads }: { workloads: WorkloadSizing[] }) {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const workload = workloads.find((w) => w.name === chosen) ?? workloads[0];
  if (!workload) return null;
  return (
    <section aria-labelledby="explain-heading">
      <h2 id="explain-heading">How each number was computed</h2>
      <label htmlFor="explain-workload" className="field-label">
        Workload to explain
      </label>{' '}
      <select id="explain-workload" value={workload.name} onChange={(event) => setChosen(event.target.value)}>
        {workloads.map((w) => (
          <option key={w.name} value={w.name}>
            {w.name} ({w.kind})
          </option>
        ))}
      </select>
      <ol className="explain" aria-label={`Explanation of ${workload.name}`}>
        {workload.explain.map((step) => (
          <li key={step.id} className="step">
            <div className="step-head">
              <span className="step-label">{step.label}</span>
              <span className="step-value">{formatValue(step.value, step.unit)}</span>
            </div>
            <p className="formula">
              <span className="term">Formula:</span> <code>{step.formula}</code>
            </p>
            {Object.keys(step.inputs).length > 0 ? (
              <p className="inputs">
                <span className="term">Inputs:</span>{' '}
                {Object.entries(step.inputs).map(([name, value], index) => (
                  <span key={name}>
                    {index > 0 ? ', ' : ''}
                    <code>{name}</code> = {formatNumber(value)}
                  </span>
                ))}
              </p>
            ) : null}
            {step.source ? (
              <p className="source">
                <span className="term">Source:</span> {step.source}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
