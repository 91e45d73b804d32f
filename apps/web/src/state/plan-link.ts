/**
 * The plan in the URL hash, so a link reproduces the view: `#plan=` + base64url(deflate-raw(UTF-8)).
 * CompressionStream is built into every current browser and Node 18+, so this needs no library;
 * deflate-raw omits the zlib header and checksum, which a URL does not need.
 *
 * A link is something a stranger sends: its payload is inflated only up to the plan size limit
 * (a few hundred bytes of deflate can inflate to gigabytes), and a link that cannot be read says
 * why instead of throwing.
 */
import { defaultPlanLimits } from '@headroom/model';

export const HASH_KEY = 'plan';

/** What a hash carries: no plan, a plan's text, or the reason it cannot be read. */
export type LinkedPlan = { ok: true; text: string } | { ok: false; message: string } | undefined;

class InflatedTooFar extends Error {}

export async function encodePlanText(text: string): Promise<string> {
  const compressed = await pipeBytes(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return toBase64Url(compressed);
}

/** The text of an encoded plan; throws when it is damaged or inflates past `maxBytes`. */
export async function decodePlanText(encoded: string, maxBytes: number = defaultPlanLimits.planBytes): Promise<string> {
  const decompressed = await inflateBounded(fromBase64Url(encoded), maxBytes);
  return new TextDecoder('utf-8', { fatal: true }).decode(decompressed);
}

/** The hash (`#plan=…`) for a plan text. */
export async function planHash(text: string): Promise<string> {
  return `#${HASH_KEY}=${await encodePlanText(text)}`;
}

/** The plan a hash carries, with the reason when it cannot be read. Never throws. */
export async function planFromHash(hash: string, maxBytes: number = defaultPlanLimits.planBytes): Promise<LinkedPlan> {
  let encoded: string | null;
  try {
    encoded = new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY);
  } catch {
    encoded = null;
  }
  if (!encoded) return undefined;
  try {
    return { ok: true, text: await decodePlanText(encoded, maxBytes) };
  } catch (error) {
    return {
      ok: false,
      message: error instanceof InflatedTooFar
        ? `The plan in this link is too large: it inflates to more than ${maxBytes} bytes (limit planBytes). The calculator kept the plan it had.`
        : 'The plan in this link cannot be read (the link is damaged or incomplete). The calculator kept the plan it had.',
    };
  }
}

/** The plan text a hash carries, or undefined when it carries none or cannot be read. */
export async function planTextFromHash(hash: string): Promise<string | undefined> {
  const linked = await planFromHash(hash);
  return linked?.ok ? linked.text : undefined;
}

/** Inflates deflate-raw bytes, stopping (and cancelling the stream) once past `maxBytes`. */
async function inflateBounded(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new InflatedTooFar();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) { out.set(chunk, offset); offset += chunk.byteLength; }
  return out;
}

async function pipeBytes(bytes: Uint8Array, transform: CompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
