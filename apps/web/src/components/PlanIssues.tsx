/** The problems with the current plan text, each with its line (a link to it when the editor is shown) and field path. */
import type { PlanIssue } from '@headroom/model';

export function PlanIssues({ issues, stale, onGoToLine }: { issues: PlanIssue[]; stale: boolean; onGoToLine?: (line: number) => void }) {
  return (
    <div id="plan-issues" role="status" aria-live="polite">
      {issues.length === 0 ? (
        <p className="ok">The plan is valid.</p>
      ) : (
        <div className="issues" role="alert">
          <p>
            {issues.length === 1 ? '1 problem' : `${issues.length} problems`} in the plan.
            {stale ? ' The results below are from the last valid plan.' : ''}
          </p>
          <ul>
            {issues.map((issue, index) => (
              <li key={`${issue.path}:${issue.line ?? ''}:${index}`}>
                {issue.line !== undefined && onGoToLine ? (
                  <button type="button" className="link" onClick={() => onGoToLine(issue.line!)}>
                    Line {issue.line}
                    {issue.column !== undefined ? `, column ${issue.column}` : ''}
                  </button>
                ) : issue.line !== undefined ? (
                  <span>Line {issue.line}</span>
                ) : null}
                {issue.path ? <code className="path">{issue.path}</code> : null}
                <span className="message">{issue.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
