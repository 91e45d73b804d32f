/**
 * Undo and redo buttons, and the Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z (or Ctrl+Y) shortcuts: anywhere on the
 * page for the app, inside the calculator's own element when it is embedded.
 */
import { useEffect, type RefObject } from 'react';
import { selectCanRedo, selectCanUndo } from '../state/store.ts';
import { usePlanStore } from '../state/store-context.tsx';

export function UndoRedo({ shortcutTarget }: { shortcutTarget: 'window' | RefObject<HTMLElement | null> }) {
  const canUndo = usePlanStore(selectCanUndo);
  const canRedo = usePlanStore(selectCanRedo);
  const undo = usePlanStore((s) => s.undo);
  const redo = usePlanStore((s) => s.redo);
  useUndoShortcuts(shortcutTarget, undo, redo);
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

function useUndoShortcuts(shortcutTarget: 'window' | RefObject<HTMLElement | null>, undo: () => void, redo: () => void) {
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
    const target = shortcutTarget === 'window' ? window : shortcutTarget.current;
    if (!target) return;
    const listener = onKeyDown as EventListener;
    target.addEventListener('keydown', listener);
    return () => target.removeEventListener('keydown', listener);
  }, [shortcutTarget, undo, redo]);
}
