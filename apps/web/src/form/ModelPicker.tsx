/**
 * "Find a model": the catalog's presets searched by name or Hugging Face id as you type, in the
 * ARIA combobox pattern (WAI-ARIA APG, "Combobox with listbox popup"): arrows move through the
 * matches, Enter chooses, Escape closes. Choosing writes the preset into the workload's model
 * through the edit path (model-picker.ts), so Undo takes it back.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { chooseModelPreset, searchModelPresets } from './model-picker.ts';
import { usePlanEdit } from './use-plan-edit.ts';

export default function ModelPicker({ index, name }: { index: number; name: string }) {
  const id = useId();
  const apply = usePlanEdit();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const matches = open ? searchModelPresets(query) : [];
  const optionId = (i: number) => `${id}option-${i}`;

  const choose = (i: number) => {
    const preset = matches[i];
    if (!preset) return;
    apply((text) => chooseModelPreset(text, index, preset.id));
    setChosen(`${name} now serves ${preset.name} (preset ${preset.id}, ${preset.huggingFaceId}); its own architecture fields were replaced by the preset's.`);
    setQuery('');
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, Math.max(matches.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter' && open && matches.length > 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      if (open) setOpen(false);
      else setQuery('');
    }
  };

  return (
    <div className="model-picker">
      <label htmlFor={`${id}input`} className="field-label">
        Find a model for {name}
      </label>
      <div className="model-picker-box">
        <input
          id={`${id}input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={`${id}listbox`}
          aria-describedby={`${id}help`}
          {...(open && matches.length > 0 ? { 'aria-activedescendant': optionId(active) } : {})}
          value={query}
          placeholder="Llama 3.1 70B, Qwen/Qwen3-8B…"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul id={`${id}listbox`} role="listbox" aria-label={`Models matching "${query}"`} className="model-picker-list" hidden={!open}>
          {matches.map((preset, i) => (
            <li
              key={preset.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Mouse down, not click: the input keeps focus (and the list stays) until the choice is made.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(i);
              }}
            >
              <span className="model-picker-name">{preset.name}</span> <span className="model-picker-hf">{preset.huggingFaceId}</span>
            </li>
          ))}
          {open && matches.length === 0 ? <li className="model-picker-none" role="option" aria-disabled="true" aria-selected="false">No preset matches; import its config.json below.</li> : null}
        </ul>
      </div>
      <p className="field-help" id={`${id}help`}>
        Search the published models by name or Hugging Face id; choosing one sets this workload's model to that preset (a written precision stays).
      </p>
      {chosen ? (
        <p className="model-picker-chosen" role="status">
          {chosen}
        </p>
      ) : null}
    </div>
  );
}
