/** One workload as a collapsible card: its name and kind, the list actions, and its kind's fields. */
import { formatPath, type PlanIssue } from '@headroom/model';
import { lazy, memo, Suspense } from 'react';
import type { ParsedNode } from 'yaml';
import { workloadFormNodes } from './field-spec.ts';
import { shownText } from './field-value.ts';
import { FormFields, GroupIssues } from './FormFields.tsx';
import { issuesAt, issuesKey } from './issue-placement.ts';
import { kindTitle } from './labels.ts';
import { ModelConfigImport, useModelConfigImport } from './ModelConfigImport.tsx';
import { nodeBelow, WORKLOADS_PATH } from './plan-document.ts';
import type { WorkloadCardActions } from './use-workload-cards.ts';

/** Loaded with the first LLM or training card: the first paint does not need the search. */
const ModelPicker = lazy(() => import('./ModelPicker.tsx'));

export interface WorkloadCardProps {
  index: number;
  /** How many workloads the plan has (the last cannot move down, the only one cannot go). */
  count: number;
  node: ParsedNode;
  /** The workload's YAML text: the card re-renders only when it (or its issues) change. */
  source: string;
  /** Issues at or inside this workload. */
  issues: readonly PlanIssue[];
  open: boolean;
  actions: WorkloadCardActions;
}

function WorkloadCardView({ index, count, node, issues, open, actions }: WorkloadCardProps) {
  const name = shownText(nodeBelow(node, ['name'])) || `workload ${index + 1}`;
  const kind = shownText(nodeBelow(node, ['kind']));
  const fields = workloadFormNodes(kind);
  const path = [...WORKLOADS_PATH, index];
  const own = [...issuesAt(issues, formatPath(path)), ...issuesAt(issues, formatPath([...path, 'kind']))];
  const modelImport = useModelConfigImport(index, name);
  const takesModelConfig = kind === 'llm-inference' || kind === 'training';
  return (
    <li className="workload-card" {...(takesModelConfig ? modelImport.dropHandlers : {})}>
      <div className="card-actions" role="group" aria-label={`Arrange ${name}`}>
        <button type="button" className="form-button" aria-label={`Move up ${name}`} disabled={index === 0} onClick={() => actions.move(index, index - 1)}>
          Move up
        </button>
        <button type="button" className="form-button" aria-label={`Move down ${name}`} disabled={index === count - 1} onClick={() => actions.move(index, index + 1)}>
          Move down
        </button>
        <button type="button" className="form-button" aria-label={`Duplicate ${name}`} onClick={() => actions.duplicate(index)}>
          Duplicate
        </button>
        {/* A plan needs at least one workload. */}
        <button type="button" className="form-button" aria-label={`Remove ${name}`} disabled={count === 1} onClick={() => actions.remove(index)}>
          Remove
        </button>
      </div>
      <details open={open} onToggle={(event) => actions.toggle(index, event.currentTarget.open)}>
        <summary>
          <span className="workload-name">{name}</span> <span className="workload-kind">{kindTitle(kind)}</span>
        </summary>
        <GroupIssues issues={own} />
        {takesModelConfig && (
          <Suspense fallback={null}>
            <ModelPicker index={index} name={name} />
          </Suspense>
        )}
        {takesModelConfig && <ModelConfigImport name={name} read={modelImport.read} importText={modelImport.importText} outcome={modelImport.outcome} />}
        {fields ? (
          <div className="card-fields">
            <FormFields nodes={fields} base={path} start={node} issues={issues} />
          </div>
        ) : (
          <p className="field-help">This kind has no form; fix <code>kind</code> in the YAML editor.</p>
        )}
      </details>
    </li>
  );
}

/** Typing in one card re-renders only that card: the others compare equal by text and issues. */
export const WorkloadCard = memo(
  WorkloadCardView,
  (before, after) =>
    before.index === after.index &&
    before.count === after.count &&
    before.source === after.source &&
    before.open === after.open &&
    before.actions === after.actions &&
    issuesKey(before.issues) === issuesKey(after.issues),
);
