/**
 * End-to-end encryption of sync bodies (docs/protocol.md, "Envelope encryption" and "Protocol
 * version 2"): AES-GCM-256 with a fresh 12-byte iv per body and additional data that binds the
 * body to its place, so the server can neither read a body nor move it, re-stamp it or hand it
 * to another author. Writers write v2 (a version byte and a group of fields); v1 bodies (one
 * field, no author in the additional data) stay readable. WebCrypto only: runs in Node 20 and browsers.
 */
import * as z from 'zod/mini';
import { ENTITIES } from '../model';
import { MAX_BODY_BYTES } from '../protocol/limits';

export const IV_BYTES = 12;
export const KEY_BYTES = 32;
/** AES-GCM tag length; the tag ends every body. */
export const TAG_BYTES = 16;
/** First byte of a v2 body. */
export const BODY_V2 = 0x02;
/** Most fields one group may carry. */
export const MAX_GROUP_FIELDS = 64;
/** What a field name looks like (letter first, so never `__proto__`); see also RESERVED_FIELD_NAMES. */
export const FIELD_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/**
 * Names the pattern lets through that are Object.prototype members (or `prototype`): refused too,
 * so no field can shadow them in a receiver's record. A fixed list, not `name in Object.prototype`,
 * so the wire rule does not change with the engine.
 */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
  'constructor', 'prototype', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
]);

/** Whether `name` may name a field of a group (v1 messages read as groups obey it too). */
export function isFieldName(name: string): boolean {
  return FIELD_NAME_PATTERN.test(name) && !RESERVED_FIELD_NAMES.has(name);
}

/** The record kinds a group may name: the model's entities and the keyring of key rotations. */
export const GROUP_ENTITIES = [...ENTITIES, 'keyring'] as const;
export type GroupEntity = (typeof GROUP_ENTITIES)[number];

// Version byte, iv and tag around the plaintext of a v2 body.
const BODY_OVERHEAD = 1 + IV_BYTES + TAG_BYTES;
const GROUP_KEYS = new Set(['entity', 'id', 'fields']);

/** The plaintext inside an envelope. */
export const messageSchema = z.strictObject({
  entity: z.enum(ENTITIES),
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  field: z.string().check(z.minLength(1), z.maxLength(64)),
  value: z.unknown(),
});
export type SyncMessage = z.infer<typeof messageSchema>;

/**
 * The plaintext of a v2 body: fields of one record written under one hlc. A decrypted group's
 * `fields` is a null-prototype object holding only own, validated names; read it with
 * `Object.entries`/`Object.keys`, never through inherited lookups.
 */
export interface SyncGroup {
  entity: GroupEntity;
  id: string;
  fields: Readonly<Record<string, unknown>>;
}

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
  constructor(readonly reason: DecryptFailure, message: string) {
    super(message);
    this.name = 'DecryptError';
  }
}

/** `invalid-group`: not a group a receiver would accept; `too-large`: its body would exceed the limit. */
export type EncryptFailure = 'invalid-group' | 'too-large';

export class EncryptError extends Error {
  constructor(readonly reason: EncryptFailure, message: string) {
    super(message);
    this.name = 'EncryptError';
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

/**
 * The bytes of canonical unpadded base64url text of exactly `length` bytes, or null. Canonical
 * (no stray bits in the last character), so one value has one text: proofs sign the text.
 */
export function fromBase64UrlExact(text: string, length: number): Uint8Array<ArrayBuffer> | null {
  if (text.length !== Math.ceil((length * 4) / 3)) return null;
  try {
    const bytes = fromBase64Url(text);
    return bytes.length === length && toBase64Url(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
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
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalDataV1(place.workspaceId, place.hlc, place.keyId) }, key, plaintext),
  );
  const body = new Uint8Array(IV_BYTES + sealed.length);
  body.set(iv, 0);
  body.set(sealed, IV_BYTES);
  return toBase64Url(body);
}

/** Decrypts and parses a v1 body; throws DecryptError for a wrong key, a moved or altered body, or bad content. */
export async function decryptMessage(key: CryptoKey, place: { workspaceId: string; hlc: string; keyId: string }, body: string): Promise<SyncMessage> {
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
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalDataV2(place) }, key, plaintext));
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

/** Decoded size of the v2 body `group` would become (version byte, iv, ciphertext, tag). */
export function groupBodyBytes(group: SyncGroup): number {
  return BODY_OVERHEAD + utf8Length(serialise(group));
}

/**
 * Splits a record's changed fields into groups whose v2 bodies fit `maxBodyBytes` and that carry
 * at most 64 fields each, keeping every field whole and in order; each group then gets its own
 * hlc. Throws EncryptError: `too-large` when one field alone does not fit, `invalid-group` for a
 * bad field name, entity or id.
 */
export function splitGroup(group: SyncGroup, maxBodyBytes: number = MAX_BODY_BYTES): SyncGroup[] {
  const names = assertWritable(group, Infinity);
  // JSON.stringify of a group is `{"entity":…,"id":…,"fields":{` + entries joined by "," + `}}`
  // (field names never look like array indices, so insertion order holds): sizes add up per field
  // without stringifying the growing group again for every field.
  const frame = BODY_OVERHEAD + utf8Length(JSON.stringify({ entity: group.entity, id: group.id, fields: {} }));
  const groups: SyncGroup[] = [];
  let fields: Record<string, unknown> = Object.create(null);
  let count = 0;
  let size = frame;
  for (const name of names) {
    const entry = utf8Length(JSON.stringify(name)) + 1 + utf8Length(JSON.stringify(group.fields[name]));
    if (frame + entry > maxBodyBytes) throw new EncryptError('too-large', `Field ${name} alone exceeds the body limit`);
    const next = size + (count > 0 ? 1 : 0) + entry;
    if (count > 0 && (next > maxBodyBytes || count === MAX_GROUP_FIELDS)) {
      groups.push({ entity: group.entity, id: group.id, fields });
      fields = Object.create(null);
      count = 0;
      size = frame + entry;
    } else {
      size = next;
    }
    fields[name] = group.fields[name];
    count++;
  }
  groups.push({ entity: group.entity, id: group.id, fields });
  return groups;
}

/** The group as JSON, without whatever else the caller's object carries. */
function serialise(group: SyncGroup): string {
  return JSON.stringify({ entity: group.entity, id: group.id, fields: group.fields });
}

/** The field names of a group receivers would accept (entity, id, names, JSON-able values); throws EncryptError. */
function assertWritable(group: SyncGroup, maxFields: number): string[] {
  const names = Object.keys(group.fields);
  if (!isGroupEntity(group.entity) || !isRecordId(group.id) || names.length < 1 || names.length > maxFields) {
    throw new EncryptError('invalid-group', 'Not a valid group');
  }
  for (const name of names) {
    if (!isFieldName(name)) throw new EncryptError('invalid-group', `Not a field name: ${name.slice(0, 80)}`);
    // JSON would drop the field, and the receiver would see a different group.
    if (group.fields[name] === undefined) throw new EncryptError('invalid-group', `Field ${name} is undefined`);
  }
  return names;
}

function isGroupEntity(value: unknown): value is GroupEntity {
  return (GROUP_ENTITIES as readonly unknown[]).includes(value);
}

function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 64;
}

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

function decodeBody(body: string): Uint8Array<ArrayBuffer> {
  try {
    return fromBase64Url(body);
  } catch {
    throw new DecryptError('malformed', 'Body is not base64url');
  }
}

async function decrypt(key: CryptoKey, iv: Uint8Array<ArrayBuffer>, sealed: Uint8Array<ArrayBuffer>, additionalData: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer | null> {
  try {
    return await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, sealed);
  } catch {
    return null;
  }
}

function openV1(key: CryptoKey, place: { workspaceId: string; hlc: string; keyId: string }, bytes: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer | null> {
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
