/**
 * `spec.kit`: how the generated verification kit fits a team's cluster (runbook links, the plan
 * exporter's image, the labels the Prometheus Operator selects on). Every field is optional; the
 * kit's defaults suit kube-prometheus-stack. `headroom generate` flags override these.
 */
import { z } from 'zod';

/** Label keys and values of objects a team's selectors match: bounded so bad input stays cheap. */
const MAX_LABELS = 32;

// Kubernetes label syntax (kubernetes.io/docs/concepts/overview/working-with-objects/labels):
// an optional DNS-subdomain prefix of at most 253 characters and "/", then a name of at most 63
// characters of alphanumerics, "-", "_" and "." beginning and ending with an alphanumeric.
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// A value is empty or follows the name rule.
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** Why `key` is no Kubernetes label key, or undefined when it is one. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `label key "${key}": the prefix before "/" must be a DNS subdomain (lower-case, at most 253 characters)`;
  if (!LABEL_NAME.test(name)) return `label key "${key}": the name must be 1 to 63 letters, digits, "-", "_" or ".", beginning and ending with a letter or digit`;
  return undefined;
}

/** Why `value` is no Kubernetes label value, or undefined when it is one. */
export function labelValueProblem(value: string): string | undefined {
  return LABEL_VALUE.test(value) ? undefined : `label value "${value}" must be empty or 1 to 63 letters, digits, "-", "_" or ".", beginning and ending with a letter or digit`;
}

/**
 * Labels written as `key=value,key=value` (a flag, a form field) as a map; an empty text is no
 * labels. Keys and values are checked by the schema afterwards.
 */
export function parseLabelList(text: string): { ok: true; labels: Record<string, string> } | { ok: false; message: string } {
  const labels: Record<string, string> = {};
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0) return { ok: false, message: `expected key=value[,key=value…], got "${item}"` };
    const key = item.slice(0, eq).trim();
    if (key in labels) return { ok: false, message: `label "${key}" is given twice` };
    labels[key] = item.slice(eq + 1).trim();
  }
  return { ok: true, labels };
}

const labels = (description: string) =>
  z
    .record(z.string(), z.string({ error: 'label values are strings (quote numbers and booleans: "1", "true")' }))
    .superRefine((map, ctx) => {
      const entries = Object.entries(map);
      if (entries.length > MAX_LABELS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_LABELS} labels (got ${entries.length})` });
      for (const [key, value] of entries.slice(0, MAX_LABELS)) {
        const problem = labelKeyProblem(key) ?? labelValueProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
      }
    })
    .meta({ description });

// An OCI image reference as `docker pull` takes it: [registry[:port]/]path[:tag][@digest]
// (github.com/distribution/reference, reference.go grammar), lower-case path components.
const IMAGE_REFERENCE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$/;

export const kitSettingsSchema = z
  .strictObject({
    runbookBaseUrl: z
      .string()
      .max(2048)
      .superRefine((text, ctx) => {
        let url: URL | undefined;
        try {
          url = new URL(text);
        } catch {
          url = undefined;
        }
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) ctx.addIssue({ code: 'custom', message: `must be an absolute http(s) URL (got "${text}")` });
        else if (url.search || url.hash) ctx.addIssue({ code: 'custom', message: 'must have no query or fragment: each alert appends /<runbook>.md' });
      })
      .transform((text) => text.replace(/\/+$/, ''))
      .meta({ description: 'Base URL of the runbooks; each alert links <runbookBaseUrl>/<runbook>.md. Copy docs/runbooks to your wiki or repository and point here.' })
      .optional(),
    exporterImage: z
      .string()
      .max(512)
      .regex(IMAGE_REFERENCE, { message: 'must be a container image reference such as registry.example.com/team/headroom-exporter:0.1.0' })
      .meta({ description: 'Container image of the plan exporter, built from the kit\'s exporter/ folder and pushed to your registry.' })
      .optional(),
    prometheusRuleLabels: labels('Labels on the PrometheusRule, matched by your Prometheus\'s ruleSelector (kube-prometheus-stack: release=<helm release>). Replaces the default set.').optional(),
    serviceMonitorLabels: labels('Labels on the ServiceMonitors (plan exporter, dcgm-exporter), matched by your Prometheus\'s serviceMonitorSelector. Replaces the default set.').optional(),
  })
  .meta({ description: 'How the generated verification kit fits your cluster: runbook links, the exporter image and the labels your Prometheus Operator selects on. Flags of `headroom generate` override these.' });

export type KitSettings = z.output<typeof kitSettingsSchema>;
