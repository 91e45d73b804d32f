import { describe, expect, it } from 'vitest';
import { formatBytes, formatUsd } from '../format.ts';
import { clusterNodeCount } from '../state/sizing-views.ts';
import { workloadVerdict } from './verdicts.ts';
import { resultTables, toCsv, toMarkdown } from './results-export.ts';
import { parseCsvSections, parseMarkdownTables } from './table-parsers.ts';
import { presetYaml, sized } from './test-plans.ts';

// An infeasible ITL SLO: its reason has the commas CSV must quote.
const awkward = presetYaml('chat-assistant').replace('interTokenLatency: 50 ms', 'interTokenLatency: 0.5 ms');

describe('results export', () => {
  const { plan, sizing } = sized(awkward);
  const tables = resultTables(plan, sizing);

  it('CSV parses back to the sizing\'s exact numbers, one section per table', () => {
    const sections = parseCsvSections(toCsv(tables));
    expect(sections.map((s) => s.title)).toEqual(['Totals for chat-assistant', 'Workloads', 'Node pools', 'Assumptions']);
    const [totals, workloads, pools, assumptions] = sections;
    expect(totals!.header).toEqual(['GPUs', 'Nodes', 'CPU cores', 'Memory (bytes)', 'Storage (bytes)', 'Cost per month (USD)', 'Cost is a lower bound', 'Complete']);
    const [row] = totals!.rows;
    expect(Number(row![0])).toBe(sizing.cluster.totals.gpus);
    expect(Number(row![1])).toBe(clusterNodeCount(sizing));
    expect(Number(row![3])).toBe(sizing.cluster.totals.memoryBytes);
    expect(Number(row![5])).toBe(sizing.cluster.costPerMonthUsd);
    expect(row![6]).toBe('no');

    expect(workloads!.rows.map((r) => r[0])).toEqual(sizing.workloads.map((w) => w.name));
    const llm = workloads!.rows.find((r) => r[0] === 'chat-llm')!;
    expect(llm[2]).toBe('infeasible');
    // The reason holds commas and quotes; it must come back whole.
    const llmSizing = sizing.workloads.find((w) => w.name === 'chat-llm')!;
    expect(llm[10]).toBe(workloadVerdict(sizing, llmSizing).reasons.join(' '));
    expect(llm[10]).toMatch(/,/);
    const finetune = workloads!.rows.find((r) => r[0] === 'finetune')!;
    expect(Number(finetune[9])).toBeGreaterThan(0);

    expect(pools!.rows.map((r) => r[0])).toEqual(sizing.cluster.nodePools.map((p) => p.name));
    expect(pools!.rows.reduce((sum, r) => sum + Number(r[4]), 0)).toBeCloseTo(sizing.cluster.costPerMonthUsd, 6);
    expect(assumptions!.rows).toContainEqual(['provider', 'eks', 'plan']);
    expect(assumptions!.rows).toContainEqual(['redundancy', 'n+1', 'plan']);
  });

  it('Markdown parses back to the same tables in human units', () => {
    const parsed = parseMarkdownTables(toMarkdown(tables));
    expect(parsed.map((t) => t.title)).toEqual(['Totals for chat-assistant', 'Workloads', 'Node pools', 'Assumptions']);
    const [totals, workloads] = parsed;
    expect(totals!.header).toEqual(['GPUs', 'Nodes', 'CPU cores', 'Memory', 'Storage', 'Cost per month', 'Cost is a lower bound', 'Complete']);
    expect(totals!.rows[0]![3]).toBe(formatBytes(sizing.cluster.totals.memoryBytes));
    expect(totals!.rows[0]![5]).toBe(formatUsd(sizing.cluster.costPerMonthUsd));
    expect(workloads!.rows).toHaveLength(sizing.workloads.length);
    expect(workloads!.rows.every((r) => r.length === workloads!.header.length)).toBe(true);
  });

  it('escapes pipes in Markdown and quotes in CSV', () => {
    const table = { title: 'T', columns: [{ title: 'a' }, { title: 'b' }], rows: [['x | y', 'say "hi", then\nleave']] };
    expect(parseMarkdownTables(toMarkdown([table]))[0]!.rows).toEqual([['x | y', 'say "hi", then leave']]);
    expect(parseCsvSections(toCsv([table]))[0]!.rows).toEqual([['x | y', 'say "hi", then\nleave']]);
  });
});
