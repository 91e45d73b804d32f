/**
 * The growth forecast on the workload dashboards: the request-rate panel draws this month's
 * forecast (the exporter's headroom_plan_forecast_peak_requests_per_second) as an orange dashed
 * line beside the red planned peak, read from the plan series like every planned line.
 */
import { findPlanPreset, parsePlan, sizePlan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { generateKit } from '../index.ts';

describe('forecast line', () => {
  it('puts actual traffic, the planned peak and this month\'s forecast on the request-rate panel', () => {
    const parsed = parsePlan(findPlanPreset('llm-chat')!.yaml);
    if (!parsed.ok) throw parsed.error;
    const files = generateKit(parsed.plan, sizePlan(parsed.plan));
    const dashboard = JSON.parse(files.find((f) => f.path.endsWith('llm-chat-chat-70b.json'))!.contents);
    const panel = dashboard.panels.find((p: { title: string }) => p.title.startsWith('Requests per second'));
    expect(panel.targets.map((t: { legendFormat: string }) => t.legendFormat)).toEqual(['actual', 'planned', 'forecast (this month)']);
    expect(panel.targets[2].expr).toMatch(/^max\(headroom_plan_forecast_peak_requests_per_second\{cluster=~"\$\{cluster\}", plan="llm-chat", workload="\$\{workload\}"\}\)$/);
    const forecastStyle = panel.fieldConfig.overrides.find((o: { matcher: { options: string } }) => o.matcher.options === 'forecast (this month)');
    expect(forecastStyle.properties).toContainEqual({ id: 'color', value: { mode: 'fixed', fixedColor: 'orange' } });
    expect(panel.description).toMatch(/growth forecast for the calendar month/);
  });
});
