/**
 * One plan field: a visible label, the input, the issue right under it and the help text, linked
 * with aria-describedby. Values show as written in the document; edits go to the plan text.
 */
import type { PlanIssue } from '@headroom/model';
import { useId, type ReactNode } from 'react';
import type { ParsedNode } from 'yaml';
import type { FieldSpec } from './field-spec.ts';
import { bareNumberReading, plausibilityWarning, quantityDimension } from './field-reading.ts';
import { editForChoice, editForTyped, placeholderFor, rangeText, shownBoolean, shownList, shownText } from './field-value.ts';
import { clearField, setField, type FieldPath } from './plan-document.ts';
import { useFieldDraft } from './use-field-draft.ts';
import { useFieldSuggestions } from './use-field-suggestions.ts';
import { usePlanEdit } from './use-plan-edit.ts';

export interface FieldInputProps {
  field: FieldSpec;
  /** From the plan root. */
  path: FieldPath;
  /** The value node, undefined when the field is absent. */
  node: ParsedNode | undefined;
  /** Issues at or inside this field. */
  issues: readonly PlanIssue[];
}

interface FieldIds {
  input: string;
  /** The <datalist> of catalog values, for fields that have one. */
  suggestions: string;
  help: string;
  error: string;
  /** For aria-describedby: the error first, then the help. */
  describedBy: string;
}

function useFieldIds(invalid: boolean): FieldIds {
  const id = useId();
  const ids = { input: `${id}input`, help: `${id}help`, error: `${id}error`, suggestions: `${id}suggestions` };
  return { ...ids, describedBy: invalid ? `${ids.error} ${ids.help}` : ids.help };
}

export function FieldInput(props: FieldInputProps) {
  switch (props.field.control.type) {
    case 'checkbox':
      return <CheckboxField {...props} />;
    case 'checkboxes':
      return <CheckboxesField {...props} options={props.field.control.options} />;
    case 'select':
      return <SelectField {...props} options={props.field.control.options} />;
    default:
      return <TextField {...props} />;
  }
}

function FieldShell({ field, ids, issues, label, children }: { field: FieldSpec; ids: FieldIds; issues: readonly PlanIssue[]; label: ReactNode; children?: ReactNode }) {
  return (
    <div className={`form-field${issues.length > 0 ? ' invalid' : ''}`}>
      {label}
      {children}
      <FieldMessages field={field} ids={ids} issues={issues} />
    </div>
  );
}

/** The field's problem (right under the input) and its help, with the ids aria-describedby names. */
function FieldMessages({ field, ids, issues }: { field: FieldSpec; ids: FieldIds; issues: readonly PlanIssue[] }) {
  const range = rangeText(field.control);
  return (
    <>
      {issues.length > 0 && (
        <p className="field-error" id={ids.error}>
          {issues.map((issue) => issue.message).join('; ')}
        </p>
      )}
      <p className="field-help" id={ids.help}>
        {field.help}
        {range ? ` ${range}` : ''}
      </p>
    </>
  );
}

function FieldLabel({ field, ids }: { field: FieldSpec; ids: FieldIds }) {
  return (
    <div className="field-label-row">
      <label htmlFor={ids.input} className="field-label">
        {field.label}
      </label>
      {field.required && <span className="field-required">required</span>}
    </div>
  );
}

function TextField({ field, path, node, issues }: FieldInputProps) {
  const ids = useFieldIds(issues.length > 0);
  const apply = usePlanEdit();
  // The draft also keeps `1.` or `80 G` as typed while the document holds the same value.
  const { value, edited } = useFieldDraft(shownText(node), String);
  const numeric = field.control.type === 'number' || (field.control.type === 'text' && field.control.accepts === 'quantity');
  const suggestions = useFieldSuggestions(field);
  return (
    <FieldShell field={field} ids={ids} issues={issues} label={<FieldLabel field={field} ids={ids} />}>
      <input
        id={ids.input}
        type="text"
        list={suggestions ? ids.suggestions : undefined}
        className={numeric ? 'numeric' : undefined}
        value={value}
        placeholder={placeholderFor(field)}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={issues.length > 0}
        aria-required={field.required}
        aria-describedby={ids.describedBy}
        onChange={(event) => {
          const typed = event.target.value;
          edited(typed, typed.trim());
          apply(editForTyped(field, path, typed), true);
        }}
      />
      <FieldReading field={field} path={path} typed={value} />
      {suggestions ? (
        <datalist id={ids.suggestions}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      ) : null}
    </FieldShell>
  );
}

/** How a bare number is read, and a warning when the value is outside its plausible range (field-reading.ts). */
function FieldReading({ field, path, typed }: { field: FieldSpec; path: FieldPath; typed: string }) {
  const dimension = quantityDimension(field);
  const reading = dimension ? bareNumberReading(dimension, typed) : undefined;
  const warning = plausibilityWarning(field, path, typed);
  if (!reading && !warning) return null;
  return (
    <div role="status" className="field-reading">
      {reading ? <p className="field-reading-unit">{reading}</p> : null}
      {warning ? <p className="field-warning">{warning}</p> : null}
    </div>
  );
}

function SelectField({ field, path, node, issues, options }: FieldInputProps & { options: readonly (string | number)[] }) {
  const ids = useFieldIds(issues.length > 0);
  const apply = usePlanEdit();
  const { value: current, edited } = useFieldDraft(shownText(node), String);
  const choices = options.map(String);
  // A value the schema does not allow still shows as written, next to its error.
  const foreign = current !== '' && !choices.includes(current);
  const defaultLabel = field.defaultValue !== undefined ? `Default (${String(field.defaultValue)})` : field.required ? 'Choose…' : 'Not set';
  return (
    <FieldShell field={field} ids={ids} issues={issues} label={<FieldLabel field={field} ids={ids} />}>
      <select
        id={ids.input}
        value={current}
        aria-invalid={issues.length > 0}
        aria-required={field.required}
        aria-describedby={ids.describedBy}
        onChange={(event) => {
          edited(event.target.value, event.target.value);
          apply(editForChoice(options, path, event.target.value));
        }}
      >
        {(!field.required || current === '') && <option value="">{defaultLabel}</option>}
        {foreign && <option value={current}>{current}</option>}
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

function CheckboxField({ field, path, node, issues }: FieldInputProps) {
  const ids = useFieldIds(issues.length > 0);
  const apply = usePlanEdit();
  const { value: checked, edited } = useFieldDraft(shownBoolean(node) ?? field.defaultValue === true, String);
  const label = (
    <div className="field-label-row">
      <input
        id={ids.input}
        type="checkbox"
        checked={checked}
        aria-invalid={issues.length > 0}
        aria-describedby={ids.describedBy}
        onChange={(event) => {
          const value = event.target.checked;
          edited(value, String(value));
          apply((text) => setField(text, path, value));
        }}
      />
      <label htmlFor={ids.input} className="field-label">
        {field.label}
      </label>
    </div>
  );
  return <FieldShell field={field} ids={ids} issues={issues} label={label} />;
}

/** A list of enum values: a fieldset of checkboxes named by the field's label. */
function CheckboxesField({ field, path, node, issues, options }: FieldInputProps & { options: readonly string[] }) {
  const ids = useFieldIds(issues.length > 0);
  const apply = usePlanEdit();
  const { value: chosen, edited } = useFieldDraft(node ? shownList(node) : Array.isArray(field.defaultValue) ? field.defaultValue.map(String) : [], listKey);
  const toggle = (option: string, on: boolean) => {
    const next = options.filter((o) => (o === option ? on : chosen.includes(o)));
    edited(next, listKey(next));
    apply((text) => (next.length === 0 && !field.required ? clearField(text, path) : setField(text, path, next)));
  };
  return (
    <fieldset className={`form-field checkboxes${issues.length > 0 ? ' invalid' : ''}`} aria-describedby={ids.describedBy} aria-invalid={issues.length > 0}>
      <legend className="field-label">{field.label}</legend>
      {options.map((option) => (
        <label key={option} className="checkbox-option">
          <input type="checkbox" checked={chosen.includes(option)} onChange={(event) => toggle(option, event.target.checked)} />
          {option}
        </label>
      ))}
      <FieldMessages field={field} ids={ids} issues={issues} />
    </fieldset>
  );
}

const listKey = (values: readonly string[]) => JSON.stringify(values);
