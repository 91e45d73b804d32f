/** A plan-level section (metadata, defaults, cluster, ...) as a fieldset, re-rendered only when its text or issues change. */
import type { PlanIssue } from '@headroom/model';
import { memo } from 'react';
import type { ParsedNode } from 'yaml';
import type { GroupSpec } from './field-spec.ts';
import { GroupFields } from './FormFields.tsx';
import { issuesKey } from './issue-placement.ts';

export interface PlanSectionProps {
  section: GroupSpec;
  /** The document's root mapping: section paths start from the root. */
  root: ParsedNode;
  /** The section's YAML text ('' when absent). */
  source: string;
  /** Issues at or inside the section. */
  issues: readonly PlanIssue[];
}

function PlanSectionView({ section, root, issues }: PlanSectionProps) {
  return <GroupFields group={section} base={[]} start={root} issues={issues} />;
}

export const PlanSection = memo(
  PlanSectionView,
  (before, after) => before.section === after.section && before.source === after.source && issuesKey(before.issues) === issuesKey(after.issues),
);
