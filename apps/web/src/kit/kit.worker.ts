/**
 * The kit worker: generates the kit listing (kit-listing.ts) for a plan text off the page's main
 * thread, where it took tens of milliseconds per edit (docs/benchmarks.md, "Main thread"). The text
 * is evaluated again here (the same pure evaluatePlan the plan worker runs; same text, same
 * sizing), which costs less than cloning a large plan and sizing across threads.
 */
/// <reference lib="webworker" />
import { evaluatePlan } from '../state/evaluate-plan.ts';
import { kitListing, type ListedKitFile } from './kit-listing.ts';

export interface KitWorkerRequest {
  id: number;
  text: string;
}

export interface KitWorkerResponse {
  id: number;
  /** Undefined when the text does not size (the panel keeps the listing it has). */
  files: ListedKitFile[] | undefined;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<KitWorkerRequest>) => {
  const { id, text } = event.data;
  const evaluation = evaluatePlan(text);
  const files = evaluation.ok ? kitListing(text, evaluation.results.plan, evaluation.results.sizing) : undefined;
  scope.postMessage({ id, files } satisfies KitWorkerResponse);
});
