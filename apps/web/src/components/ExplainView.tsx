/**
 * How each number was computed: pick the totals, a workload, a node pool, monitoring or compliance
 * and see every step behind its figures: label, value, formula, inputs and source. Values and
 * inputs are in human units (GiB, ms, USD/h, "1 GPU"), the exact value on hover and for screen
 * readers. A figure elsewhere on the page (explain-link.tsx) opens this view at its step, scrolled
 * into view, focused and highlighted. In the compact embed the view is folded until asked for.
 */
import type { ExplainStep, Sizing } from '@headroom/model';
import { useEffect, useId, useRef, useState } from 'react';
import { inputUnit } from '../explain-units.ts';
import { exactIfDifferent, formatExact, formatValue } from '../format.ts';
import { explainSubjects, type ExplainSubject } from '../state/sizing-views.ts';
import { useExplainTarget } from './explain-link.tsx';

const GROUPS: ExplainSubject['group'][] = ['Cluster', 'Workloads', 'Node pools'];

export function ExplainView({ sizing, folded = false }: { sizing: Sizing; folded?: boolean }) {
  const pickerId = useId();
  const list = useRef<HTMLOListElement>(null);
  const subjects = explainSubjects(sizing);
  const target = useExplainTarget();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(!folded);
  /** The request last brought into view, so a re-render does not scroll again. */
  const shown = useRef(0);
  const [highlighted, setHighlighted] = useState<string | undefined>(undefined);

  // A link asked for a subject: pick it, open the view, then bring its step into view once drawn.
  const requested = target && target.request !== shown.current && subjects.some((s) => s.id === target.subject) ? target : undefined;
  if (requested && chosen !== requested.subject) setChosen(requested.subject);
  if (requested && !open) setOpen(true);
  const subject = subjects.find((s) => s.id === chosen) ?? subjects.find((s) => s.group === 'Workloads') ?? subjects[0];

  useEffect(() => {
    if (!requested || subject?.id !== requested.subject) return;
    shown.current = requested.request;
    const steps = list.current;
    const step = (steps && Array.from(steps.children).find((item): item is HTMLElement => item instanceof HTMLElement && item.dataset['step'] === requested.step)) ?? steps;
    if (!step) return;
    setHighlighted(requested.step);
    step.scrollIntoView({ block: 'center' });
    step.focus({ preventScroll: true });
  });

  if (!subject) return null;
  const view = (
    <>
      <label htmlFor={pickerId} className="field-label">
        Figures to explain
      </label>{' '}
      <select
        id={pickerId}
        value={subject.id}
        onChange={(event) => {
          setChosen(event.target.value);
          setHighlighted(undefined);
        }}
      >
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
      <ol ref={list} className="explain" aria-label={`Explanation of ${subject.label}`} tabIndex={-1}>
        {subject.steps.map((step) => (
          <StepItem key={step.id} step={step} highlighted={step.id === highlighted} />
        ))}
      </ol>
    </>
  );
  return (
    <section aria-labelledby="explain-heading" className="explain-view">
      {folded ? (
        <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
          <summary>
            <h2 id="explain-heading">How each number was computed</h2>
          </summary>
          {view}
        </details>
      ) : (
        <>
          <h2 id="explain-heading">How each number was computed</h2>
          {view}
        </>
      )}
    </section>
  );
}

function StepItem({ step, highlighted }: { step: ExplainStep; highlighted: boolean }) {
  const inputs = Object.entries(step.inputs);
  return (
    <li className={`step${highlighted ? ' step-highlighted' : ''}`} data-step={step.id} tabIndex={-1} aria-current={highlighted ? 'true' : undefined}>
      <div className="step-head">
        <span className="step-label">{step.label}</span>
        <Quantity value={step.value} unit={step.unit} className="step-value" />
      </div>
      <p className="formula">
        <span className="term">Formula:</span> <code>{step.formula}</code>
      </p>
      {inputs.length > 0 ? (
        <p className="inputs">
          <span className="term">Inputs:</span>{' '}
          {inputs.map(([name, value], index) => (
            <span key={name} className="input">
              {index > 0 ? ', ' : ''}
              <code>{name}</code> = <Quantity value={value} unit={inputUnit(name, step)} />
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
  );
}

/** A value in human units; the exact value on hover and, for screen readers, in words beside it. */
function Quantity({ value, unit, className }: { value: number; unit: string; className?: string }) {
  const human = formatValue(value, unit);
  const exact = exactIfDifferent(value, unit, human);
  return (
    <span className={className} title={exact ?? formatExact(value, unit)}>
      {human}
      {exact ? <span className="visually-hidden"> (exactly {exact})</span> : null}
    </span>
  );
}
