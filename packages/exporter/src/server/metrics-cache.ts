/**
 * The /metrics answer, rendered once per reload attempt and served from memory.
 *
 * Every series the exporter publishes changes only when a reload is attempted (the plan series,
 * the reload counter, the last-success timestamp, the last-reload result), so rendering them per
 * scrape is wasted work: a 1,000-workload plan costs prom-client about 46 ms of CPU per render.
 * `update` renders both formats (and their gzip encodings) with prom-client, then swaps them in
 * at once, so a scrape sees the previous state or the new one, never a mix.
 *
 * Each format has its own prom-client metric objects. prom-client's OpenMetrics registry strips
 * `_total` from a counter's name in place (Registry.metrics, `standardizeCounterName`), so a
 * counter shared with the text registry lost its `_total` in the text format after the first
 * OpenMetrics scrape; separate objects keep each format's names its own.
 */
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { Counter, Gauge, Registry, type OpenMetricsContentType, type PrometheusContentType } from 'prom-client';
import type { PlanSample } from '@headroom/model';
import { PlanGauges } from '../plan-gauges.ts';

const gzip = promisify(gzipCallback);

/** What the exporter publishes about itself and its plan, as of the last reload attempt. */
export interface ExporterState {
  /** The serving plan's name (the last plan that loaded). */
  plan: string;
  samples: readonly PlanSample[];
  reloads: { success: number; failure: number };
  /** Unix time in seconds the serving plan was loaded. */
  lastSuccessSeconds: number;
  /** Whether the last attempt to load the plan file succeeded. */
  lastReloadSuccessful: boolean;
}

export interface RenderedBody {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

/** Names and help of the exporter's own families (docs/exporter.md lists them). */
export const exporterFamilies = {
  reloads: { name: 'headroom_exporter_plan_reloads_total', help: 'Plan reloads attempted, by result.' },
  lastSuccess: { name: 'headroom_exporter_plan_last_reload_success_timestamp_seconds', help: 'Unix time the serving plan was loaded.' },
  lastReloadSuccessful: {
    name: 'headroom_exporter_plan_last_reload_successful',
    help: 'Whether the last attempt to load the plan file succeeded (1) or failed and the previous plan is still served (0), by serving plan.',
  },
} as const;

/** One format's registry and metric objects. */
type AnyRegistry = Registry<PrometheusContentType> | Registry<OpenMetricsContentType>;

class FormatMetrics {
  private readonly plan: PlanGauges;
  private readonly reloads: Counter;
  private readonly lastSuccess: Gauge;
  private readonly lastReloadSuccessful: Gauge;

  constructor(readonly registry: AnyRegistry) {
    const registers: AnyRegistry[] = [registry];
    this.plan = new PlanGauges(registers);
    this.reloads = new Counter({ ...exporterFamilies.reloads, labelNames: ['result'], registers });
    this.lastSuccess = new Gauge({ ...exporterFamilies.lastSuccess, registers });
    this.lastReloadSuccessful = new Gauge({ ...exporterFamilies.lastReloadSuccessful, labelNames: ['plan'], registers });
  }

  async render(state: ExporterState): Promise<string> {
    this.plan.update(state.samples);
    this.reloads.reset();
    this.reloads.inc({ result: 'success' }, state.reloads.success);
    this.reloads.inc({ result: 'failure' }, state.reloads.failure);
    this.lastSuccess.set(state.lastSuccessSeconds);
    this.lastReloadSuccessful.reset();
    this.lastReloadSuccessful.set({ plan: state.plan }, state.lastReloadSuccessful ? 1 : 0);
    return this.registry.metrics();
  }
}

export class MetricsCache {
  private readonly text = new FormatMetrics(new Registry());
  private readonly openMetrics = new FormatMetrics(openMetricsRegistry());
  private rendered: { text: RenderedBody; openMetrics: RenderedBody } | undefined;
  private updating: Promise<void> = Promise.resolve();

  /** Renders `state` in both formats and serves it from then on; updates apply in call order. */
  update(state: ExporterState): Promise<void> {
    const run = this.updating.then(async () => {
      const [text, openMetrics] = await Promise.all([encode(this.text, state), encode(this.openMetrics, state)]);
      this.rendered = { text, openMetrics };
    });
    this.updating = run.catch(() => undefined); // a failed render must not block the next one
    return run;
  }

  /** The body for a scrape; throws before the first `update` has finished. */
  body(format: 'text' | 'openmetrics'): RenderedBody {
    if (!this.rendered) throw new Error('internal: /metrics served before the first render');
    return format === 'openmetrics' ? this.rendered.openMetrics : this.rendered.text;
  }
}

function openMetricsRegistry(): Registry<OpenMetricsContentType> {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return registry;
}

async function encode(metrics: FormatMetrics, state: ExporterState): Promise<RenderedBody> {
  const body = Buffer.from(await metrics.render(state), 'utf8');
  return { contentType: metrics.registry.contentType, body, gzipped: await gzip(body) };
}
