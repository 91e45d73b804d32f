/**
 * Where the plan survives a reload: the URL hash (shareable) and localStorage (autosave).
 * Startup prefers a shared link, then the autosave, then the default preset.
 */
import { planHash, planTextFromHash } from './plan-link.ts';
import { defaultPlanText, type PlanStoreApi } from './store.ts';

export const AUTOSAVE_KEY = 'headroom.plan';
const WRITE_DELAY_MS = 300;

export async function startupPlanText(location: Location, storage: Storage | undefined): Promise<string> {
  return (await planTextFromHash(location.hash)) ?? readAutosave(storage) ?? defaultPlanText();
}

function readAutosave(storage: Storage | undefined): string | undefined {
  try {
    return storage?.getItem(AUTOSAVE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the hash and the autosave in step with the store's text (debounced), and loads a plan
 * when the user changes the hash by hand. Returns a function that stops it.
 */
export function syncPlanWithPage(window: Window, store: PlanStoreApi): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writtenHash = window.location.hash;

  const write = async (text: string) => {
    try {
      window.localStorage.setItem(AUTOSAVE_KEY, text);
    } catch {
      // Storage full or disabled: the hash still carries the plan.
    }
    writtenHash = await planHash(text);
    if (store.getState().text === text) window.history.replaceState(null, '', writtenHash);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.text === previous.text) return;
    clearTimeout(timer);
    timer = setTimeout(() => void write(state.text), WRITE_DELAY_MS);
  });

  const onHashChange = async () => {
    if (window.location.hash === writtenHash) return;
    const text = await planTextFromHash(window.location.hash);
    if (text !== undefined && text !== store.getState().text) store.getState().setText(text);
  };
  window.addEventListener('hashchange', onHashChange);

  return () => {
    clearTimeout(timer);
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
