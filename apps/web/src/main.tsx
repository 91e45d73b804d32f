/** Entry point: restore the plan (shared link, autosave or the default preset), keep it synced, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Calculator } from './Calculator.tsx';
import { startupPlan, syncPlanWithPage } from './state/persistence.ts';
import { PlanStoreProvider } from './state/store-context.tsx';
import { startPlanWorker } from './state/start-plan-worker.ts';
import { createPlanStore } from './state/store.ts';
import { workerPlanEvaluator } from './state/worker-evaluator.ts';
import './styles.css';
import './form/form.css';
import './form/form-aids.css';
import './results/results.css';
import './results/scenarios.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Parsing and sizing run in the plan worker: a large linked or pasted plan never holds the page.
const evaluator = workerPlanEvaluator(startPlanWorker);
const startup = await startupPlan(window.location, safeLocalStorage(), evaluator);
const store = createPlanStore(startup.text, { evaluator, initialEvaluation: startup.evaluation, ...(startup.scenarioA ? { initialScenarioA: startup.scenarioA } : {}) });
// A linked plan with problems is loaded over the fallback, whose results stay on screen.
if (startup.linkedText !== undefined) store.getState().setText(startup.linkedText);
if (startup.notice) store.getState().setNotice(startup.notice);
syncPlanWithPage(window, store);

createRoot(root).render(
  <StrictMode>
    <PlanStoreProvider store={store}>
      <Calculator />
    </PlanStoreProvider>
  </StrictMode>,
);

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
