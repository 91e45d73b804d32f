/**
 * Why a plan could not be opened (a shared link, the autosave), beside the editor. A set-aside
 * autosave can be shown in the editor (where its problems are listed) or discarded.
 */
import { discardSetAside } from '../state/persistence.ts';
import { selectNotice } from '../state/store.ts';
import { usePlanStore } from '../state/store-context.tsx';

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function PlanNotice() {
  const notice = usePlanStore(selectNotice);
  const setNotice = usePlanStore((s) => s.setNotice);
  const setText = usePlanStore((s) => s.setText);
  if (!notice) return null;
  const setAside = notice.setAsideText;
  return (
    <div className="plan-notice" role="alert">
      <p>{notice.message}</p>
      {setAside !== undefined ? (
        <p>
          <button type="button" onClick={() => { setNotice(undefined); setText(setAside); }}>Show the stored plan</button>{' '}
          <button type="button" onClick={() => { discardSetAside(browserStorage()); setNotice(undefined); }}>Discard it</button>
        </p>
      ) : (
        <p>
          <button type="button" onClick={() => setNotice(undefined)}>Dismiss</button>
        </p>
      )}
    </div>
  );
}
