/**
 * The plan as a form: plan-level sections, the workloads as cards, and "add from a preset". It
 * edits the same text as the YAML editor (through the store), so the two always agree; issues show
 * at their fields, and while the text is bad the last good results stay on screen.
 */
import { formatPath, type PlanIssue } from '@headroom/model';
import { useDeferredValue, useId, useMemo } from 'react';
import { isSeq, type ParsedNode } from 'yaml';
import { selectIssues, selectText } from '../state/store.ts';
import { usePlanStore } from '../state/store-context.tsx';
import { AddWorkload } from './AddWorkload.tsx';
import { planFormSpec } from './field-spec.ts';
import { GroupIssues } from './FormFields.tsx';
import { issuesAt, issuesWithin, unplacedIssues } from './issue-placement.ts';
import { nodeAt, readPlanDocument, WORKLOADS_PATH, type DocumentProblem } from './plan-document.ts';
import { PlanSection } from './PlanSection.tsx';
import { useWorkloadCards } from './use-workload-cards.ts';
import { WorkloadCard } from './WorkloadCard.tsx';

/**
 * Plans longer than this are edited in the YAML editor only. The form reads the text with the yaml
 * library on the page's thread (it needs the document's nodes to edit in place), and a card per
 * workload: for the 1,000-workload benchmark plan (292 KB) that held the page for seconds after a
 * paste, while the plan worker sized it (docs/benchmarks.md, "Main thread after an edit"). The
 * 200-workload plan (59 KB) still has its form.
 */
const FORM_MAX_CHARACTERS = 100_000;

const sourceOf = (text: string, node: ParsedNode | undefined) => (node ? text.slice(node.range[0], node.range[1]) : '');

export function PlanForm() {
  // Deferred: a keystroke updates the results first and the form follows when React has time
  // (input-to-results budget, docs/benchmarks.md); fields show their own edits meanwhile (use-field-draft.ts).
  const text = useDeferredValue(usePlanStore(selectText));
  const issues = useDeferredValue(usePlanStore(selectIssues));
  const tooLarge = text.length > FORM_MAX_CHARACTERS;
  const read = useMemo(() => (tooLarge ? undefined : readPlanDocument(text)), [text, tooLarge]);
  const { isOpen, actions } = useWorkloadCards();
  const headingId = useId();
  const workloadsHeadingId = useId();

  if (!read) {
    return (
      <section className="plan-form" aria-labelledby={headingId}>
        <h2 id={headingId}>Plan form</h2>
        <p className="form-blocked">
          The form shows plans of up to {FORM_MAX_CHARACTERS.toLocaleString('en-US')} characters; this one has {text.length.toLocaleString('en-US')}. Edit it in the YAML editor; its results are sized as usual.
        </p>
      </section>
    );
  }

  if (!read.ok) {
    return (
      <section className="plan-form" aria-labelledby={headingId}>
        <h2 id={headingId}>Plan form</h2>
        <NotAPlan problem={read.problem} />
      </section>
    );
  }

  const { document } = read;
  const root = document.contents as ParsedNode;
  const list = nodeAt(document, WORKLOADS_PATH);
  const workloads = isSeq(list) ? (list.items as ParsedNode[]) : [];
  const workloadsPath = formatPath(WORKLOADS_PATH);
  return (
    <section className="plan-form" aria-labelledby={headingId}>
      <h2 id={headingId}>Plan form</h2>
      <OtherIssues issues={unplacedIssues(issues, document)} />
      {planFormSpec().sections.map((section) => {
        const node = nodeAt(document, section.path);
        return <PlanSection key={section.key} section={section} root={root} source={sourceOf(text, node)} issues={issuesWithin(issues, formatPath(section.path))} />;
      })}
      <div className="form-workloads" role="group" aria-labelledby={workloadsHeadingId}>
        <h3 id={workloadsHeadingId}>Workloads</h3>
        <GroupIssues issues={issuesAt(issues, workloadsPath)} />
        <ol className="workload-cards">
          {workloads.map((node, index) => (
            <WorkloadCard
              key={index}
              index={index}
              count={workloads.length}
              node={node}
              source={sourceOf(text, node)}
              issues={issuesWithin(issues, `${workloadsPath}[${index}]`)}
              open={isOpen(index)}
              actions={actions}
            />
          ))}
        </ol>
        <AddWorkload onAdd={(yaml) => actions.add(yaml, workloads.length)} />
      </div>
    </section>
  );
}

/** Text that is not YAML has no fields to show: point at the editor, where the text is kept as typed. */
function NotAPlan({ problem }: { problem: DocumentProblem }) {
  const where = problem.line !== undefined ? ` on line ${problem.line}` : '';
  return (
    <p className="form-blocked">
      The form is paused: the plan text has a problem{where} ({problem.message}). Fix it in the YAML editor; nothing you typed is lost.
    </p>
  );
}

/** Issues no field shows (an unknown key, say), with their path and line. */
function OtherIssues({ issues }: { issues: readonly PlanIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="form-issues">
      <p>Problems outside the fields below (fix them in the YAML editor):</p>
      <ul>
        {issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            {issue.line !== undefined && <span className="issue-line">Line {issue.line}: </span>}
            <code>{issue.path}</code> {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
