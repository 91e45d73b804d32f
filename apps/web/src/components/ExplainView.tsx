/**
 * How each number was computed: pick the totals, a workload, a node pool, monitoring or compliance
 * and see every step behind its figures: label, value, formula, inputs and source.
 */
import type { Sizing } from '@headroom/model';
import { useId, useState } from 'react';
import { formatNumber, formatValue } from '../format.ts';
import { explainSubjects, type ExplainSubject } from '../state/sizing-views.ts';

const GROUPS: ExplainSubject['group'][] = ['Cluster', 'Workloads', 'Node pools'];

export function ExplainView({ sizing }: { sizing: Sizing }) {
  const pickerId = useId();
  const subjects = explainSubjects(sizing);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const subject = subjects.find((s) => s.id === chosen) ?? subjects.find((s) => s.group === 'Workloads') ?? subjects[0];
  if (!subject) return null;
  return (
    <section aria-labelledby="explain-heading">
      <h2 id="explain-heading">How each number was computed</h2>
      <label htmlFor={pickerId} className="field-label">
        Figures to explain
      </label>{' '}
      <select id={pickerId} value={subject.id} onChange={(event) => setChosen(event.target.value)}>
        {GROUPS.map((group) => (
          <optgroup key={group} label={group}>
            {subjects
              .filter((s) => s.group === group)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <ol className="explain" aria-label={`Explanation of ${subject.label}`}>
        {subject.steps.map((step) => (
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
