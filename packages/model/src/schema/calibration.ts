/**
 * A workload's `calibration:` block: where each fitted value came from, written by `headroom verify
 * --calibrate` beside the value it set (an `assumptions` entry, `serviceTime` or
 * `throughputPerCore`). The sizing shows it in the explanation while the value in effect is still
 * the fitted one, and warns when someone changed the value since.
 */
import { z } from 'zod';

const provenance = z.strictObject({
  value: z.number().meta({ description: 'The fitted value, in the field\'s base unit.' }),
  previous: z.number().meta({ description: 'The value the plan had before the fit.' }),
  relativeError: z.number().min(0).meta({ description: 'Root mean square of (model at the fitted value / observed − 1) over the points used.' }),
  points: z.number().int().min(1).meta({ description: 'Observations the fit used.' }),
  range: z.string().min(1).meta({ description: 'Time range queried, e.g. "7d from 2026-11-26T10:00:00Z to 2026-12-03T10:00:00Z, step 605 s".' }),
  prometheus: z.string().min(1).meta({ description: 'The server queried (credentials never written).' }),
  fittedAt: z.string().min(1).meta({ description: 'When the fit ran (ISO 8601).' }),
  basis: z.string().min(1).meta({ description: 'The sizing relation inverted.' }),
  queries: z.array(z.string().min(1)).min(1).meta({ description: 'The PromQL range queries the observations came from.' }),
}).meta({ description: 'Provenance of one fitted value.' });

export const calibrationBlock = z.strictObject({
  memoryBandwidthEfficiency: provenance.optional(),
  prefillComputeEfficiency: provenance.optional(),
  cpuCoresPerWorker: provenance.optional(),
  serviceTime: provenance.optional(),
  throughputPerCore: provenance.optional(),
}).meta({ description: 'Values fitted from production by `headroom verify --calibrate`, with their provenance (query, range, error, points, date). Written by the tool; the fitted values themselves sit in `assumptions` or the kind\'s field.' });

export type CalibrationBlock = z.output<typeof calibrationBlock>;
export type CalibrationProvenance = z.output<typeof provenance>;
