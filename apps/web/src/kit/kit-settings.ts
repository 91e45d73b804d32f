/**
 * The kit settings of the plan (`spec.kit`) as the kit panel edits them: each setting as one line
 * of text, and a line of text back as an edit of the plan text, validated by the plan schema's own
 * `spec.kit` rules before anything is written. An empty line removes the setting (the default again).
 */
import { kitSettingsSchema, parseLabelList, type Plan } from '@headroom/model';
import { defaultKitConfig } from '@headroom/observe';
import { clearField, setField, type FieldPath } from '../form/plan-document.ts';
import type { PlanEdit } from '../form/use-plan-edit.ts';

export const kitSettingNames = ['runbookBaseUrl', 'exporterImage', 'prometheusRuleLabels', 'serviceMonitorLabels'] as const;
export type KitSettingName = (typeof kitSettingNames)[number];

export const kitSettingLabels: Record<KitSettingName, string> = {
  runbookBaseUrl: 'Runbook base URL',
  exporterImage: 'Exporter image',
  prometheusRuleLabels: 'PrometheusRule labels',
  serviceMonitorLabels: 'ServiceMonitor labels',
};

const isLabels = (name: KitSettingName) => name === 'prometheusRuleLabels' || name === 'serviceMonitorLabels';
const labelText = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
const pathOf = (name: KitSettingName): FieldPath => ['spec', 'kit', name];

/** The plan's own value of a setting as one line, or '' when the plan leaves it to the default. */
export function settingText(plan: Plan, name: KitSettingName): string {
  const value = plan.spec.kit?.[name];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : labelText(value);
}

/** The default a setting falls back to, as one line. */
export function defaultSettingText(name: KitSettingName): string {
  const value = defaultKitConfig[name];
  return typeof value === 'string' ? value : labelText(value);
}

export type SettingEdit = { ok: true; edit: PlanEdit } | { ok: false; message: string };

/** The edit that writes `input` as the setting, or why it cannot be written. */
export function settingEdit(name: KitSettingName, input: string): SettingEdit {
  const text = input.trim();
  const path = pathOf(name);
  if (text === '') return { ok: true, edit: (plan) => clearField(plan, path) };
  let value: string | Record<string, string> = text;
  if (isLabels(name)) {
    const parsed = parseLabelList(text);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    value = parsed.labels;
  }
  const checked = kitSettingsSchema.safeParse({ [name]: value });
  if (!checked.success) return { ok: false, message: checked.error.issues[0]!.message };
  const written = checked.data[name]!;
  if (typeof written === 'string') return { ok: true, edit: (plan) => setField(plan, path, written) };
  // A label set replaces the old one: cleared, then each label set in order.
  return { ok: true, edit: (plan) => Object.entries(written).reduce((t, [key, v]) => setField(t, [...path, key], v), clearField(plan, path)) };
}
