/** Recording rule names, level:metric:operations (Prometheus docs, "Recording rules" best practices). */
const snake = (id: string) => id.replace(/[^a-zA-Z0-9]+/g, '_').toLowerCase();

/** The per-workload value of a signal, labelled plan, namespace, workload, kind. */
export const signalRecord = (signalId: string) => `namespace_workload:headroom_${snake(signalId)}:signal`;

/** Fraction of requests slower than an objective's threshold over `window`. */
export const sloErrorRatioRecord = (window: string) => `namespace_workload_slo:headroom_latency_slo_errors:ratio_rate${window}`;

/** Which pod belongs to which workload (value 1). */
export const podWorkloadRecord = 'namespace_workload_pod:headroom_pod_workload:info';

/** The error budget (1 − objective) of a latency objective, as a constant series. */
export const sloBudgetRecord = 'namespace_workload_slo:headroom_latency_slo_error_budget:ratio';

/** Running pods of each workload (kube-state-metrics phase Running). */
export const runningPodsRecord = 'namespace_workload:headroom_pods_running:sum';

/** Running pods of a workload while one of its signals is absent, labelled `signal`. */
export const signalAbsentRecord = 'namespace_workload_signal:headroom_signal_absent:pods_running';
