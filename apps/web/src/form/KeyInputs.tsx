/**
 * The few inputs that move each workload's answer (traffic, objective, GPU), for the compact
 * embed: a docs reader sees the answer and can try a different load or SLO without opening the
 * full form. The fields are the full form's own (field-spec.ts, FieldInput), so they read, check
 * and write the plan the same way.
 */
import { formatPath } from '@headroom/model';
import { useDeferredValue, useMemo } from 'react';
import { isSeq, type ParsedNode } from 'yaml';
import { usePlanStore } from '../state/store-context.tsx';
import { selectIssues, selectText } from '../state/store.ts';
import { FieldInput } from './FieldInput.tsx';
import { workloadFormNodes, type FieldSpec, type FormNode } from './field-spec.ts';
import { shownText } from './field-value.ts';
import { issuesWithin } from './issue-placement.ts';
import { kindTitle } from './labels.ts';
import { nodeAt, nodeBelow, readPlanDocument, WORKLOADS_PATH } from './plan-document.ts';

/** Per kind, the paths (from the workload) of the fields shown first. */
export const KEY_FIELDS: Record<string, readonly string[]> = {
  'llm-inference': ['traffic.peakRequestsPerSecond', 'slo.timeToFirstToken', 'slo.interTokenLatency', 'accelerator.gpu'],
  'model-serving': ['traffic.peakRequestsPerSecond', 'slo.latencyP95'],
  training: ['dataset.tokens', 'deadline', 'accelerator.gpu'],
  'batch-inference': ['items', 'window'],
  'data-pipeline': ['input.bytesPerRun', 'window'],
};

function fieldsByPath(nodes: readonly FormNode[], found = new Map<string, FieldSpec>()): Map<string, FieldSpec> {
  for (const node of nodes) {
    if (node.kind === 'field') found.set(node.path.join('.'), node);
    else if (node.kind === 'group') fieldsByPath(node.children, found);
  }
  return found;
}

export function KeyInputs() {
  const text = useDeferredValue(usePlanStore(selectText));
  const issues = useDeferredValue(usePlanStore(selectIssues));
  const read = useMemo(() => readPlanDocument(text), [text]);
  if (!read.ok) return null;
  const list = nodeAt(read.document, WORKLOADS_PATH);
  const workloads = isSeq(list) ? (list.items as ParsedNode[]) : [];
  return (
    <section className="plan-form key-inputs" aria-label="Key inputs">
      {workloads.map((node, index) => {
        const kind = shownText(nodeBelow(node, ['kind']));
        const name = shownText(nodeBelow(node, ['name'])) || `workload ${index + 1}`;
        const fields = fieldsByPath(workloadFormNodes(kind) ?? []);
        const keys = (KEY_FIELDS[kind] ?? []).flatMap((key) => {
          const field = fields.get(key);
          return field ? [field] : [];
        });
        if (keys.length === 0) return null;
        const base = [...WORKLOADS_PATH, index];
        return (
          <fieldset key={index} className="form-group">
            <legend>
              {name} <span className="kind">{kindTitle(kind)}</span>
            </legend>
            {keys.map((field) => {
              const path = [...base, ...field.path];
              return <FieldInput key={field.path.join(".")} field={field} path={path} node={nodeBelow(node, field.path)} issues={issuesWithin(issues, formatPath(path))} />;
            })}
          </fieldset>
        );
      })}
    </section>
  );
}
