/** The calculator page: presets and plan on one side, results on the other. */
import { PlanEditor } from './components/PlanEditor.tsx';
import { PresetGallery } from './components/PresetGallery.tsx';
import { Results } from './components/Results.tsx';
import { UndoRedo } from './components/UndoRedo.tsx';
import { KitSection } from './kit/KitSection.tsx';

export function App() {
  return (
    <>
      <header className="app-header">
        <h1>Headroom</h1>
        <p className="tagline">Capacity planning for containerized ML workloads, with every number explained.</p>
        <UndoRedo />
      </header>
      <main className="layout">
        <div className="inputs-column">
          <PresetGallery />
          <PlanEditor />
        </div>
        <Results />
        <KitSection />
      </main>
    </>
  );
}
