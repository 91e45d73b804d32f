/** Test helper: renders calculator components inside their own store's provider. */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { loadInThreadEvaluator } from './state/lazy-evaluator.ts';
import { PlanStoreProvider } from './state/store-context.tsx';
import type { PlanStoreApi } from './state/store.ts';

// The store's default evaluator loads the model on first use (lazy-evaluator.ts); loaded here, it
// answers before it returns, so a store created in a test has its results at once.
await loadInThreadEvaluator();

export function renderWithStore(ui: ReactElement, store: PlanStoreApi) {
  return render(<PlanStoreProvider store={store}>{ui}</PlanStoreProvider>);
}
