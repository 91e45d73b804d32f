/**
 * The results as tables a team pastes into a design doc: totals, workloads, node pools and the
 * assumptions behind them, written as CSV (exact numbers in base units, the unit in the header) or
 * as Markdown (human units). Pure: one table model, two writers.
 */
import type { Plan, Sizing } from '@headroom/model';
import { formatValue } from '../format.ts';
import { clusterNodeCount } from '../state/sizing-views.ts';
import { runCost, workloadVerdict } from './verdicts.ts';

export type Cell = string | number | undefined;

export interface Column {
  title: string;
  /** The unit of the column's numbers (formatValue's units); CSV names it in the header. */
  unit?: string;
}

export interface Table {
  title: string;
  columns: Column[];
  rows: Cell[][];
}

export function resultTables(plan: Plan, sizing: Sizing): Table[] {
  return [totalsTable(sizing), workloadsTable(sizing), nodePoolsTable(sizing), assumptionsTable(plan)];
}

function totalsTable(sizing: Sizing): Table {
  const { totals, costPerMonthUsd } = sizing.cluster;
  return {
    title: `Totals for ${sizing.plan.name}`,
    columns: [
      { title: 'GPUs', unit: 'count' }, { title: 'Nodes', unit: 'count' }, { title: 'CPU cores', unit: 'count' },
      { title: 'Memory', unit: 'bytes' }, { title: 'Storage', unit: 'bytes' }, { title: 'Cost per month', unit: 'USD' }, { title: 'Cost is a lower bound' }, { title: 'Complete' },
    ],
    rows: [[totals.gpus, clusterNodeCount(sizing), totals.cpuCores, totals.memoryBytes, totals.storageBytes, costPerMonthUsd, sizing.cluster.costIsLowerBound ? 'yes: a workload has no known price' : 'no', sizing.complete ? 'yes' : 'no']],
  };
}

function workloadsTable(sizing: Sizing): Table {
  return {
    title: 'Workloads',
    columns: [
      { title: 'Workload' }, { title: 'Kind' }, { title: 'Verdict' }, { title: 'Replicas at peak', unit: 'count' }, { title: 'GPUs', unit: 'count' },
      { title: 'GPU model' }, { title: 'CPU cores', unit: 'count' }, { title: 'Memory', unit: 'bytes' }, { title: 'Node pool' },
      { title: 'Cost per run', unit: 'USD' }, { title: 'Why' },
    ],
    rows: sizing.workloads.map((w) => {
      const verdict = workloadVerdict(sizing, w);
      const cost = runCost(sizing, w);
      return [
        w.name, w.kind, verdict.headline, w.replicas.peak, w.total.gpus, w.perReplica.gpuModel, w.total.cpuCores, w.total.memoryBytes, w.nodePool,
        cost?.ok ? cost.usd : undefined, [...verdict.reasons, ...(cost && !cost.ok ? [`Cost per run not given: ${cost.why}.`] : [])].join(' '),
      ];
    }),
  };
}

function nodePoolsTable(sizing: Sizing): Table {
  return {
    title: 'Node pools',
    columns: [
      { title: 'Node pool' }, { title: 'Instance type' }, { title: 'Nodes', unit: 'count' }, { title: 'Hours per month', unit: 'h' },
      { title: 'Cost per month', unit: 'USD' }, { title: 'Workloads' }, { title: 'Chosen by Headroom' },
    ],
    rows: [
      ...sizing.cluster.nodePools.map((p): Cell[] => [p.name, p.instanceType, p.nodes, p.hoursPerMonth, p.costPerMonthUsd, p.workloads.join(' '), p.chosenByHeadroom ? 'yes' : 'no']),
      ...sizing.cluster.unplaced.map((u): Cell[] => ['(not placed)', undefined, undefined, undefined, u.estimatedCostPerMonthUsd ?? undefined, u.workload, `no: ${u.reason}`]),
    ],
  };
}

/** The plan-wide choices sizing rests on, and every assumption the plan overrides (the rest keep docs/sizing.md's defaults). */
function assumptionsTable(plan: Plan): Table {
  const { defaults, cluster, assumptions } = plan.spec;
  const rows: Cell[][] = [
    ['provider', cluster.provider, 'plan'],
    ['zones', defaults.zones, 'plan'],
    ['targetUtilization', defaults.targetUtilization, 'plan'],
    ['redundancy', defaults.redundancy, 'plan'],
    ...Object.entries(assumptions ?? {}).map(([name, value]): Cell[] => [name, value as number, 'plan override']),
    ...plan.spec.workloads.flatMap((w) => Object.entries(w.assumptions ?? {}).map(([name, value]): Cell[] => [name, value as number, `override for ${w.name}`])),
    ['other assumptions', 'defaults', 'docs/sizing.md'],
  ];
  return { title: 'Assumptions', columns: [{ title: 'Name' }, { title: 'Value' }, { title: 'Where from' }], rows };
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180): each table is a title line, a header line and its rows; a blank line between tables.

function csvField(cell: Cell): string {
  const text = cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(tables: readonly Table[]): string {
  return tables
    .map((table) => {
      const header = table.columns.map((c) => (c.unit && c.unit !== 'count' ? `${c.title} (${c.unit})` : c.title));
      return [[table.title], header, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n');
    })
    .join('\r\n\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Markdown: a heading and a pipe table per table, numbers in human units.

function markdownCell(cell: Cell, column: Column): string {
  if (cell === undefined) return '';
  const text = typeof cell === 'number' ? formatValue(cell, column.unit ?? '') : cell;
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function toMarkdown(tables: readonly Table[]): string {
  return tables
    .map((table) => {
      const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
      const numeric = table.columns.map((c) => c.unit !== undefined);
      return [
        `## ${table.title}`,
        '',
        line(table.columns.map((c) => c.title)),
        line(numeric.map((n) => (n ? '---:' : '---'))),
        ...table.rows.map((row) => line(table.columns.map((column, i) => markdownCell(row[i], column)))),
      ].join('\n');
    })
    .join('\n\n') + '\n';
}
