/**
 * The plan's kit settings (`spec.kit`) in the kit panel: runbook base URL, exporter image and the
 * labels the Prometheus Operator selects on. Each field commits on Enter or when it loses focus;
 * a valid value is written into the plan text (so the link, undo and `headroom generate` see it),
 * an invalid one is explained beside the field and written nowhere.
 */
import type { Plan } from '@headroom/model';
import { useId, useState } from 'react';
import type { PlanEdit } from '../form/use-plan-edit.ts';
import { defaultSettingText, kitSettingLabels, kitSettingNames, settingEdit, settingText, type KitSettingName } from './kit-settings.ts';

const HINTS: Record<KitSettingName, string> = {
  runbookBaseUrl: 'Each alert links <base>/<runbook>.md.',
  exporterImage: 'Built from the kit\'s exporter/ folder and pushed to your registry.',
  prometheusRuleLabels: 'key=value, … matched by your Prometheus\'s ruleSelector; replaces the default set.',
  serviceMonitorLabels: 'key=value, … matched by your Prometheus\'s serviceMonitorSelector; replaces the default set.',
};

export function KitSettings({ plan, editPlan }: { plan: Plan; editPlan: (edit: PlanEdit) => void }) {
  return (
    <fieldset className="kit-settings">
      <legend>Kit settings</legend>
      <p className="help">Saved in the plan as <code>spec.kit</code>; empty means the default shown.</p>
      {kitSettingNames.map((name) => {
        const value = settingText(plan, name);
        // A new plan value (undo, another plan) starts the field afresh.
        return <SettingField key={`${name}:${value}`} name={name} value={value} editPlan={editPlan} />;
      })}
    </fieldset>
  );
}

function SettingField({ name, value, editPlan }: { name: KitSettingName; value: string; editPlan: (edit: PlanEdit) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const commit = () => {
    if (draft.trim() === value) {
      setProblem(undefined);
      return;
    }
    const result = settingEdit(name, draft);
    if (!result.ok) {
      setProblem(result.message);
      return;
    }
    setProblem(undefined);
    editPlan(result.edit);
  };
  return (
    <div className="kit-setting">
      <label htmlFor={id}>{kitSettingLabels[name]}</label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        value={draft}
        placeholder={defaultSettingText(name) || '(no labels)'}
        aria-invalid={problem !== undefined}
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      <small id={`${id}-hint`} className="help">{HINTS[name]}</small>
      {problem ? <p id={`${id}-problem`} role="alert" className="kit-setting-problem">{kitSettingLabels[name]}: {problem}</p> : null}
    </div>
  );
}
