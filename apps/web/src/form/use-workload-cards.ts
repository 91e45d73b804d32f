/**
 * Which workload cards are open, and the card actions. Cards are keyed by position (a name is
 * edited in place, so it cannot be the key), so moving, duplicating, adding and removing a workload
 * moves the open state along with it; a new or copied card opens.
 */
import { useCallback, useMemo, useState } from 'react';
import { addWorkload, duplicateWorkload, moveWorkload, removeWorkload } from './plan-document.ts';
import { usePlanEdit } from './use-plan-edit.ts';

export interface WorkloadCardActions {
  toggle: (index: number, open: boolean) => void;
  move: (from: number, to: number) => void;
  duplicate: (index: number) => void;
  remove: (index: number) => void;
  /** Adds a workload (YAML mapping) that will stand at `index`, the end of the list. */
  add: (workloadYaml: string, index: number) => void;
}

/** The open states as a dense array at least `length` long (unset cards are closed). */
const padded = (open: readonly boolean[], length: number) => Array.from({ length: Math.max(open.length, length) }, (_, i) => open[i] ?? false);

const withOpen = (open: readonly boolean[], index: number, value: boolean) => {
  const next = padded(open, index + 1);
  next[index] = value;
  return next;
};

export function useWorkloadCards(): { isOpen: (index: number) => boolean; actions: WorkloadCardActions } {
  // Only the first card starts open.
  const [open, setOpen] = useState<readonly boolean[]>([true]);
  const apply = usePlanEdit();
  const actions = useMemo<WorkloadCardActions>(
    () => ({
      // <details> also reports its initial state; an unchanged state keeps the same array (no re-render).
      toggle: (index, value) => setOpen((o) => ((o[index] ?? false) === value ? o : withOpen(o, index, value))),
      move: (from, to) => {
        apply((text) => moveWorkload(text, from, to));
        setOpen((o) => {
          const next = padded(o, Math.max(from, to) + 1);
          next.splice(to, 0, ...next.splice(from, 1));
          return next;
        });
      },
      duplicate: (index) => {
        apply((text) => duplicateWorkload(text, index));
        setOpen((o) => {
          const next = padded(o, index + 1);
          next.splice(index + 1, 0, true);
          return next;
        });
      },
      remove: (index) => {
        apply((text) => removeWorkload(text, index));
        setOpen((o) => [...o.slice(0, index), ...o.slice(index + 1)]);
      },
      add: (workloadYaml, index) => {
        apply((text) => addWorkload(text, workloadYaml));
        setOpen((o) => withOpen(o, index, true));
      },
    }),
    [apply],
  );
  const isOpen = useCallback((index: number) => open[index] ?? false, [open]);
  return { isOpen, actions };
}
