/** The bundled example plans; choosing one replaces the plan (undoable). */
import { planPresets } from '@headroom/model';
import { usePlanStore } from '../state/store-context.tsx';

export function PresetGallery() {
  const loadPreset = usePlanStore((s) => s.loadPreset);
  return (
    <section aria-labelledby="presets-heading" className="presets">
      <h2 id="presets-heading">Example plans</h2>
      <ul className="preset-list">
        {planPresets.map((preset) => (
          <li key={preset.name}>
            <button type="button" className="preset" onClick={() => loadPreset(preset.name)} aria-describedby={`preset-${preset.name}-description`}>
              <span className="preset-title">{preset.title}</span>
              <span className="preset-description" id={`preset-${preset.name}-description`}>
                {preset.description}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
