/**
 * "Add workload": a blank workload of any kind (blank-workloads.ts), or a copy of a workload from
 * any bundled preset, grouped by preset, appended to the plan.
 */
import { useId, useState } from 'react';
import { blankWorkloads } from './blank-workloads.ts';
import { kindTitle } from './labels.ts';
import { presetWorkloads, type PresetWorkload } from './plan-document.ts';

/** The preset workloads grouped by preset title, in the presets' order. */
function byPreset(workloads: readonly PresetWorkload[]): [string, PresetWorkload[]][] {
  const groups = new Map<string, PresetWorkload[]>();
  for (const workload of workloads) groups.set(workload.presetTitle, [...(groups.get(workload.presetTitle) ?? []), workload]);
  return [...groups];
}

const BLANK_PREFIX = 'blank/';

let choiceList: ReadonlyMap<string, string> | undefined;

/** Every choice's YAML by its option value, `blank/<kind>` or a preset workload's id (built once). */
function choices(): ReadonlyMap<string, string> {
  choiceList ??= new Map([...blankWorkloads.map((b) => [`${BLANK_PREFIX}${b.kind}`, b.yaml] as const), ...presetWorkloads().map((w) => [w.id, w.yaml] as const)]);
  return choiceList;
}

export function AddWorkload({ onAdd }: { onAdd: (workloadYaml: string) => void }) {
  const id = useId();
  const workloads = presetWorkloads();
  const [choice, setChoice] = useState(`${BLANK_PREFIX}${blankWorkloads[0]!.kind}`);
  const chosen = choices().get(choice);
  return (
    <div className="add-workload">
      <label htmlFor={`${id}select`} className="field-label">
        Add workload
      </label>
      <p className="field-help" id={`${id}help`}>
        A blank workload of a kind, with modest values to change, or a copy of a bundled preset's workload; a taken name gets a number.
      </p>
      <div className="add-workload-row">
        <select id={`${id}select`} value={choice} aria-describedby={`${id}help`} onChange={(event) => setChoice(event.target.value)}>
          <optgroup label="Blank workload">
            {blankWorkloads.map((blank) => (
              <option key={blank.kind} value={`${BLANK_PREFIX}${blank.kind}`}>
                Blank {kindTitle(blank.kind)}
              </option>
            ))}
          </optgroup>
          {byPreset(workloads).map(([title, group]) => (
            <optgroup key={title} label={title}>
              {group.map((workload) => (
                <option key={workload.id} value={workload.id}>
                  {workload.name} ({workload.kindTitle})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <button type="button" className="form-button" disabled={chosen === undefined} onClick={() => chosen !== undefined && onAdd(chosen)}>
          Add
        </button>
      </div>
    </div>
  );
}
