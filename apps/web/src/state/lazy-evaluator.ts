/**
 * The in-thread evaluator (in-thread-evaluator.ts), loaded when first asked for. It holds the whole
 * model (zod, every kind's schema and sizing, about 95 KB gzip), which the page needs only when the
 * plan worker cannot start, so it stays out of the page's initial script (docs/benchmarks.md). The
 * first evaluation answers once the module has loaded; once loaded, it answers before returning,
 * as the in-thread evaluator does.
 */
import type { PlanEvaluator } from './plan-evaluator.ts';

let loaded: PlanEvaluator | undefined;
let loading: Promise<PlanEvaluator> | undefined;

/** Loads the in-thread evaluator (once); afterwards `lazyInThreadEvaluator` answers synchronously. */
export function loadInThreadEvaluator(): Promise<PlanEvaluator> {
  loading ??= import('./in-thread-evaluator.ts').then((m) => (loaded = m.inThreadEvaluator));
  return loading;
}

export const lazyInThreadEvaluator: PlanEvaluator = {
  evaluate(text, listener) {
    if (loaded) loaded.evaluate(text, listener);
    else void loadInThreadEvaluator().then((evaluator) => evaluator.evaluate(text, listener));
  },
};
