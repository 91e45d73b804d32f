/**
 * What the CLI prints passes through here: credentials inside URLs are redacted, and control
 * characters that a server (a Prometheus error, a Grafana answer) or a file put into a message are
 * shown as escapes rather than reaching the terminal, where ESC and CSI sequences could move the
 * cursor, rewrite earlier lines or set the window title. Line feeds and tabs stay.
 */

/** `scheme://user:password@` → `scheme://user:***@` (and a lone `scheme://token@` → `scheme://***@`). */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]*)(:[^\s/@]*)?@/gi,
    (_match, scheme: string, user: string, password: string | undefined) => `${scheme}${password !== undefined && user ? `${user}:***` : '***'}@`);
}

/** C0 controls but line feed and tab, DEL and C1 controls (0x9b is CSI on some terminals). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Control characters as JSON-style escapes (`\u001b`), so JSON output stays valid JSON. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function safeForTerminal(text: string): string {
  return escapeControlCharacters(redactUrlCredentials(text));
}
