/** Data pipeline: cores for the window, memory, scratch, and stored bytes over retention. */
import type { Trail } from '../../sizing/explain.ts';
import { jobReplicas, roundOff } from '../../sizing/replicas.ts';
import { HOURS_PER_MONTH, SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../units.ts';
import type { KindSizing, SizingContext } from '../types.ts';
import type { DataPipelineWorkload } from './schema.ts';

export function sizeDataPipeline(w: DataPipelineWorkload, ctx: SizingContext, trail: Trail): KindSizing {
  const a = ctx.assumptions;
  const requiredBytesPerSecond = trail.step(
    { id: 'requiredBytesPerSecond', label: 'Required throughput', unit: 'B/s', formula: 'bytesPerRun / window', inputs: { bytesPerRun: w.input.bytesPerRun, window: w.window } },
    w.input.bytesPerRun / w.window,
  );
  const coresNeeded = trail.step(
    { id: 'coresNeeded', label: 'Cores at target utilisation', unit: 'cores', formula: 'ceil(requiredBytesPerSecond / throughputPerCore / targetUtilization)',
      inputs: { requiredBytesPerSecond, throughputPerCore: w.throughputPerCore, targetUtilization: ctx.targetUtilization } },
    Math.max(1, Math.ceil(roundOff(requiredBytesPerSecond / w.throughputPerCore / ctx.targetUtilization))),
  );
  const coresPerReplica = Math.min(a.jobCpuCoresPerReplica, coresNeeded);
  const replicas = jobReplicas(trail, Math.ceil(coresNeeded / coresPerReplica), 'ceil(coresNeeded / jobCpuCoresPerReplica): one executor pod each');
  const runSeconds = trail.step(
    { id: 'runSeconds', label: 'Run time with the provisioned cores', unit: 's', formula: 'bytesPerRun / (cores × throughputPerCore)',
      inputs: { bytesPerRun: w.input.bytesPerRun, cores: replicas.peak * coresPerReplica, throughputPerCore: w.throughputPerCore } },
    w.input.bytesPerRun / (replicas.peak * coresPerReplica * w.throughputPerCore),
  );
  const scratchBytesPerReplica = trail.step(
    { id: 'scratchBytesPerReplica', label: 'Scratch (shuffle and spill) per executor', unit: 'bytes', formula: 'bytesPerRun × scratchRatio / executors',
      inputs: { bytesPerRun: w.input.bytesPerRun, scratchRatio: a.scratchRatio, executors: replicas.peak } },
    (w.input.bytesPerRun * a.scratchRatio) / replicas.peak,
  );
  const storedBytes = trail.step(
    { id: 'storedBytes', label: 'Output stored over retention', unit: 'bytes',
      formula: 'bytesPerRun × runsPerDay × retention in days × outputRatio / compressionRatio × replication',
      inputs: { bytesPerRun: w.input.bytesPerRun, runsPerDay: w.input.runsPerDay, retentionDays: w.retention / SECONDS_PER_DAY, outputRatio: w.outputRatio, compressionRatio: w.compressionRatio, replication: w.replication } },
    (w.input.bytesPerRun * w.input.runsPerDay * (w.retention / SECONDS_PER_DAY) * w.outputRatio * w.replication) / w.compressionRatio,
  );
  return {
    replicas,
    perReplica: { cpuCores: coresPerReplica, memoryBytes: coresPerReplica * a.memoryBytesPerCore, gpus: 0, ephemeralStorageBytes: scratchBytesPerReplica },
    storage: [{ name: 'output', bytes: storedBytes, purpose: `Pipeline output kept ${(w.retention / SECONDS_PER_DAY).toFixed(0)} days` }],
    details: {
      coresNeeded, storedBytes, requiredBytesPerSecond, runSeconds, windowSeconds: w.window, runsPerDay: w.input.runsPerDay,
      bytesPerRun: w.input.bytesPerRun, retentionSeconds: w.retention,
    },
    activeHoursPerMonth: Math.min(HOURS_PER_MONTH, (runSeconds / SECONDS_PER_HOUR) * w.input.runsPerDay * (HOURS_PER_MONTH / 24)),
  };
}
