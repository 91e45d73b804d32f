/**
 * "Copy link" (the link carries the whole plan, as the page's `#plan=` hash does) and the results
 * as CSV or Markdown for design docs (results-export.ts).
 */
import { useId, useState } from 'react';
import { saveBlob } from '../download.ts';
import { planHash } from '../state/plan-link.ts';
import { usePlanStoreApi, usePlanStore } from '../state/store-context.tsx';
import { selectResults } from '../state/store.ts';

type CopyState = { state: 'idle' } | { state: 'copied' } | { state: 'manual'; link: string };

/** `shareBase`: the page a link opens (the app's index.html); the current page when undefined. */
export function ShareAndExport({ shareBase }: { shareBase: string | undefined }) {
  const store = usePlanStoreApi();
  const results = usePlanStore(selectResults);
  const [copy, setCopy] = useState<CopyState>({ state: 'idle' });
  const noteId = useId();

  const copyLink = async () => {
    const base = (shareBase ?? window.location.href).replace(/#.*$/, '');
    const link = base + (await planHash(store.getState().text));
    try {
      await navigator.clipboard.writeText(link);
      setCopy({ state: 'copied' });
    } catch {
      // No clipboard here (an iframe without the permission, an insecure origin): show the link to copy by hand.
      setCopy({ state: 'manual', link });
    }
  };

  const download = async (format: 'csv' | 'md') => {
    if (!results) return;
    // Loaded on the first download: nothing on the first paint needs the writers.
    const { resultTables, toCsv, toMarkdown } = await import('./results-export.ts');
    const tables = resultTables(results.plan, results.sizing);
    const name = `${results.sizing.plan.name}-sizing.${format}`;
    if (format === 'csv') saveBlob(new Blob([toCsv(tables)], { type: 'text/csv;charset=utf-8' }), name);
    else saveBlob(new Blob([toMarkdown(tables)], { type: 'text/markdown;charset=utf-8' }), name);
  };

  return (
    <div className="share-export">
      <button type="button" className="form-button" aria-describedby={noteId} onClick={() => void copyLink()}>
        Copy link
      </button>
      <button type="button" className="form-button" disabled={!results} onClick={() => void download('csv')}>
        Download CSV
      </button>
      <button type="button" className="form-button" disabled={!results} onClick={() => void download('md')}>
        Download Markdown
      </button>
      <p id={noteId} className="share-note" role="status">
        {copy.state === 'copied' ? 'Link copied: it carries the whole plan, so anyone who opens it sees this plan.' : 'The link carries the whole plan; nothing is stored on a server.'}
      </p>
      {copy.state === 'manual' ? (
        <label className="share-manual">
          The clipboard is not available here; copy the link:
          <input readOnly value={copy.link} onFocus={(event) => event.currentTarget.select()} />
        </label>
      ) : null}
    </div>
  );
}
