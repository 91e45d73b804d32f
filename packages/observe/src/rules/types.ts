/** Prometheus rule file shapes (prometheus.io/docs/prometheus/latest/configuration/recording_rules). */
export interface RecordingRule { record: string; expr: string; labels?: Record<string, string> }
export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string; runbook_url: string };
}
export type Rule = RecordingRule | AlertingRule;
export interface RuleGroup { name: string; interval?: string; rules: Rule[] }
export interface RuleFile { groups: RuleGroup[] }
