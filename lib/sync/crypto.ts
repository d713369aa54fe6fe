/**
 * End-to-end encryption of sync bodies (docs/protocol.md, "Envelope encryption" and "Protocol
 * version 2"): AES-GCM-256 with a fresh 12-byte iv per body and additional data that binds the
 * body to its place, so the server can neither read a body nor move it, re-stamp it or hand it
 * to another author. Writers write v2 (a version byte and a group of fields); v1 bodies (one
 * field, no author in the additional data) stay readable. WebCrypto only: runs in Node 20 and browsers.
 */
import * as z from 'zod/mini';
import { ENTITIES } from '../model';
import {
  assertWritable,
  BODY_OVERHEAD,
  EncryptError,
  isFieldName,
  isGroupEntity,
  isRecordId,
  MAX_GROUP_FIELDS,
  serialise,
  type SyncGroup,
} from '../protocol/group';
import { fromBase64Url, toBase64Url } from '../protocol/base64';
import { MAX_BODY_BYTES } from '../protocol/limits';

export { fromBase64Url, fromBase64UrlExact, toBase64Url } from '../protocol/base64';
// The group format is the protocol's (lib/protocol/group.ts, which the store uses without the
// crypto); re-exported for the callers that know it from here.
export {
  EncryptError,
  FIELD_NAME_PATTERN,
  GROUP_ENTITIES,
  groupBodyBytes,
  isFieldName,
  MAX_GROUP_FIELDS,
  RESERVED_FIELD_NAMES,
  splitGroup,
  type EncryptFailure,
  type GroupEntity,
  type SyncGroup,
} from '../protocol/group';

export const IV_BYTES = 12;
export const KEY_BYTES = 32;
/** AES-GCM tag length; the tag ends every body. */
export const TAG_BYTES = 16;
/** First byte of a v2 body. */
export const BODY_V2 = 0x02;

const GROUP_KEYS = new Set(['entity', 'id', 'fields']);

/** The plaintext inside an envelope. */
export const messageSchema = z.strictObject({
  entity: z.enum(ENTITIES),
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  field: z.string().check(z.minLength(1), z.maxLength(64)),
  value: z.unknown(),
});
export type SyncMessage = z.infer<typeof messageSchema>;

/** Where a body lives: the v2 additional data binds all four (v1 only the first three). */
export interface BodyPlace {
  workspaceId: string;
  hlc: string;
  keyId: string;
  authorDeviceId: string;
}

/** `legacy-format`: a v1 body under a key generation that accepts only v2. */
export type DecryptFailure = 'undecryptable' | 'malformed' | 'legacy-format';

export class DecryptError extends Error {
  constructor(
    readonly reason: DecryptFailure,
    message: string,
  ) {
    super(message);
    this.name = 'DecryptError';
  }
}

// One encoder and decoder for all messages: a first sync decodes 100,000 of them.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A new random workspace key, as raw bytes (never sent to the server). */
export function generateWorkspaceKey(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

/** Imports raw key bytes for AES-GCM (non-extractable). */
export function importWorkspaceKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) throw new Error(`A workspace key has ${KEY_BYTES} bytes`);
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

function additionalDataV1(workspaceId: string, hlc: string, keyId: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${workspaceId}|${hlc}|${keyId}`);
}

/** Encrypts one v1 message for its place (workspace, hlc, key generation); `iv` is for test vectors only. */
export async function encryptMessage(
  key: CryptoKey,
  place: { workspaceId: string; hlc: string; keyId: string },
  message: SyncMessage,
  iv: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(IV_BYTES)),
): Promise<string> {
  const plaintext = encoder.encode(JSON.stringify(message));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: additionalDataV1(place.workspaceId, place.hlc, place.keyId) },
      key,
      plaintext,
    ),
  );
  const body = new Uint8Array(IV_BYTES + sealed.length);
  body.set(iv, 0);
  body.set(sealed, IV_BYTES);
  return toBase64Url(body);
}

/** Decrypts and parses a v1 body; throws DecryptError for a wrong key, a moved or altered body, or bad content. */
export async function decryptMessage(
  key: CryptoKey,
  place: { workspaceId: string; hlc: string; keyId: string },
  body: string,
): Promise<SyncMessage> {
  const bytes = decodeBody(body);
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new DecryptError('malformed', 'Body too short');
  const plaintext = await openV1(key, place, bytes);
  if (!plaintext) throw new DecryptError('undecryptable', 'Body does not decrypt with this key at this place');
  return parseMessage(plaintext);
}

function additionalDataV2(place: BodyPlace): Uint8Array<ArrayBuffer> {
  return encoder.encode(`zuarbeit/2|${place.workspaceId}|${place.hlc}|${place.keyId}|${place.authorDeviceId}`);
}

/** Encrypts one group as a v2 body for its place; `iv` is for test vectors only. Throws EncryptError. */
export async function encryptGroup(
  key: CryptoKey,
  place: BodyPlace,
  group: SyncGroup,
  iv: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(IV_BYTES)),
): Promise<string> {
  // Refused here rather than quarantined by every receiver later.
  assertWritable(group, MAX_GROUP_FIELDS);
  const plaintext = encoder.encode(serialise(group));
  if (BODY_OVERHEAD + plaintext.length > MAX_BODY_BYTES) throw new EncryptError('too-large', 'Group body exceeds the body limit; split it');
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalDataV2(place) }, key, plaintext),
  );
  const body = new Uint8Array(1 + IV_BYTES + sealed.length);
  body[0] = BODY_V2;
  body.set(iv, 1);
  body.set(sealed, 1 + IV_BYTES);
  return toBase64Url(body);
}

/**
 * Decrypts a v2 body, or a v1 body as a group of one field. A body starting with 0x02 that does
 * not open as v2 is tried as v1 (1 in 256 v1 ivs starts with 0x02). With `requireV2` (key
 * generations after k1) an authentic v1 body is refused as `legacy-format`. Throws DecryptError.
 */
export async function decryptBody(
  key: CryptoKey,
  place: BodyPlace,
  body: string,
  options: { requireV2?: boolean } = {},
): Promise<{ version: 1 | 2; group: SyncGroup }> {
  const bytes = decodeBody(body);
  if (bytes[0] === BODY_V2 && bytes.length >= BODY_OVERHEAD) {
    const plaintext = await decrypt(key, bytes.subarray(1, 1 + IV_BYTES), bytes.subarray(1 + IV_BYTES), additionalDataV2(place));
    // The tag verified, so this is a v2 body: bad content is malformed, never a reason to try v1.
    if (plaintext) return { version: 2, group: parseGroup(plaintext) };
  }
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new DecryptError('malformed', 'Body too short');
  const plaintext = await openV1(key, place, bytes);
  if (!plaintext) throw new DecryptError('undecryptable', 'Body does not decrypt with this key at this place');
  if (options.requireV2) throw new DecryptError('legacy-format', 'A v1 body under a key generation that accepts only v2');
  const message = parseMessage(plaintext);
  if (!isFieldName(message.field)) throw new DecryptError('malformed', 'Decrypted message names an invalid field');
  const fields: Record<string, unknown> = Object.create(null);
  fields[message.field] = message.value;
  return { version: 1, group: { entity: message.entity, id: message.id, fields } };
}

function decodeBody(body: string): Uint8Array<ArrayBuffer> {
  try {
    return fromBase64Url(body);
  } catch {
    throw new DecryptError('malformed', 'Body is not base64url');
  }
}

async function decrypt(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  sealed: Uint8Array<ArrayBuffer>,
  additionalData: Uint8Array<ArrayBuffer>,
): Promise<ArrayBuffer | null> {
  try {
    return await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, sealed);
  } catch {
    return null;
  }
}

function openV1(
  key: CryptoKey,
  place: { workspaceId: string; hlc: string; keyId: string },
  bytes: Uint8Array<ArrayBuffer>,
): Promise<ArrayBuffer | null> {
  return decrypt(key, bytes.subarray(0, IV_BYTES), bytes.subarray(IV_BYTES), additionalDataV1(place.workspaceId, place.hlc, place.keyId));
}

function parseJson(plaintext: ArrayBuffer): unknown {
  try {
    return JSON.parse(decoder.decode(plaintext));
  } catch {
    throw new DecryptError('malformed', 'Decrypted body is not JSON');
  }
}

function parseMessage(plaintext: ArrayBuffer): SyncMessage {
  const parsed = messageSchema.safeParse(parseJson(plaintext));
  if (!parsed.success) throw new DecryptError('malformed', 'Decrypted body is not a message');
  return parsed.data;
}

function parseGroup(plaintext: ArrayBuffer): SyncGroup {
  const group = readGroup(parseJson(plaintext));
  if (!group) throw new DecryptError('malformed', 'Decrypted body is not a group');
  return group;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The group in `value` with `fields` copied into a null-prototype object, or null. Hand-written
 * rather than zod: JSON.parse makes `"__proto__"` an own property, and every name is checked
 * with isFieldName before any value is read or assigned.
 */
function readGroup(value: unknown): SyncGroup | null {
  if (!isPlainRecord(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== GROUP_KEYS.size || !keys.every((k) => GROUP_KEYS.has(k))) return null;
  const { entity, id, fields: input } = value;
  if (!isGroupEntity(entity) || !isRecordId(id) || !isPlainRecord(input)) return null;
  const names = Object.keys(input);
  if (names.length < 1 || names.length > MAX_GROUP_FIELDS || !names.every(isFieldName)) return null;
  const fields: Record<string, unknown> = Object.create(null);
  for (const name of names) fields[name] = input[name];
  return { entity, id, fields };
}
