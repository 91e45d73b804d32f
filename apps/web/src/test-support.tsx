/** Test helper: renders calculator components inside their own store's provider. */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { PlanStoreProvider } from './state/store-context.tsx';
import type { PlanStoreApi } from './state/store.ts';

export function renderWithStore(ui: ReactElement, store: PlanStoreApi) {
  return render(<PlanStoreProvider store={store}>{ui}</PlanStoreProvider>);
}
