/**
 * The cluster's provider. Choosing another one moves every node pool to the nearest instance type
 * of that provider in the same edit (provider-switch.ts), and a notice lists each pool's old and
 * new type, the pools left as they were and why, with an undo of the switch.
 */
import type { PlanIssue, Provider } from '@headroom/model';
import { useId, useState } from 'react';
import type { ParsedNode } from 'yaml';
import { usePlanStore, usePlanStoreApi } from '../state/store-context.tsx';
import { selectText } from '../state/store.ts';
import type { FieldSpec } from './field-spec.ts';
import { shownText } from './field-value.ts';
import type { FieldPath } from './plan-document.ts';
import type { ProviderSwitch } from './provider-switch.ts';

interface ProviderFieldProps {
  field: FieldSpec;
  path: FieldPath;
  node: ParsedNode | undefined;
  issues: readonly PlanIssue[];
}

export function ProviderField({ field, node, issues }: ProviderFieldProps) {
  const store = usePlanStoreApi();
  const text = usePlanStore(selectText);
  const id = useId();
  const [switched, setSwitched] = useState<{ change: ProviderSwitch } | undefined>(undefined);
  const options = field.control.type === 'select' ? field.control.options.map(String) : [];
  const current = shownText(node) || String(field.defaultValue ?? '');

  const choose = async (to: string) => {
    // The mapping and its catalog walk load on the first switch, not with the page.
    const { switchProvider } = await import('./provider-switch.ts');
    let change: ProviderSwitch;
    try {
      change = switchProvider(store.getState().text, to as Provider);
    } catch (error) {
      // A text the form cannot edit is left as it is; the YAML editor can still change it.
      console.error('headroom: the form could not switch the provider', error);
      return;
    }
    store.getState().setText(change.text);
    setSwitched({ change });
  };

  // Undo is offered while the plan is still the switched text: later edits have their own undo steps.
  const undoable = switched !== undefined && text === switched.change.text;
  return (
    <div className={`form-field${issues.length > 0 ? ' invalid' : ''}`}>
      <div className="field-label-row">
        <label htmlFor={`${id}input`} className="field-label">
          {field.label}
        </label>
      </div>
      <select id={`${id}input`} value={current} aria-describedby={`${id}help`} aria-invalid={issues.length > 0} onChange={(event) => void choose(event.target.value)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      {issues.length > 0 ? <p className="field-error">{issues.map((issue) => issue.message).join('; ')}</p> : null}
      <p className="field-help" id={`${id}help`}>
        {field.help} Switching moves each node pool to the nearest instance type of the new provider.
      </p>
      {switched ? (
        <div className="provider-notice" role="status" aria-label="Provider switch">
          <p>
            Provider {switched.change.from} → {switched.change.to}
            {switched.change.pools.length === 0 ? ': the plan has no node pools to move.' : ', node pools:'}
          </p>
          <ul>
            {switched.change.pools.map(({ pool, mapping }) => (
              <li key={pool} className={mapping.ok ? undefined : 'provider-kept'}>
                <strong>{pool}</strong>:{' '}
                {mapping.ok ? (
                  <>
                    {mapping.changed ? `${mapping.from} → ${mapping.to}` : `${mapping.to} (unchanged)`}
                    {mapping.note ? ` (${mapping.note})` : ''}
                  </>
                ) : (
                  <>kept {mapping.from}: {mapping.reason}</>
                )}
              </li>
            ))}
          </ul>
          <div className="provider-notice-actions">
            <button type="button" className="form-button" disabled={!undoable} onClick={() => { store.getState().undo(); setSwitched(undefined); }}>
              Undo the switch
            </button>
            <button type="button" className="form-button" onClick={() => setSwitched(undefined)}>
              Dismiss
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
