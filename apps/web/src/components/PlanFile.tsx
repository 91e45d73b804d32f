/** Import a plan file into the editor (through setText, so validation and undo apply) and export the text as `<plan name>.yaml`. */
import { useState, type ChangeEvent } from 'react';
import { selectSizing, selectText } from '../state/store.ts';
import { usePlanStore } from '../state/store-context.tsx';
import { saveBlob } from '../download.ts';

/** The export's file name: the last good plan's name (a DNS label, so safe as a file name). */
export function planFileName(planName: string | undefined): string {
  return `${planName ?? 'plan'}.yaml`;
}

export function PlanFile() {
  const text = usePlanStore(selectText);
  const planName = usePlanStore((s) => selectSizing(s)?.plan.name);
  const setText = usePlanStore((s) => s.setText);
  const [status, setStatus] = useState('');

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    try {
      setText(await file.text());
      setStatus(`Imported ${file.name}.`);
    } catch (error) {
      setStatus(`Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      input.value = '';
    }
  };

  const exportFile = () => {
    const name = planFileName(planName);
    saveBlob(new Blob([text], { type: 'application/yaml' }), name);
    setStatus(`Exported ${name}.`);
  };

  return (
    <div className="plan-file">
      <label htmlFor="plan-import">Import plan</label>
      <input id="plan-import" type="file" accept=".yaml,.yml,.json" aria-describedby="plan-file-status" onChange={(event) => void importFile(event)} />
      <button type="button" onClick={exportFile}>
        Export plan
      </button>
      <p id="plan-file-status" className="help" role="status">
        {status}
      </p>
    </div>
  );
}
