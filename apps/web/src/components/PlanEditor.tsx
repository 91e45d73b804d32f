/** The plan as YAML/JSON text, with line numbers and the current problems listed under it by line and field. */
import { defaultPlanLimits } from '@headroom/model';
import { useRef, type UIEvent } from 'react';
import { selectIssues, selectResultsAreStale, selectText } from '../state/store.ts';
import { usePlanStore } from '../state/store-context.tsx';
import { PlanFile } from './PlanFile.tsx';
import { PlanIssues } from './PlanIssues.tsx';
import { PlanNotice } from './PlanNotice.tsx';
import { SizingStatus } from './SizingStatus.tsx';

export function PlanEditor() {
  const text = usePlanStore(selectText);
  const issues = usePlanStore(selectIssues);
  const stale = usePlanStore(selectResultsAreStale);
  const setText = usePlanStore((s) => s.setText);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLPreElement>(null);
  // The gutter numbers at most the lines a plan may have: a pasted million lines is refused by the
  // plan limits, and a million <span>s would hang the page.
  const lineCount = Math.min(text.split('\n').length, defaultPlanLimits.planLines + 1);
  const errorLines = new Set(issues.flatMap((issue) => (issue.line !== undefined ? [issue.line] : [])));

  const syncGutter = (event: UIEvent<HTMLTextAreaElement>) => {
    if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
  };

  /** Puts the caret on a line so the user lands on the problem. */
  const goToLine = (line: number) => {
    const area = textarea.current;
    if (!area) return;
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };

  return (
    <section aria-labelledby="editor-heading" className="editor">
      <h2 id="editor-heading">Plan</h2>
      <PlanNotice />
      <PlanFile />
      <label htmlFor="plan-text" className="field-label">
        Plan (YAML or JSON)
      </label>
      <p className="help" id="plan-text-help">
        Quantities take units: <code>80 GiB</code>, <code>250 ms</code>, <code>40 MB/s</code>. Results update as you type.
      </p>
      <SizingStatus />
      <div className={`code-editor${issues.length > 0 ? ' has-errors' : ''}`}>
        <pre className="gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => (
            <span key={i} className={errorLines.has(i + 1) ? 'error-line' : undefined}>
              {i + 1}
              {'\n'}
            </span>
          ))}
        </pre>
        <textarea
          id="plan-text"
          ref={textarea}
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          aria-describedby="plan-text-help plan-issues"
          aria-invalid={issues.length > 0}
          onChange={(event) => setText(event.target.value, { typing: true })}
          onScroll={syncGutter}
        />
      </div>
      <PlanIssues issues={issues} stale={stale} onGoToLine={goToLine} />
    </section>
  );
}
