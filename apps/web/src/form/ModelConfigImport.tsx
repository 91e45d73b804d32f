/**
 * "Import a model's config.json" on an LLM or training workload card: choose the file, drop it on
 * the card, or paste its text. The fields it gives replace the workload's model in the plan through the form's edit
 * path (one undo step); the card says what was read, or why the file was refused.
 */
import { useId, useState, type DragEvent } from 'react';
import { importModelConfig } from './import-model-config.ts';
import { usePlanEdit } from './use-plan-edit.ts';

type Outcome = { ok: true; message: string; warnings: string[] } | { ok: false; message: string };

export function useModelConfigImport(index: number, name: string) {
  const apply = usePlanEdit();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const importText = (configText: string, source: string) => {
    let result: ReturnType<typeof importModelConfig> | undefined;
    apply((text) => {
      result = importModelConfig(text, index, configText, source);
      return result.ok ? result.text : text;
    });
    if (!result) return;
    setOutcome(result.ok
      ? { ok: true, message: `${name}: model read from ${source} (${result.imported.architecture}, ${formatBillions(result.imported.fields.parameters)} parameters${result.imported.fields.activeParameters !== result.imported.fields.parameters ? `, ${formatBillions(result.imported.fields.activeParameters)} active` : ''}).`, warnings: result.imported.warnings }
      : { ok: false, message: result.message });
  };
  const read = async (file: File) => importText(await file.text(), file.name);
  const onDrop = (event: DragEvent<HTMLElement>) => {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    void read(file);
  };
  const onDragOver = (event: DragEvent<HTMLElement>) => {
    if ([...event.dataTransfer.types].includes('Files')) event.preventDefault();
  };
  return { read, importText, outcome, dropHandlers: { onDrop, onDragOver } };
}

export function ModelConfigImport({ name, read, importText, outcome }: { name: string; read: (file: File) => Promise<void>; importText: (text: string, source: string) => void; outcome: Outcome | undefined }) {
  const id = useId();
  return (
    <div className="model-import">
      <label htmlFor={id} className="field-label">Import a model&apos;s config.json</label>
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        aria-describedby={`${id}-help`}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void read(file);
          event.currentTarget.value = '';
        }}
      />
      <textarea
        className="model-import-paste"
        rows={1}
        aria-label={`Paste a model's config.json for ${name}`}
        placeholder="or paste its text here"
        value=""
        onChange={() => undefined}
        onPaste={(event) => {
          event.preventDefault();
          importText(event.clipboardData.getData('text'), 'the pasted config.json');
        }}
      />
      <p id={`${id}-help`} className="field-help">
        Or drop it on this card. Its architecture (layers, heads, experts, attention window, precision) replaces the model of {name}; the file is read here and sent nowhere.
      </p>
      {outcome && (
        <p role="status" className={outcome.ok ? 'field-help' : 'field-error'}>
          {outcome.message}
          {outcome.ok && outcome.warnings.map((w) => <span key={w}> Warning: {w}.</span>)}
        </p>
      )}
    </div>
  );
}

function formatBillions(parameters: number): string {
  return `${(parameters / 1e9).toFixed(parameters >= 1e10 ? 0 : 1)}B`;
}
