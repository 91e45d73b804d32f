/**
 * Pinning a configuration the LLM search compared: writes the workload's `accelerator.gpu`,
 * `tensorParallel` and `pipelineParallel`, as the form's own fields would, changing only those
 * values' characters (plan-document.ts), so comments stay and undo restores the search.
 */
import type { Candidate } from '@headroom/model';
import { isMap, isScalar, isSeq, type ParsedNode } from 'yaml';
import { nodeAt, readPlanDocument, setField, WORKLOADS_PATH } from '../form/plan-document.ts';

/** The plan text with `candidate` pinned into the workload named `workload`; throws when the plan has no such workload. */
export function pinCandidate(text: string, workload: string, candidate: Pick<Candidate, 'gpu' | 'tensorParallel' | 'pipelineParallel'>): string {
  const index = workloadIndex(text, workload);
  const accelerator = [...WORKLOADS_PATH, index, 'accelerator'];
  let pinned = setField(text, [...accelerator, 'gpu'], candidate.gpu);
  pinned = setField(pinned, [...accelerator, 'tensorParallel'], candidate.tensorParallel);
  return setField(pinned, [...accelerator, 'pipelineParallel'], candidate.pipelineParallel);
}

function workloadIndex(text: string, workload: string): number {
  const read = readPlanDocument(text);
  if (!read.ok) throw new Error(`cannot pin into this plan: ${read.problem.message}`);
  const list = nodeAt(read.document, WORKLOADS_PATH);
  const items = isSeq(list) ? (list.items as ParsedNode[]) : [];
  const index = items.findIndex((item) => isMap(item) && item.items.some((pair) => isScalar(pair.key) && pair.key.value === 'name' && isScalar(pair.value) && String(pair.value.value) === workload));
  if (index === -1) throw new Error(`the plan has no workload named ${workload}`);
  return index;
}
