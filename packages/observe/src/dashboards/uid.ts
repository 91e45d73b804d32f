/**
 * Dashboard uids: stable, readable, at most 40 characters of [A-Za-z0-9_-] (Grafana's limit). Made
 * from the plan and dashboard names joined by "_", which DNS-label names never contain, so plan
 * "a-b" with workload "c" and plan "a" with workload "b-c" differ. A uid too long is cut and given
 * a hash of the names, so two long names that share a prefix still differ.
 */
import { fingerprint } from '@headroom/model';

export const MAX_UID_LENGTH = 40;
const HASH_LENGTH = 8;

export function dashboardUid(...parts: readonly string[]): string {
  const whole = parts.map((part) => part.replace(/[^A-Za-z0-9-]/g, '-')).join('_');
  if (whole.length > 0 && whole.length <= MAX_UID_LENGTH) return whole;
  const hash = fingerprint(parts).slice(0, HASH_LENGTH);
  return `${whole.slice(0, MAX_UID_LENGTH - HASH_LENGTH - 1).replace(/[-_]+$/, '')}-${hash}`;
}
