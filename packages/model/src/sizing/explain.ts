/** Records each figure with its formula, inputs and source as it is computed. */
import type { ExplainStep, Warning } from './types.ts';

export interface StepSpec {
  id: string;
  label: string;
  unit: string;
  /** The formula in words, e.g. "parameters × bytesPerParameter". */
  formula: string;
  inputs?: Record<string, number>;
  source?: string;
}

export class Trail {
  readonly steps: ExplainStep[] = [];
  readonly warnings: Warning[] = [];

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
    const inputs = spec.inputs ?? {};
    const substituted = Object.values(inputs).map(formatNumber).join(', ');
    this.steps.push({
      id: spec.id,
      label: spec.label,
      formula: substituted ? `${spec.formula}  [${Object.keys(inputs).join(', ')} = ${substituted}]` : spec.formula,
      value,
      unit: spec.unit,
      inputs,
      ...(spec.source ? { source: spec.source } : {}),
    });
    return value;
  }

  warn(code: string, message: string): void {
    this.warnings.push({ code, message });
  }
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return Number(value.toPrecision(4)).toString();
}
