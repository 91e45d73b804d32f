/**
 * The verification kit in the page, loaded on demand (React.lazy) so @headroom/observe and the zip
 * code stay out of the initial bundle: the files `headroom generate` writes for the last good plan,
 * grouped by folder, a read-only preview of one, and the whole kit as one zip.
 */
import type { Plan, Sizing } from '@headroom/model';
import { useMemo, useState } from 'react';
import { formatBytes } from '../format.ts';
import type { PlanEdit } from '../form/use-plan-edit.ts';
import { fetchExporterBundle } from './exporter-asset.ts';
import { generatedKit, groupByFolder, isExporterBundle, kitFiles } from './kit-files.ts';
import { useKitListing } from './use-kit-listing.ts';
import { KitSettings } from './KitSettings.tsx';
import { buildKitZip } from './zip.ts';
import { saveBlob } from '../download.ts';

export interface KitPanelProps {
  /** The last good plan text, with the plan and sizing that came from it. */
  text: string;
  plan: Plan;
  sizing: Sizing;
  /** Where the exporter bundle comes from; by default the asset built with the page. */
  loadExporterBundle?: () => Promise<string>;
  /** What to do with the zip; by default the browser downloads it. */
  saveZip?: (bytes: Uint8Array, fileName: string) => void;
  /** Applies an edit to the plan text; when given, the kit settings (`spec.kit`) can be edited. */
  editPlan?: (edit: PlanEdit) => void;
}

type ZipStatus = { state: 'idle' } | { state: 'working' } | { state: 'done'; message: string } | { state: 'failed'; message: string };

export default function KitPanel({ text, plan, sizing, loadExporterBundle = () => fetchExporterBundle(), saveZip = downloadBytes, editPlan }: KitPanelProps) {
  // Generated off the main thread (use-kit-listing.ts); the exporter script is listed with an empty
  // placeholder, and the zip gets the real bundle.
  const listing = useKitListing(text, plan, sizing);
  const files = useMemo(() => listing ?? [], [listing]);
  const folders = useMemo(() => groupByFolder(files), [files]);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<ZipStatus>({ state: 'idle' });
  const selected = files.find((f) => f.path === chosen) ?? files.find((f) => f.path.startsWith('alerts/')) ?? files[0];
  const fileName = `${sizing.plan.name}-kit.zip`;

  const download = async () => {
    setStatus({ state: 'working' });
    try {
      const bundle = await loadExporterBundle();
      const bytes = buildKitZip(kitFiles(generatedKit(text, plan, sizing), text, bundle));
      saveZip(bytes, fileName);
      setStatus({ state: 'done', message: `${fileName}: ${files.length} files, ${formatBytes(bytes.length)}.` });
    } catch (error) {
      setStatus({ state: 'failed', message: `Could not build the zip: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <section className="kit" aria-labelledby="kit-heading">
      <h2 id="kit-heading">Verification kit</h2>
      <p className="help">
        What <code>headroom generate</code> writes for this plan: a README (what to apply, in which order, and what must run first), Grafana
        dashboards, Prometheus alert rules with their <code>promtool</code> tests, Kubernetes manifests, an Alertmanager route fragment and the
        plan exporter. The zip holds the same {listing ? `${files.length} files` : 'files'}, byte for byte.
      </p>
      {listing ? null : <p className="loading">Generating the kit…</p>}
      {editPlan ? <KitSettings plan={plan} editPlan={editPlan} /> : null}
      <div className="kit-actions">
        <button type="button" className="kit-download" onClick={download} disabled={status.state === 'working'}>
          Download kit (.zip)
        </button>
        <span role="status" className={status.state === 'failed' ? 'kit-status failed' : 'kit-status'}>
          {status.state === 'working' ? 'Building the zip…' : status.state === 'done' || status.state === 'failed' ? status.message : ''}
        </span>
      </div>
      <div className="kit-browser">
        <nav className="kit-files" aria-label="Kit files">
          {folders.map(({ folder, files: inFolder }) => (
            <div key={folder} className="kit-folder">
              <h3>{folder}/</h3>
              <ul>
                {inFolder.map((file) => (
                  <li key={file.path}>
                    <button type="button" aria-pressed={file.path === selected?.path} onClick={() => setChosen(file.path)} title={file.path}>
                      <span className="kit-file-name">{file.path.slice(folder.length + 1)}</span>
                      <span className="kit-file-size">{isExporterBundle(file.path) ? 'built' : formatBytes(file.bytes)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        {selected ? (
          <figure className="kit-preview">
            <figcaption>
              <code>{selected.path}</code>
            </figcaption>
            {isExporterBundle(selected.path) ? (
              <p className="help">
                The plan exporter as one minified script with no dependencies, built with this page by the same step as{' '}
                <code>headroom generate</code>. It is added to the zip when you download the kit.
              </p>
            ) : (
              <pre role="region" tabIndex={0} aria-label={`Contents of ${selected.path}`}>
                <code>{selected.contents}</code>
              </pre>
            )}
          </figure>
        ) : null}
      </div>
    </section>
  );
}

/** Saves the zip bytes as a file. */
function downloadBytes(bytes: Uint8Array, fileName: string): void {
  saveBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName);
}
