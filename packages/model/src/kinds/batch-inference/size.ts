/** Batch inference: the rate the window demands, the GPUs or cores for it at target utilisation. */
import type { Trail } from '../../sizing/explain.ts';
import { jobReplicas, roundOff } from '../../sizing/replicas.ts';
import { GiB, HOURS_PER_MONTH, SECONDS_PER_HOUR } from '../../units.ts';
import type { KindSizing, SizingContext } from '../types.ts';
import type { BatchInferenceWorkload } from './schema.ts';

export function sizeBatchInference(w: BatchInferenceWorkload, ctx: SizingContext, trail: Trail): KindSizing {
  const a = ctx.assumptions;
  const onGpu = w.perItem.gpuTime !== undefined;
  const secondsPerItem = (w.perItem.gpuTime ?? w.perItem.cpuTime)!;
  const requiredItemsPerSecond = trail.step(
    { id: 'requiredItemsPerSecond', label: 'Required rate', unit: 'items/s', formula: 'items / window', inputs: { items: w.items, window: w.window } },
    w.items / w.window,
  );
  const unitsNeeded = trail.step(
    { id: onGpu ? 'gpusNeeded' : 'coresNeeded', label: onGpu ? 'GPUs at target utilisation' : 'Cores at target utilisation', unit: onGpu ? 'GPUs' : 'cores',
      formula: `ceil(requiredItemsPerSecond × ${onGpu ? 'gpuTime' : 'cpuTime'} / targetUtilization)`,
      inputs: { requiredItemsPerSecond, secondsPerItem, targetUtilization: ctx.targetUtilization } },
    Math.max(1, Math.ceil(roundOff((requiredItemsPerSecond * secondsPerItem) / ctx.targetUtilization))),
  );
  const coresPerReplica = onGpu ? a.gpuJobCpuCoresPerGpu : Math.min(a.jobCpuCoresPerReplica, unitsNeeded);
  const replicaCount = onGpu ? unitsNeeded : Math.ceil(unitsNeeded / coresPerReplica);
  const replicas = jobReplicas(trail, replicaCount, onGpu ? 'one worker pod per GPU' : 'ceil(coresNeeded / jobCpuCoresPerReplica)');
  const unitsProvisioned = onGpu ? replicaCount : replicaCount * coresPerReplica;
  const wallClockSeconds = trail.step(
    { id: 'wallClockSeconds', label: 'Run time with the provisioned workers', unit: 's',
      formula: `items × ${onGpu ? 'gpuTime' : 'cpuTime'} / ${onGpu ? 'GPUs' : 'cores'}`,
      inputs: { items: w.items, secondsPerItem, units: unitsProvisioned } },
    (w.items * secondsPerItem) / unitsProvisioned,
  );
  const inputBytes = w.items * w.inputBytesPerItem;
  const outputBytes = trail.step(
    { id: 'outputBytes', label: 'Output per run', unit: 'bytes', formula: 'items × outputBytesPerItem', inputs: { items: w.items, outputBytesPerItem: w.outputBytesPerItem } },
    w.items * w.outputBytesPerItem,
  );
  const gpu = w.accelerator?.gpu;
  return {
    replicas,
    perReplica: {
      cpuCores: coresPerReplica,
      memoryBytes: onGpu ? a.gpuJobHostMemoryBytesPerGpu : coresPerReplica * a.memoryBytesPerCore,
      gpus: onGpu ? 1 : 0,
      ...(gpu ? { gpuModel: gpu.id, gpuMemoryBytes: gpu.memoryBytes } : {}),
      ephemeralStorageBytes: 10 * GiB,
    },
    storage: [
      ...(inputBytes > 0 ? [{ name: 'input', bytes: inputBytes, purpose: 'Items to process in one run' }] : []),
      { name: 'output', bytes: outputBytes, purpose: 'Results of one run' },
    ],
    details: {
      requiredItemsPerSecond, wallClockSeconds, windowSeconds: w.window, items: w.items,
      plannedItemsPerSecond: w.items / wallClockSeconds, [onGpu ? 'gpusNeeded' : 'coresNeeded']: unitsNeeded, outputBytes,
    },
    activeHoursPerMonth: Math.min(HOURS_PER_MONTH, (wallClockSeconds / SECONDS_PER_HOUR) * w.runsPerMonth),
  };
}
