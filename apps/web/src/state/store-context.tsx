/** Hands a calculator's store to its components: one provider per calculator instance. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PlanStore, PlanStoreApi } from './store.ts';

const PlanStoreContext = createContext<PlanStoreApi | undefined>(undefined);

export function PlanStoreProvider({ store, children }: { store: PlanStoreApi; children: ReactNode }) {
  return <PlanStoreContext.Provider value={store}>{children}</PlanStoreContext.Provider>;
}

/** The store of the calculator this component belongs to. */
export function usePlanStoreApi(): PlanStoreApi {
  const store = useContext(PlanStoreContext);
  if (!store) throw new Error('a calculator component was rendered outside PlanStoreProvider');
  return store;
}

/** A slice of this calculator's state; the component re-renders when the slice changes. */
export function usePlanStore<T>(selector: (state: PlanStore) => T): T {
  return useStore(usePlanStoreApi(), selector);
}
