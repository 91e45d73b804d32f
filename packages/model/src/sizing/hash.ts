/**
 * A stable, dependency-free fingerprint of a validated plan (FNV-1a and a multiplicative hash, 32
 * bits each). The schema builds its output objects in the order of its own fields, whatever the
 * order of the input's keys, so JSON.stringify of a validated plan is already canonical.
 */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
