/**
 * The kube-state-metrics series that tie a workload's pod to the workload, in the shapes
 * kube-state-metrics emits them (kube_pod_owner, kube_replicaset_owner, kube_job_owner; kube_pod_info
 * for `match.pod`), for the owner kinds the workload's kind runs as. `alternate` picks the other
 * shape a service can have (a StatefulSet rather than a Deployment; for a LeaderWorkerSet, a worker
 * pod of group 0, owned by the worker StatefulSet "<name>-0", rather than a leader pod, owned by
 * the leader StatefulSet "<name>").
 */
import type { WorkloadTarget } from '../promql/selectors.ts';
import { seriesText, values, type InputSeries } from './series.ts';
import { examplePodName } from './example-pod.ts';

/** kube-state-metrics' scrape labels (two replicas behind one Service would differ in instance). */
const KSM = { job: 'kube-state-metrics', instance: '10.0.0.5:8080' };
const TRUE = { owner_is_controller: 'true' };

export interface Pod { name: string; uid: string }

export function podOf(t: WorkloadTarget, owner: string, alternate: boolean): { pod: Pod; series: (cluster: Record<string, string>, steps: number) => InputSeries[] } {
  const ns = { namespace: t.namespace };
  const one = (metric: string, labels: Record<string, string>, cluster: Record<string, string>, steps: number): InputSeries =>
    ({ series: seriesText(metric, { ...cluster, ...KSM, ...ns, ...labels }), values: values(1, 0, steps) });
  if (t.podRegex !== undefined) {
    const pod = { name: examplePodName(t.podRegex), uid: `uid-${owner}` };
    return { pod, series: (cluster, steps) => [one('kube_pod_info', { pod: pod.name, uid: pod.uid, node: 'node-0', created_by_kind: 'ReplicaSet', created_by_name: `${pod.name}-rs`, host_ip: '10.0.0.1', pod_ip: '10.1.0.10' }, cluster, steps)] };
  }
  if (t.kind === 'data-pipeline') {
    const job = `${owner}-29180160`;
    const pod = { name: `${job}-x7k2p`, uid: `uid-${job}` };
    return { pod, series: (cluster, steps) => [
      one('kube_pod_owner', { pod: pod.name, uid: pod.uid, owner_kind: 'Job', owner_name: job, ...TRUE }, cluster, steps),
      one('kube_job_owner', { job_name: job, owner_kind: 'CronJob', owner_name: owner, ...TRUE }, cluster, steps),
    ] };
  }
  if (t.kind === 'training' || t.kind === 'batch-inference') {
    const pod = { name: `${owner}-0-q8z5m`, uid: `uid-${owner}` };
    return { pod, series: (cluster, steps) => [one('kube_pod_owner', { pod: pod.name, uid: pod.uid, owner_kind: 'Job', owner_name: owner, ...TRUE }, cluster, steps)] };
  }
  if (t.podsPerReplica > 1) {
    const [pod, statefulSet] = alternate ? [{ name: `${owner}-0-1`, uid: `uid-${owner}-0-1` }, `${owner}-0`] : [{ name: `${owner}-0`, uid: `uid-${owner}-0` }, owner];
    return { pod, series: (cluster, steps) => [one('kube_pod_owner', { pod: pod.name, uid: pod.uid, owner_kind: 'StatefulSet', owner_name: statefulSet, ...TRUE }, cluster, steps)] };
  }
  if (alternate) {
    const pod = { name: `${owner}-0`, uid: `uid-${owner}-0` };
    return { pod, series: (cluster, steps) => [one('kube_pod_owner', { pod: pod.name, uid: pod.uid, owner_kind: 'StatefulSet', owner_name: owner, ...TRUE }, cluster, steps)] };
  }
  const replicaSet = `${owner}-7d4b9c8f6d`;
  const pod = { name: `${replicaSet}-x5x2k`, uid: `uid-${replicaSet}` };
  return { pod, series: (cluster, steps) => [
    one('kube_pod_owner', { pod: pod.name, uid: pod.uid, owner_kind: 'ReplicaSet', owner_name: replicaSet, ...TRUE }, cluster, steps),
    one('kube_replicaset_owner', { replicaset: replicaSet, owner_kind: 'Deployment', owner_name: owner, ...TRUE }, cluster, steps),
  ] };
}
