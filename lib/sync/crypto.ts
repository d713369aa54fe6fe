/**
 * End-to-end encryption of sync messages (DESIGN.md, "Envelope"): AES-GCM-256 with a fresh
 * 12-byte iv per message and additional data `workspaceId|hlc|keyId`, so the server can
 * neither read a body nor move it to another place. WebCrypto only: runs in Node 20 and browsers.
 */
import * as z from 'zod/mini';
import { ENTITIES } from '../model';

export const IV_BYTES = 12;
export const KEY_BYTES = 32;

/** The plaintext inside an envelope. */
export const messageSchema = z.strictObject({
  entity: z.enum(ENTITIES),
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  field: z.string().check(z.minLength(1), z.maxLength(64)),
  value: z.unknown(),
});
export type SyncMessage = z.infer<typeof messageSchema>;

export type DecryptFailure = 'undecryptable' | 'malformed';

export class DecryptError extends Error {
  constructor(readonly reason: DecryptFailure, message: string) {
    super(message);
    this.name = 'DecryptError';
  }
}

// One encoder and decoder for all messages: a first sync decodes 100,000 of them.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The native base64 codec of newer engines (Chromium 140+, Firefox 133+), where present. */
interface NativeBase64 {
  fromBase64?: (text: string, options: { alphabet: 'base64url' }) => Uint8Array<ArrayBuffer>;
}
const nativeFromBase64 = (Uint8Array as unknown as NativeBase64).fromBase64;

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (padding optional); throws on other characters. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('Not base64url');
  if (nativeFromBase64) return nativeFromBase64(text, { alphabet: 'base64url' });
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A new random workspace key, as raw bytes (never sent to the server). */
export function generateWorkspaceKey(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

/** Imports raw key bytes for AES-GCM (non-extractable). */
export function importWorkspaceKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) throw new Error(`A workspace key has ${KEY_BYTES} bytes`);
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

function additionalData(workspaceId: string, hlc: string, keyId: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${workspaceId}|${hlc}|${keyId}`);
}

/** Encrypts one message for its place (workspace, hlc, key generation); `iv` is for test vectors only. */
export async function encryptMessage(
  key: CryptoKey,
  place: { workspaceId: string; hlc: string; keyId: string },
  message: SyncMessage,
  iv: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(IV_BYTES)),
): Promise<string> {
  const plaintext = encoder.encode(JSON.stringify(message));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(place.workspaceId, place.hlc, place.keyId) }, key, plaintext),
  );
  const body = new Uint8Array(IV_BYTES + sealed.length);
  body.set(iv, 0);
  body.set(sealed, IV_BYTES);
  return toBase64Url(body);
}

/** Decrypts and parses a body; throws DecryptError for a wrong key, a moved or altered body, or bad content. */
export async function decryptMessage(key: CryptoKey, place: { workspaceId: string; hlc: string; keyId: string }, body: string): Promise<SyncMessage> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64Url(body);
  } catch {
    throw new DecryptError('malformed', 'Body is not base64url');
  }
  if (bytes.length < IV_BYTES + 16) throw new DecryptError('malformed', 'Body too short');
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: additionalData(place.workspaceId, place.hlc, place.keyId) },
      key,
      bytes.subarray(IV_BYTES),
    );
  } catch {
    throw new DecryptError('undecryptable', 'Body does not decrypt with this key at this place');
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(plaintext));
  } catch {
    throw new DecryptError('malformed', 'Decrypted body is not JSON');
  }
  const parsed = messageSchema.safeParse(json);
  if (!parsed.success) throw new DecryptError('malformed', 'Decrypted body is not a message');
  return parsed.data;
}
