/**
 * Headroom's instrumentation for model servers without metrics of their own
 * (`metrics.runtime: headroom`) and for the job kinds: the series the plan's signals and SLO
 * rules read, with bounded labels, and middleware for node:http, Connect-style frameworks
 * (Express, Connect, Polka) and Fastify.
 */
export { DEFAULT_LATENCY_BUCKETS, sloBuckets } from './buckets.ts';
export { codeLabel, methodLabel, OTHER, type CodeLabel, type RequestOutcome } from './labels.ts';
export { createRouteTable, DEFAULT_MAX_ROUTES, normaliseRoute, pathOf, type RouteTable, type RouteTableOptions } from './routes.ts';
export type { RequestTimer } from './request-timer.ts';
export { createServingMetrics, type ServingMetrics, type ServingMetricsOptions, type TokenDirection } from './serving-metrics.ts';
export { observeResponse } from './response-observer.ts';
export { instrumentNodeHttp } from './node-http.ts';
export { connectMiddleware, type ConnectNext, type ConnectRequest } from './connect.ts';
export {
  fastifyPlugin, type FastifyAbortHook, type FastifyHook, type FastifyInstanceLike, type FastifyPluginLike, type FastifyReplyLike, type FastifyRequestLike,
} from './fastify.ts';
export { metricsHandler, type MetricsSource } from './metrics-handler.ts';
export {
  createBatchMetrics, createPipelineMetrics, createTrainingMetrics, type BatchMetrics, type JobMetricsOptions, type PipelineMetrics, type TrainingMetrics,
} from './job-metrics.ts';
