/**
 * Kubernetes object names. Most names must be DNS-1123 labels (lower-case alphanumerics and "-",
 * at most 63 characters); ConfigMaps and Services are held to that too so every generated name
 * works everywhere. A name that would be longer is cut and given a short hash of the full name,
 * so two long names stay distinct and the same input always gives the same name.
 */
import { fingerprint } from '@headroom/model';

export const MAX_NAME_LENGTH = 63;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDnsLabel(name: string, max = MAX_NAME_LENGTH): boolean {
  return name.length <= max && DNS_LABEL.test(name);
}

/** Lower-cases text and turns every run of characters a DNS label may not hold into one "-". */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Joins parts with "-" into a DNS-1123 label of at most `max` characters. */
export function dnsName(parts: readonly string[], max = MAX_NAME_LENGTH): string {
  const full = slug(parts.map(slug).filter(Boolean).join('-')) || 'headroom';
  if (full.length <= max) return full;
  const hash = fingerprint(full).slice(0, 8);
  const head = full.slice(0, max - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}
