/**
 * Helpers for the observe tests (not shipped: nothing outside *.test.ts imports this): walking
 * dashboard JSON, and checking PromQL with Prometheus' own Lezer grammar.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { parsePlan, sizePlan, type Plan, type Sizing } from '@headroom/model';

export interface PanelJson {
  id?: number;
  type: string;
  title?: string;
  description?: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  datasource?: unknown;
  fieldConfig?: { defaults?: { unit?: string; thresholds?: { steps: { value: number | null; color: string }[] } } };
  targets?: TargetJson[];
  panels?: PanelJson[];
}

export interface TargetJson {
  expr: string;
  legendFormat?: string;
  refId?: string;
  datasource?: unknown;
}

export interface DashboardJson {
  uid: string;
  title: string;
  panels: PanelJson[];
  templating: { list: { name: string; type: string; query?: unknown; hide?: number; datasource?: unknown }[] };
}

/** Every non-row panel, including those inside collapsed rows. */
export function panelsOf(model: DashboardJson): PanelJson[] {
  return model.panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
}

export function targetsOf(model: DashboardJson): TargetJson[] {
  return panelsOf(model).flatMap((p) => p.targets ?? []);
}

/** Grafana's variables replaced by literals PromQL accepts: $__rate_interval by a duration, others by "x". */
export function withoutVariables(expr: string, rateInterval = '5m'): string {
  return expr
    .replaceAll('$__rate_interval', rateInterval)
    .replace(/\$\{[^}]+\}/g, 'x')
    .replace(/\[\[[A-Za-z0-9_:]+\]\]/g, 'x')
    .replace(/\$[A-Za-z_][A-Za-z0-9_]*/g, 'x');
}

/** Syntax errors the Lezer PromQL grammar finds (error nodes have type id 0, "⚠"); empty when it parses. */
export function promqlErrors(expr: string): string[] {
  const text = withoutVariables(expr);
  const tree = parser.parse(text);
  const errors: string[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError || node.type.id === 0) errors.push(`at ${node.from}: ${JSON.stringify(text.slice(node.from, node.from + 20))}`);
    },
  });
  return errors;
}

/** A duration no generator writes, standing in for $__rate_interval. */
const RATE_MARK = '7777s';
/** The range of every rate(), irate() and increase() (or of `functions`) in an expression, "$__rate_interval" where it is that. */
export function rateWindows(expr: string, functions: readonly string[] = ['rate', 'irate', 'increase']): string[] {
  const rangeFunctions = new Set(functions);
  const text = withoutVariables(expr, RATE_MARK);
  const windows: string[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.name !== 'FunctionCall') return;
      const name = node.node.getChild('FunctionIdentifier');
      if (!name || !rangeFunctions.has(text.slice(name.from, name.to))) return;
      const duration = node.node.getChild('FunctionCallBody')?.getChild('MatrixSelector')?.getChild('DurationExpr');
      const window = duration ? text.slice(duration.from, duration.to) : '(none)';
      windows.push(window === RATE_MARK ? '$__rate_interval' : window);
    },
  });
  return windows;
}

/** The decoded values of the label matchers on `label` in an expression. */
export function matcherValues(expr: string, label: string): string[] {
  const text = withoutVariables(expr);
  const tree = parser.parse(text);
  const values: string[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.name !== 'UnquotedLabelMatcher') return;
      const name = node.node.getChild('LabelName');
      const literal = node.node.getChild('StringLiteral');
      if (name && literal && text.slice(name.from, name.to) === label) {
        const quoted = text.slice(literal.from, literal.to);
        // The generators write double-quoted strings with \\, \" and \n escapes, which JSON reads the same way.
        if (!quoted.startsWith('"')) throw new Error(`unexpected string literal ${quoted}`);
        values.push(JSON.parse(quoted) as string);
      }
    },
  });
  return values;
}

export function sizedPlan(yaml: string): { plan: Plan; sizing: Sizing } {
  const result = parsePlan(yaml);
  if (!result.ok) throw result.error;
  return { plan: result.plan, sizing: sizePlan(result.plan) };
}
