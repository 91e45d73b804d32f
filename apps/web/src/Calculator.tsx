/**
 * One calculator: presets, the plan as a form and as YAML (two views of one text) on one side,
 * results on the other. The page (main.tsx) shows it full-window; the embed (<headroom-calculator>,
 * embed.html) shows it in a host's page, where `compact` puts the answer and each workload's key
 * inputs first and `readonly` shows results only. The Summary sits at the top of the answer column.
 */
import { lazy, Suspense, useRef, type RefObject } from 'react';
import { ExplainLinksProvider } from './components/explain-link.tsx';
import { PlanEditor } from './components/PlanEditor.tsx';
import { PresetGallery } from './components/PresetGallery.tsx';
import { Results } from './components/Results.tsx';
import { UndoRedo } from './components/UndoRedo.tsx';
import { KitSection } from './kit/KitSection.tsx';
import { Scenarios } from './results/Scenarios.tsx';
import { Summary } from './results/Summary.tsx';
import { usePlanStore } from './state/store-context.tsx';
import { selectSizing } from './state/store.ts';

export type Theme = 'light' | 'dark' | 'auto';

/*
 * The form is built from the plan's JSON Schema (zod and every kind's schema, most of the model):
 * loaded beside the first paint, not in it, so the page's own script stays small. The results come
 * from the plan worker meanwhile.
 */
const PlanForm = lazy(() => import('./form/PlanForm.tsx').then((m) => ({ default: m.PlanForm })));
const KeyInputs = lazy(() => import('./form/KeyInputs.tsx').then((m) => ({ default: m.KeyInputs })));

export interface CalculatorProps {
  /** `page`: the full-window app with its header; `embed`: a block inside someone else's page. */
  layout?: 'page' | 'embed';
  /** The Summary, each workload's key inputs and the headline results; the full form behind a disclosure; no presets gallery, charts, explanations or kit. */
  compact?: boolean;
  /** Results only: no inputs, no history. */
  readonly?: boolean;
  theme?: Theme;
  /** URL of the web build's folder, when the page is elsewhere (an embed): the kit fetches files from it. */
  buildBase?: string | undefined;
}

/** Figures in the Summary and the results link to their explanation: one link provider per calculator. */
export function Calculator(props: CalculatorProps) {
  return (
    <ExplainLinksProvider>
      <CalculatorView {...props} />
    </ExplainLinksProvider>
  );
}

function CalculatorView({ layout = 'page', compact = false, readonly = false, theme = 'auto', buildBase }: CalculatorProps) {
  const root = useRef<HTMLDivElement>(null);
  // The page owns the keyboard; an embedded calculator only reacts to keys pressed inside it, so
  // Ctrl+Z in one of two calculators on a page undoes that one alone.
  const shortcutTarget: 'window' | RefObject<HTMLElement | null> = layout === 'page' ? 'window' : root;
  const history = readonly ? null : <UndoRedo shortcutTarget={shortcutTarget} />;
  // The page's body is its main landmark; an embed is one region among the host's, named by its plan.
  const planName = usePlanStore((s) => selectSizing(s)?.plan.name);
  const Body = layout === 'page' ? 'main' : 'div';
  const region = layout === 'embed' ? { role: 'region', 'aria-label': `Headroom calculator${planName ? ` (${planName})` : ''}` } : {};
  return (
    <div ref={root} className={`calculator layout-${layout}${compact ? ' compact' : ''}`} data-theme={theme} {...region}>
      {layout === 'page' ? (
        <header className="app-header">
          <h1>Headroom</h1>
          <p className="tagline">Capacity planning for containerized ML workloads, with every number explained.</p>
          {history}
        </header>
      ) : (
        <div className="embed-bar">
          <span className="embed-brand">Headroom capacity calculator</span>
          {history}
        </div>
      )}
      <Body className={`layout${readonly ? ' results-only' : ''}`}>
        {readonly ? null : (
          <div className="inputs-column">
            {compact ? (
              <>
                <Suspense fallback={<p className="loading">Loading the key inputs…</p>}>
                  <KeyInputs />
                </Suspense>
                <details className="full-form">
                  <summary>The whole plan: every field and the YAML</summary>
                  <Suspense fallback={<p className="loading">Loading the form…</p>}>
                    <PlanForm />
                  </Suspense>
                  <PlanEditor />
                </details>
              </>
            ) : (
              <>
                <PresetGallery />
                <Suspense fallback={<p className="loading">Loading the form…</p>}>
                  <PlanForm />
                </Suspense>
                <PlanEditor />
              </>
            )}
          </div>
        )}
        {/* The summary sticks at the top of this column beside the form; on narrow screens the column dissolves and the summary comes first. */}
        <div className="answer-column">
          <Summary shareBase={shareBase(layout, buildBase)} />
          {/* Comparing scenarios is for editing a plan: not in a results-only or compact embed. */}
          {readonly || compact ? null : <Scenarios />}
          <Results compact={compact} readonly={readonly} />
        </div>
        {compact ? null : <KitSection buildBase={buildBase} />}
      </Body>
    </div>
  );
}

/** The page a shared link opens: the app itself, or the app (index.html) beside an embed's build. */
function shareBase(layout: 'page' | 'embed', buildBase: string | undefined): string | undefined {
  if (layout === 'page' || buildBase === undefined) return undefined;
  return new URL('index.html', buildBase).href;
}
