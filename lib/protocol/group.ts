/**
 * The plaintext format of a v2 body (docs/protocol.md, "Grouped messages"): the fields of one
 * record written under one hlc. Pure and crypto-free, so the store can split and check groups
 * (and the popup load them) without the encryption code.
 */
import { ENTITIES } from '../model';
import { MAX_BODY_BYTES } from './limits';

/** Version byte, iv (12) and tag (16) around the plaintext of a v2 body. */
export const BODY_OVERHEAD = 1 + 12 + 16;
const encoder = new TextEncoder();

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
  'constructor',
  'prototype',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

/** Whether `name` may name a field of a group (v1 messages read as groups obey it too). */
export function isFieldName(name: string): boolean {
  return FIELD_NAME_PATTERN.test(name) && !RESERVED_FIELD_NAMES.has(name);
}

/** The record kinds a group may name: the model's entities and the keyring of key rotations. */
export const GROUP_ENTITIES = [...ENTITIES, 'keyring'] as const;
export type GroupEntity = (typeof GROUP_ENTITIES)[number];

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

/** `invalid-group`: not a group a receiver would accept; `too-large`: its body would exceed the limit. */
export type EncryptFailure = 'invalid-group' | 'too-large';

export class EncryptError extends Error {
  constructor(
    readonly reason: EncryptFailure,
    message: string,
  ) {
    super(message);
    this.name = 'EncryptError';
  }
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
export function serialise(group: SyncGroup): string {
  return JSON.stringify({ entity: group.entity, id: group.id, fields: group.fields });
}

/** The field names of a group receivers would accept (entity, id, names, JSON-able values); throws EncryptError. */
export function assertWritable(group: SyncGroup, maxFields: number): string[] {
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

export function isGroupEntity(value: unknown): value is GroupEntity {
  return (GROUP_ENTITIES as readonly unknown[]).includes(value);
}

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 64;
}

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
