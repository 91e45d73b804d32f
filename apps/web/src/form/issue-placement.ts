/**
 * Which part of the form shows which plan issue: a field shows the issues at or inside its path, a
 * group (fieldset, node pool, workload card) those exactly at its path, and the top of the form the
 * rest (unknown keys, say). Paths are parsePlan's: `spec.workloads[0].traffic.peakRequestsPerSecond`.
 */
import { formatPath, type PlanIssue } from '@headroom/model';
import { isMap, isScalar, isSeq, type ParsedNode } from 'yaml';
import { planFormSpec, workloadFormNodes, type FormNode } from './field-spec.ts';
import { nodeAt, nodeBelow, WORKLOADS_PATH, type FieldPath, type PlanDocument } from './plan-document.ts';

/** True when `issuePath` is `path` or lies inside it (`a.b` is inside `a`, `a[0]` too, `ab` is not). */
export function isWithin(issuePath: string, path: string): boolean {
  if (!issuePath.startsWith(path)) return false;
  const next = issuePath.charAt(path.length);
  return next === '' || next === '.' || next === '[';
}

export const issuesWithin = (issues: readonly PlanIssue[], path: string) => issues.filter((i) => isWithin(i.path, path));
export const issuesAt = (issues: readonly PlanIssue[], path: string) => issues.filter((i) => i.path === path);

/** A stable summary of issues, to compare props of memoised parts of the form. */
export const issuesKey = (issues: readonly PlanIssue[]) => issues.map((i) => `${i.path}\u0000${i.message}`).join('\n');

interface Places {
  fields: string[];
  groups: Set<string>;
}

function collect(nodes: readonly FormNode[], base: FieldPath, start: ParsedNode | undefined, places: Places): void {
  for (const node of nodes) {
    const path = [...base, ...node.path];
    if (node.kind === 'field') {
      places.fields.push(formatPath(path));
      continue;
    }
    places.groups.add(formatPath(path));
    if (node.kind === 'group') collect(node.children, base, start, places);
    else {
      const list = nodeBelow(start, node.path);
      (isSeq(list) ? list.items : []).forEach((item, index) => {
        places.groups.add(formatPath([...path, index]));
        collect(node.itemFields, [...path, index], item as ParsedNode, places);
      });
    }
  }
}

/** Every place the form shows issues for this document. */
function placesOf(document: PlanDocument): Places {
  const places: Places = { fields: [], groups: new Set([formatPath(WORKLOADS_PATH)]) };
  collect(planFormSpec().sections, [], document.contents as ParsedNode, places);
  const workloads = nodeAt(document, WORKLOADS_PATH);
  (isSeq(workloads) ? workloads.items : []).forEach((item, index) => {
    const path = [...WORKLOADS_PATH, index];
    places.groups.add(formatPath(path));
    places.groups.add(formatPath([...path, 'kind']));
    const kind = isMap(item) ? item.get('kind', true) : undefined;
    const nodes = isScalar(kind) ? workloadFormNodes(String(kind.value)) : undefined;
    collect(nodes ?? [], path, item as ParsedNode, places);
  });
  return places;
}

/** The issues no field, group or card of the form shows, for the list at the top of the form. */
export function unplacedIssues(issues: readonly PlanIssue[], document: PlanDocument): PlanIssue[] {
  if (issues.length === 0) return [];
  const { fields, groups } = placesOf(document);
  return issues.filter((issue) => !groups.has(issue.path) && !fields.some((field) => isWithin(issue.path, field)));
}
