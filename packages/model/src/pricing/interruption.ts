/**
 * What spot interruptions cost a workload that tolerates them (pricing/tolerance.ts), as expected
 * values: with λ interruptions per node-hour and L seconds lost per interruption, a pod keeps
 * 1 − λ·L/3600 of its time.
 * - batch inference and data pipelines (re-run): an interrupted pod re-runs its share since the
 *   run began, on average half the run, plus the restart; the GPUs or cores the window needs at
 *   target utilisation are divided by (1 − lostShare) before rounding up to whole replicas, so the
 *   run still fits its window.
 * - training (checkpoint): a gang-scheduled job stops when any of its nodes goes, so the job sees
 *   nodes × λ interruptions per hour, each losing half a checkpoint interval plus the restart;
 *   wall-clock = wallClockSeconds / (1 − lostShare), checked against the deadline again.
 * A lost share of 1 or more means the work never finishes: infeasible, never cheaper.
 */
import { assumptionCatalog, type Assumptions } from '../catalog/assumptions.ts';
import type { KindSizing } from '../kinds/types.ts';
import type { Workload } from '../schema/plan.ts';
import type { Trail } from '../sizing/explain.ts';
import { roundOff } from '../sizing/replicas.ts';
import { HOURS_PER_MONTH, SECONDS_PER_HOUR } from '../units.ts';
import type { InterruptionTolerance } from './tolerance.ts';

const hours = (seconds: number) => (seconds / SECONDS_PER_HOUR).toFixed(1);

export function withInterruptions(w: Workload, sized: KindSizing, tolerance: InterruptionTolerance & { tolerant: true }, a: Assumptions, targetUtilization: number, trail: Trail): KindSizing {
  const perNodeHour = trail.step(
    { id: 'spotInterruptionsPerNodeHour', label: 'Spot interruptions per node-hour', unit: '1/h', formula: 'spotInterruptionRatePerMonth / 730',
      inputs: { spotInterruptionRatePerMonth: a.spotInterruptionRatePerMonth }, source: assumptionCatalog.spotInterruptionRatePerMonth.source },
    a.spotInterruptionRatePerMonth / HOURS_PER_MONTH,
  );
  if (tolerance.how === 'checkpoint' && w.kind === 'training') {
    const interval = w.checkpoints.interval!;
    const lostSeconds = trail.step(
      { id: 'spotLostSecondsPerInterruption', label: 'Work lost per interruption', unit: 's', formula: 'checkpointInterval / 2 + spotRestartSeconds',
        inputs: { checkpointInterval: interval, spotRestartSeconds: a.spotRestartSeconds }, source: assumptionCatalog.spotRestartSeconds.source },
      interval / 2 + a.spotRestartSeconds,
    );
    const nodes = sized.replicas.peak;
    const lostShare = trail.step(
      { id: 'spotLostShare', label: 'Share of the run lost to interruptions', unit: 'ratio',
        formula: 'nodes × spotInterruptionsPerNodeHour × spotLostSecondsPerInterruption / 3600 (any node lost stops the gang-scheduled job)',
        inputs: { nodes, spotInterruptionsPerNodeHour: perNodeHour, spotLostSecondsPerInterruption: lostSeconds } },
      (nodes * perNodeHour * lostSeconds) / SECONDS_PER_HOUR,
    );
    if (lostShare >= 1) {
      trail.infeasibility('SPOT_NEVER_FINISHES', `On spot, ${w.name}'s ${nodes} nodes are interrupted faster than it checkpoints: each interruption loses ${lostSeconds.toFixed(0)} s and ${(lostShare * 100).toFixed(0)}% of the run is lost; shorten checkpoints.interval or use on-demand nodes.`);
      return sized;
    }
    const before = sized.details.wallClockSeconds!;
    const wallClockSeconds = trail.step(
      { id: 'spotWallClockSeconds', label: 'Wall-clock time on spot', unit: 's', formula: 'wallClockSeconds / (1 − spotLostShare)',
        inputs: { wallClockSeconds: before, spotLostShare: lostShare } },
      before / (1 - lostShare),
    );
    if (wallClockSeconds > w.deadline * (1 + 1e-9)) {
      trail.infeasibility('SPOT_MISSES_DEADLINE', `On spot, interruptions stretch ${w.name} to ${hours(wallClockSeconds)} h, past its ${hours(w.deadline)} h deadline; use on-demand nodes or more GPUs.`);
    }
    const scale = wallClockSeconds / before;
    return {
      ...sized,
      details: { ...sized.details, wallClockSeconds, gpuHours: sized.details.gpuHours! * scale, plannedTokensPerSecond: sized.details.plannedTokensPerSecond! / scale, spotLostShare: lostShare },
      activeHoursPerMonth: Math.min(HOURS_PER_MONTH, sized.activeHoursPerMonth * scale),
    };
  }
  // Re-run: batch inference (wallClockSeconds) and data pipelines (runSeconds).
  const runKey = w.kind === 'data-pipeline' ? 'runSeconds' : 'wallClockSeconds';
  const runSeconds = sized.details[runKey]!;
  const lostSeconds = trail.step(
    { id: 'spotLostSecondsPerInterruption', label: 'Work lost per interruption', unit: 's', formula: `${runKey} / 2 + spotRestartSeconds (the interrupted pod's share re-runs)`,
      inputs: { [runKey]: runSeconds, spotRestartSeconds: a.spotRestartSeconds }, source: assumptionCatalog.spotRestartSeconds.source },
    runSeconds / 2 + a.spotRestartSeconds,
  );
  const lostShare = trail.step(
    { id: 'spotLostShare', label: 'Share of each pod\'s time lost to interruptions', unit: 'ratio', formula: 'spotInterruptionsPerNodeHour × spotLostSecondsPerInterruption / 3600',
      inputs: { spotInterruptionsPerNodeHour: perNodeHour, spotLostSecondsPerInterruption: lostSeconds } },
    (perNodeHour * lostSeconds) / SECONDS_PER_HOUR,
  );
  if (lostShare >= 1) {
    trail.infeasibility('SPOT_NEVER_FINISHES', `On spot, ${w.name}'s pods are interrupted faster than a run completes (${(lostShare * 100).toFixed(0)}% of their time lost); use on-demand nodes.`);
    return sized;
  }
  const before = sized.replicas.peak;
  const onGpu = sized.perReplica.gpus > 0;
  const unitsPerReplica = onGpu ? sized.perReplica.gpus : sized.perReplica.cpuCores;
  // GPUs or cores the window needs at target utilisation, before rounding (the kinds' gpusNeeded / coresNeeded).
  const unitsNeeded = w.kind === 'data-pipeline'
    ? sized.details.requiredBytesPerSecond! / w.throughputPerCore / targetUtilization
    : (sized.details.requiredItemsPerSecond! * (w.kind === 'batch-inference' ? (w.perItem.gpuTime ?? w.perItem.cpuTime)! : 0)) / targetUtilization;
  const peak = trail.step(
    { id: 'spotReplicas', label: 'Replicas on spot', unit: 'replicas',
      formula: `max(replicasPeak, ceil(${onGpu ? 'GPUs' : 'cores'} needed at target utilisation / (1 − spotLostShare) / ${onGpu ? 'GPUs' : 'cores'} per replica))`,
      inputs: { replicasPeak: before, unitsNeeded, spotLostShare: lostShare, unitsPerReplica } },
    Math.max(before, Math.ceil(roundOff(unitsNeeded / (1 - lostShare) / unitsPerReplica))),
  );
  const scale = before / peak / (1 - lostShare);
  const run = runSeconds * scale;
  return {
    ...sized,
    replicas: { min: Math.max(sized.replicas.min, peak), peak, max: Math.max(sized.replicas.max, peak) },
    details: {
      ...sized.details, [runKey]: run, spotLostShare: lostShare,
      ...(sized.details.plannedItemsPerSecond !== undefined ? { plannedItemsPerSecond: sized.details.plannedItemsPerSecond / scale } : {}),
    },
    activeHoursPerMonth: Math.min(HOURS_PER_MONTH, sized.activeHoursPerMonth * scale),
  };
}
