/** @headroom/exporter: the plan exporter on prom-client. Instrumentation: '@headroom/exporter/instrumentation'. */
export { PlanGauges } from './plan-gauges.ts';
export { loadPlanFile, type LoadedPlan, type LoadResult } from './plan-source.ts';
export { exporterFamilies, type ExporterState } from './server/metrics-cache.ts';
export { ExporterError, startExporter, type ExporterOptions, type RunningExporter } from './server/exporter.ts';
export { loadWebConfig, parseWebConfig, WebConfigError, type LoadedWebConfig, type WebConfig } from './server/web-config.ts';
export { serveUntilStopped, type ServeOptions } from './serve.ts';
