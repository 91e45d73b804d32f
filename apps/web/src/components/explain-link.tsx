/**
 * Links from a figure to its explanation: a figure anywhere in the answer (Summary, totals, the
 * workload table, a workload's card) is a button that opens "How each number was computed" at the
 * step that computed it, scrolled into view and focused. One provider per calculator, so two
 * embedded calculators on a page never open each other's explanation.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

/** What to explain: a subject of the explain view (`totals`, `workload:NAME`, `pool:NAME`…) and, when known, its step. */
export interface ExplainTarget {
  subject: string;
  step: string | undefined;
  /** Increases with every request, so asking twice for the same step scrolls to it again. */
  request: number;
}

interface ExplainLinks {
  target: ExplainTarget | undefined;
  show: (subject: string, step?: string) => void;
}

const ExplainLinksContext = createContext<ExplainLinks | undefined>(undefined);

export function ExplainLinksProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<ExplainTarget | undefined>(undefined);
  const requests = useRef(0);
  const show = useCallback((subject: string, step?: string) => setTarget({ subject, step, request: ++requests.current }), []);
  const links = useMemo(() => ({ target, show }), [target, show]);
  return <ExplainLinksContext.Provider value={links}>{children}</ExplainLinksContext.Provider>;
}

/** The latest request to explain something, if any (read by the explain view). */
export function useExplainTarget(): ExplainTarget | undefined {
  return useContext(ExplainLinksContext)?.target;
}

export const workloadSubject = (name: string) => `workload:${name}`;
export const poolSubject = (name: string) => `pool:${name}`;

/**
 * A figure as a button to its explanation. The visible text stays the figure alone (tests and
 * screen readers read the number); the title and description say where it leads. Outside a
 * provider (a component rendered on its own) the figure is plain text.
 */
export function ExplainLink({ subject, step, what, children }: { subject: string; step?: string | undefined; what: string; children: ReactNode }) {
  const links = useContext(ExplainLinksContext);
  if (!links) return <>{children}</>;
  return (
    <button type="button" className="explain-link" title={`How ${what} was computed`} onClick={() => links.show(subject, step)}>
      {children}
    </button>
  );
}
