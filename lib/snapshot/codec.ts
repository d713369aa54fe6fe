/**
 * A snapshot's text on the wire (issue 12): gzip (`CompressionStream`), base64url, cut into
 * parts that each fit one sync message, plus the SHA-256 and size of the whole. Reassembly
 * either gives back exactly the text that was encoded or says why it cannot: a part missing,
 * or parts that do not decode, decompress or hash to what the record says. Never garbage.
 * Pure (web platform streams and WebCrypto only), so it runs in Node tests as it is.
 */
import { SNAPSHOT_LIMITS } from '../model';
import { fromBase64Url, toBase64Url } from '../protocol/base64';

/** The encoded text: what the snapshot record states about it, and its parts in order. */
export interface EncodedText {
  /** UTF-8 bytes of the text. */
  bytes: number;
  /** gzip bytes, before base64url. */
  compressedBytes: number;
  /** SHA-256 of the UTF-8 text, lowercase hex. */
  sha256: string;
  parts: string[];
}

/** Why a snapshot cannot be shown: a part never arrived, or what arrived is not the text that was sent. */
export type ReassemblyFailure = 'missing-part' | 'corrupt';

export type Reassembly = { ok: true; text: string } | { ok: false; reason: ReassemblyFailure };

const encoder = new TextEncoder();

/** Compresses, hashes and splits `text` (at most SNAPSHOT_LIMITS.text code units) into parts of `partChars` characters. */
export async function encodeText(text: string, partChars: number = SNAPSHOT_LIMITS.partChars): Promise<EncodedText> {
  const utf8 = encoder.encode(text);
  const [compressed, sha256] = await Promise.all([gzip(utf8), sha256Hex(utf8)]);
  const encoded = toBase64Url(compressed);
  const parts: string[] = [];
  for (let start = 0; start < encoded.length; start += partChars) parts.push(encoded.slice(start, start + partChars));
  return { bytes: utf8.length, compressedBytes: compressed.length, sha256, parts };
}

/**
 * The text of `parts` (index n holds part n; a hole is a part that has not arrived), checked
 * against the record's `bytes` and `sha256`. Decompression stops at `bytes`: a part that would
 * inflate beyond it is corrupt, not a reason to fill memory.
 */
export async function decodeText(
  expected: { bytes: number; sha256: string; parts: number },
  parts: readonly (string | undefined)[],
): Promise<Reassembly> {
  const present: string[] = [];
  for (let n = 0; n < expected.parts; n++) {
    const part = parts[n];
    if (part === undefined) return { ok: false, reason: 'missing-part' };
    present.push(part);
  }
  if (parts.length > expected.parts) return { ok: false, reason: 'corrupt' };
  try {
    const utf8 = await gunzip(fromBase64Url(present.join('')), expected.bytes);
    if (utf8 === null || utf8.length !== expected.bytes || (await sha256Hex(utf8)) !== expected.sha256)
      return { ok: false, reason: 'corrupt' };
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(utf8) };
  } catch {
    // Not base64url, not gzip, not UTF-8: whatever the cause, the text is not the one that was sent.
    return { ok: false, reason: 'corrupt' };
  }
}

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The inflated bytes, or null once they pass `maxBytes`. */
async function gunzip(bytes: Uint8Array<ArrayBuffer>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
