/** Records each figure with its formula, inputs and source as it is computed. */
import type { ExplainStep, Warning } from './types.ts';

export interface StepSpec {
  id: string;
  label: string;
  unit: string;
  /** The formula in words over the input names, e.g. "parameters × bytesPerParameter". */
  formula: string;
  inputs?: Record<string, number>;
  source?: string;
}

export class Trail {
  readonly steps: ExplainStep[] = [];
  readonly warnings: Warning[] = [];
  /** The binding limits that make the workload infeasible (each is also a warning). */
  readonly infeasible: Warning[] = [];

  /**
   * @param recordSteps false for scratch sizings (trying configurations): warnings are kept, the
   * explanation is not built, which keeps choosing among many candidates cheap.
   */
  constructor(private readonly recordSteps = true) {}

  /** Records `value` under `spec` and returns it, so a computation reads as one expression. */
  step(spec: StepSpec, value: number): number {
    if (!Number.isFinite(value)) {
      throw new Error(`internal: sizing step "${spec.id}" produced ${value} from ${JSON.stringify(spec.inputs ?? {})}`);
    }
    if (!this.recordSteps) return value;
    this.steps.push({
      id: spec.id,
      label: spec.label,
      formula: spec.formula,
      value,
      unit: spec.unit,
      inputs: spec.inputs ?? {},
      ...(spec.source ? { source: spec.source } : {}),
    });
    return value;
  }

  warn(code: string, message: string): void {
    this.warnings.push({ code, message });
  }

  /**
   * Records a limit the plan cannot meet. The sizing still returns figures (how each limit is
   * sized: docs/sizing.md, "Feasibility: an answer, never a discount"), but the workload is reported `feasible: false`.
   */
  infeasibility(code: string, message: string): void {
    this.warn(code, message);
    this.infeasible.push({ code, message });
  }
}
