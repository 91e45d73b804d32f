/**
 * Escaping for values that end up in PromQL: label values in double-quoted strings follow Go's
 * string literal rules (backslash and double quote are escaped; PromQL reads \n etc. too).
 */
export function promqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A label matcher, e.g. pod=~"chat-(a|b)\\d-.*". */
export function matcher(label: string, op: '=' | '!=' | '=~' | '!~', value: string): string {
  return `${label}${op}${promqlString(value)}`;
}

/** Escapes a literal for use inside a regex matcher (RE2 metacharacters). */
export function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
