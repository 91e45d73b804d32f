/** "Add workload": a workload from any bundled preset, grouped by preset, appended to the plan. */
import { useId, useState } from 'react';
import { presetWorkloads, type PresetWorkload } from './plan-document.ts';

/** The preset workloads grouped by preset title, in the presets' order. */
function byPreset(workloads: readonly PresetWorkload[]): [string, PresetWorkload[]][] {
  const groups = new Map<string, PresetWorkload[]>();
  for (const workload of workloads) groups.set(workload.presetTitle, [...(groups.get(workload.presetTitle) ?? []), workload]);
  return [...groups];
}

export function AddWorkload({ onAdd }: { onAdd: (workloadYaml: string) => void }) {
  const id = useId();
  const workloads = presetWorkloads();
  const [choice, setChoice] = useState(workloads[0]?.id ?? '');
  const chosen = workloads.find((w) => w.id === choice);
  return (
    <div className="add-workload">
      <label htmlFor={`${id}select`} className="field-label">
        Add workload
      </label>
      <p className="field-help" id={`${id}help`}>
        Copies a workload of a bundled preset; a taken name gets a number.
      </p>
      <div className="add-workload-row">
        <select id={`${id}select`} value={choice} aria-describedby={`${id}help`} onChange={(event) => setChoice(event.target.value)}>
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
        <button type="button" className="form-button" disabled={!chosen} onClick={() => chosen && onAdd(chosen.yaml)}>
          Add
        </button>
      </div>
    </div>
  );
}
