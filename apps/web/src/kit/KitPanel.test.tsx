// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { generateKit } from '@headroom/observe';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluatePlan } from '../state/evaluate-plan.ts';
import { createPlanStore, defaultPlanText, type PlanStoreApi } from '../state/store.ts';
import { renderWithStore } from '../test-support.tsx';
import KitPanel from './KitPanel.tsx';
import { KitSection } from './KitSection.tsx';
import { kitFiles } from './kit-files.ts';
import { buildKitZip } from './zip.ts';

const example = (() => {
  const evaluation = evaluatePlan(defaultPlanText());
  if (!evaluation.ok) throw new Error('the example plan does not size');
  return evaluation.results;
})();

const renderPanel = (props: Partial<Parameters<typeof KitPanel>[0]> = {}) =>
  render(<KitPanel text={example.text} plan={example.plan} sizing={example.sizing} loadExporterBundle={async () => 'bundle'} {...props} />);

const LAZY_LOAD_MS = 10_000;

const filesNav = () => screen.getByRole('navigation', { name: 'Kit files' });

describe('the kit panel', () => {
  let store: PlanStoreApi;
  afterEach(cleanup);

  it('loads on demand below the results, for the last good plan', async () => {
    store = createPlanStore();
    renderWithStore(<KitSection />, store);
    // The panel is a lazy chunk: on a busy machine its import takes longer than findBy's 1 s default.
    expect(await screen.findByRole('heading', { name: 'Verification kit' }, { timeout: LAZY_LOAD_MS })).toBeTruthy();
    act(() => store.getState().setText('not: [a plan'));
    expect(within(filesNav()).getByTitle('alerts/chat-assistant.rules.yaml')).toBeTruthy();
  });

  it('lists the kit files of the example plan by folder, with sizes', () => {
    renderPanel();
    const nav = filesNav();
    for (const folder of ['dashboards/', 'alerts/', 'kubernetes/', 'kubernetes/workloads/', 'exporter/']) {
      expect(within(nav).getByRole('heading', { name: folder })).toBeTruthy();
    }
    for (const path of ['alerts/chat-assistant.rules.yaml', 'alerts/chat-assistant.rules.test.yaml', 'dashboards/chat-assistant-overview.json', 'kubernetes/prometheus-rule.yaml', 'kubernetes/workloads/chat-llm.yaml', 'exporter/Dockerfile', 'exporter/plan.yaml', 'exporter/headroom-exporter.mjs']) {
      expect(within(nav).getByTitle(path)).toBeTruthy();
    }
    expect(within(nav).getByTitle('alerts/chat-assistant.rules.yaml').textContent).toMatch(/chat-assistant\.rules\.yaml\d[\d.]* KiB$/);
  });

  it('shows the alert rules first and the contents of the file chosen', () => {
    renderPanel();
    expect(screen.getByLabelText('Contents of alerts/chat-assistant.rules.yaml').textContent).toContain('groups:');
    fireEvent.click(within(filesNav()).getByTitle('kubernetes/prometheus-rule.yaml'));
    const manifest = screen.getByLabelText('Contents of kubernetes/prometheus-rule.yaml');
    expect(manifest.textContent).toContain('kind: PrometheusRule');
    expect(within(filesNav()).getByTitle('kubernetes/prometheus-rule.yaml').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(filesNav()).getByTitle('dashboards/chat-assistant-chat-llm.json'));
    expect(JSON.parse(screen.getByLabelText('Contents of dashboards/chat-assistant-chat-llm.json').textContent!)).toHaveProperty('panels');
    fireEvent.click(within(filesNav()).getByTitle('exporter/plan.yaml'));
    expect(screen.getByLabelText('Contents of exporter/plan.yaml').textContent).toBe(example.text);
  });

  it('reports a zip that could not be built', async () => {
    const saveZip = vi.fn();
    renderPanel({ loadExporterBundle: () => Promise.reject(new Error('offline')), saveZip });
    fireEvent.click(screen.getByRole('button', { name: 'Download kit (.zip)' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Could not build the zip: offline'));
    expect(saveZip).not.toHaveBeenCalled();
  });
});

describe('the kit settings', () => {
  afterEach(cleanup);

  it('writes a valid setting into the plan\'s spec.kit and regenerates the kit; explains an invalid one and writes nothing', async () => {
    const store = createPlanStore();
    renderWithStore(<KitSection />, store);
    const image = await screen.findByRole('textbox', { name: 'Exporter image' }, { timeout: LAZY_LOAD_MS });
    expect(image.getAttribute('placeholder')).toBe('ghcr.io/headroom-dev/headroom-exporter:0.1.0');

    const before = store.getState().text;
    fireEvent.change(image, { target: { value: 'registry example/exporter' } });
    fireEvent.keyDown(image, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toMatch(/^Exporter image: must be a container image reference/);
    expect(image.getAttribute('aria-invalid')).toBe('true');
    expect(store.getState().text).toBe(before);

    fireEvent.change(image, { target: { value: 'registry.example.com/ml/headroom-exporter:2.0.0' } });
    fireEvent.blur(image);
    expect(store.getState().text).toContain('exporterImage: registry.example.com/ml/headroom-exporter:2.0.0');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(within(filesNav()).getByTitle('kubernetes/exporter.yaml'));
    await waitFor(() => expect(screen.getByLabelText('Contents of kubernetes/exporter.yaml').textContent).toContain('image: registry.example.com/ml/headroom-exporter:2.0.0'));
    fireEvent.click(within(filesNav()).getByTitle('README.md'));
    expect(screen.getByLabelText('Contents of README.md').textContent).toContain('| Exporter image | `registry.example.com/ml/headroom-exporter:2.0.0` | the plan\'s `spec.kit.exporterImage` |');

    // Undo takes the setting back out, and the field follows.
    act(() => store.getState().undo());
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Exporter image' }) as HTMLInputElement).value).toBe(''));
  });

  it('is read-only where the panel has no plan to edit', () => {
    renderPanel();
    expect(screen.queryByRole('group', { name: 'Kit settings' })).toBeNull();
  });
});

describe('the download button', () => {
  afterEach(cleanup);

  it('saves the zip of the whole kit, with the exporter bundle it loads', async () => {
    const bundle = '// the exporter bundle\n';
    const saveZip = vi.fn<(bytes: Uint8Array, fileName: string) => void>();
    renderPanel({ loadExporterBundle: async () => bundle, saveZip });
    fireEvent.click(screen.getByRole('button', { name: 'Download kit (.zip)' }));
    await waitFor(() => expect(saveZip).toHaveBeenCalledTimes(1));
    const [bytes, fileName] = saveZip.mock.calls[0]!;
    expect(fileName).toBe('chat-assistant-kit.zip');
    expect(screen.getByRole('status').textContent).toMatch(/^chat-assistant-kit\.zip: \d+ files, /);
    // Byte-identity with `headroom generate` for these files is checked in kit-zip.cli.test.ts.
    expect(bytes).toEqual(buildKitZip(kitFiles(generateKit(example.plan, example.sizing, { planText: example.text }), example.text, bundle)));
    expect(new TextDecoder().decode(unzipSync(bytes)['exporter/headroom-exporter.mjs'])).toBe(bundle);
  });
});
