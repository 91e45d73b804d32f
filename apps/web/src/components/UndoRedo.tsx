/** Undo and redo buttons, and the Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z (or Ctrl+Y) shortcuts anywhere on the page. */
import { useEffect } from 'react';
import { selectCanRedo, selectCanUndo } from '../state/store.ts';
import { usePlanStore } from '../state/store-context.tsx';

export function UndoRedo() {
  const canUndo = usePlanStore(selectCanUndo);
  const canRedo = usePlanStore(selectCanRedo);
  const undo = usePlanStore((s) => s.undo);
  const redo = usePlanStore((s) => s.redo);
  useUndoShortcuts(undo, redo);
  return (
    <div className="undo-redo" role="group" aria-label="History">
      <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z Meta+Z">
        Undo
      </button>
      <button type="button" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y">
        Redo
      </button>
    </div>
  );
}

function useUndoShortcuts(undo: () => void, redo: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || (key === 'y' && event.ctrlKey)) redo();
      else return;
      // The plan's history replaces the textarea's own, which a controlled field cannot keep.
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, redo]);
}
