/**
 * The plan in the URL hash, so a link reproduces the view: `#plan=` + base64url(deflate-raw(UTF-8)).
 * CompressionStream is built into every current browser and Node 18+, so this needs no library;
 * deflate-raw omits the zlib header and checksum, which a URL does not need.
 */

export const HASH_KEY = 'plan';

export async function encodePlanText(text: string): Promise<string> {
  const compressed = await pipeBytes(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return toBase64Url(compressed);
}

export async function decodePlanText(encoded: string): Promise<string> {
  const decompressed = await pipeBytes(fromBase64Url(encoded), new DecompressionStream('deflate-raw'));
  return new TextDecoder('utf-8', { fatal: true }).decode(decompressed);
}

/** The hash (`#plan=…`) for a plan text. */
export async function planHash(text: string): Promise<string> {
  return `#${HASH_KEY}=${await encodePlanText(text)}`;
}

/** The plan text a hash carries, or undefined when it carries none or cannot be read. */
export async function planTextFromHash(hash: string): Promise<string | undefined> {
  const encoded = new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY);
  if (!encoded) return undefined;
  try {
    return await decodePlanText(encoded);
  } catch {
    return undefined;
  }
}

async function pipeBytes(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
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
