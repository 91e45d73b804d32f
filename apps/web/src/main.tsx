/** Entry point: restore the plan (shared link, autosave or the default preset), keep it synced, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startupPlanText, syncPlanWithPage } from './state/persistence.ts';
import { usePlanStore } from './state/store.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

usePlanStore.getState().reset(await startupPlanText(window.location, safeLocalStorage()));
syncPlanWithPage(window);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
