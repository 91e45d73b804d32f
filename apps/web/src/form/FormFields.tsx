/** Renders part of the field tree: fields, nested groups as fieldsets, and lists (node pools). */
import { formatPath, type PlanIssue } from '@headroom/model';
import { isSeq, type ParsedNode } from 'yaml';
import { FieldInput } from './FieldInput.tsx';
import { ProviderField } from './ProviderField.tsx';
import type { FormNode, GroupSpec, ListSpec } from './field-spec.ts';
import { shownText } from './field-value.ts';
import { issuesAt, issuesWithin } from './issue-placement.ts';
import { addNodePool, nodeBelow, removeNodePool, type FieldPath } from './plan-document.ts';
import { usePlanEdit } from './use-plan-edit.ts';

export interface FormFieldsProps {
  nodes: readonly FormNode[];
  /** Path from the plan root to `start`; the nodes' own paths continue from there. */
  base: FieldPath;
  /** The document node the nodes' paths start from (the root, a workload, a node pool). */
  start: ParsedNode | undefined;
  issues: readonly PlanIssue[];
}

const PROVIDER_PATH = 'spec.cluster.provider';

export function FormFields({ nodes, base, start, issues }: FormFieldsProps) {
  return nodes.map((node) => {
    const path = [...base, ...node.path];
    const scoped = issuesWithin(issues, formatPath(path));
    if (node.kind === 'field' && formatPath(path) === PROVIDER_PATH) return <ProviderField key={node.key} field={node} path={path} node={nodeBelow(start, node.path)} issues={scoped} />;
    if (node.kind === 'field') return <FieldInput key={node.key} field={node} path={path} node={nodeBelow(start, node.path)} issues={scoped} />;
    if (node.kind === 'group') return <GroupFields key={node.key} group={node} base={base} start={start} issues={scoped} />;
    return <ListFields key={node.key} list={node} base={base} start={start} issues={scoped} />;
  });
}

/** Issues about a whole group or item (`perItem: give exactly one of gpuTime or cpuTime`). */
export function GroupIssues({ issues }: { issues: readonly PlanIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="field-error group-error">
      {issues.map((issue) => (
        <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
      ))}
    </ul>
  );
}

export function GroupFields({ group, base, start, issues }: { group: GroupSpec } & Omit<FormFieldsProps, 'nodes'>) {
  const fieldset = (
    <fieldset className="form-group">
      <legend>{group.label}</legend>
      <p className="field-help">{group.help}</p>
      <GroupIssues issues={issuesAt(issues, formatPath([...base, ...group.path]))} />
      <FormFields nodes={group.children} base={base} start={start} issues={issues} />
    </fieldset>
  );
  if (!group.collapsed) return fieldset;
  return (
    <details className="form-fold">
      <summary>{group.label}</summary>
      {fieldset}
    </details>
  );
}

/** Lists the form can add items to and remove them from, by path. */
const LIST_EDITS: Record<string, { noun: string; add: (text: string) => string; remove: (text: string, index: number) => string }> = {
  'spec.cluster.nodePools': { noun: 'node pool', add: addNodePool, remove: removeNodePool },
};

function ListFields({ list, base, start, issues }: { list: ListSpec } & Omit<FormFieldsProps, 'nodes'>) {
  const apply = usePlanEdit();
  const path = [...base, ...list.path];
  const edits = LIST_EDITS[formatPath(path)];
  const sequence = nodeBelow(start, list.path);
  const items = isSeq(sequence) ? (sequence.items as ParsedNode[]) : [];
  const noun = edits?.noun ?? 'item';
  return (
    <fieldset className="form-group form-list">
      <legend>{list.label}</legend>
      <p className="field-help">{list.help}</p>
      <GroupIssues issues={issuesAt(issues, formatPath(path))} />
      <ul className="list-items">
        {items.map((item, index) => {
          const itemPath = [...path, index];
          const name = `${noun} ${shownText(nodeBelow(item, ['name'])) || index + 1}`;
          return (
            <li key={index}>
              <div className="list-item" role="group" aria-label={name}>
                <GroupIssues issues={issuesAt(issues, formatPath(itemPath))} />
                <FormFields nodes={list.itemFields} base={itemPath} start={item} issues={issuesWithin(issues, formatPath(itemPath))} />
                {edits && (
                  <button type="button" className="form-button" aria-label={`Remove ${name}`} onClick={() => apply((text) => edits.remove(text, index))}>
                    Remove
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {edits && (
        <button type="button" className="form-button" onClick={() => apply(edits.add)}>
          Add {noun}
        </button>
      )}
    </fieldset>
  );
}
