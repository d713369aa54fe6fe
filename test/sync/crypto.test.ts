import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../lib/protocol/limits';
import {
  DecryptError,
  decryptMessage,
  encryptMessage,
  fromBase64Url,
  generateWorkspaceKey,
  importWorkspaceKey,
  toBase64Url,
} from '../../lib/sync/crypto';
import { decryptBody, encryptGroup, groupBodyBytes, isFieldName, splitGroup, type SyncGroup } from '../../lib/sync/crypto';

// Golden vector: fixed key and iv pin the wire format (iv ‖ ciphertext ‖ tag, base64url, AAD workspace|hlc|keyId).
const KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
const IV = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);
const PLACE = { workspaceId: 'ws_test', hlc: '2026-11-27T05:00:00.000Z-0000-9f86d081884c7d65', keyId: 'k1' };
const MESSAGE = { entity: 'task' as const, id: 't1', field: 'title', value: 'Gutachten prüfen' };

describe('envelope crypto', () => {
  it('matches the golden vector', async () => {
    const key = await importWorkspaceKey(KEY);
    const body = await encryptMessage(key, PLACE, MESSAGE, IV);
    expect(body).toMatchInlineSnapshot(
      `"oKGio6SlpqeoqaqrnToZQzGidsZAX6WnZgmr_FyOMHSwjWAYrSwKpBnCEG22VH3d20snUTq-KOp_G--MIjl8aiWlbh8iNn87ylD1wncA4wpeh5mnDtUju_EStsKcWk2DUGUE"`,
    );
    expect(await decryptMessage(key, PLACE, body)).toEqual(MESSAGE);
  });

  it('the golden vector decrypts with an independent AES-256-GCM (node:crypto)', async () => {
    const key = await importWorkspaceKey(KEY);
    const bytes = fromBase64Url(await encryptMessage(key, PLACE, MESSAGE, IV));
    expect(bytes.subarray(0, 12)).toEqual(IV);
    const decipher = createDecipheriv('aes-256-gcm', KEY, IV);
    decipher.setAAD(Buffer.from(`${PLACE.workspaceId}|${PLACE.hlc}|${PLACE.keyId}`));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
    expect(JSON.parse(plain)).toEqual(MESSAGE);
  });

  it('uses a fresh iv for every message', async () => {
    const key = await importWorkspaceKey(generateWorkspaceKey());
    const a = await encryptMessage(key, PLACE, MESSAGE);
    const b = await encryptMessage(key, PLACE, MESSAGE);
    expect(a).not.toBe(b);
    expect(fromBase64Url(a).subarray(0, 12)).not.toEqual(fromBase64Url(b).subarray(0, 12));
  });

  it('refuses a body moved to another hlc, workspace or key generation', async () => {
    const key = await importWorkspaceKey(KEY);
    const body = await encryptMessage(key, PLACE, MESSAGE);
    for (const place of [
      { ...PLACE, hlc: '2026-11-27T05:00:00.001Z-0000-9f86d081884c7d65' },
      { ...PLACE, workspaceId: 'ws_other' },
      { ...PLACE, keyId: 'k2' },
    ]) {
      await expect(decryptMessage(key, place, body)).rejects.toMatchObject({ reason: 'undecryptable' });
    }
  });

  it('refuses a flipped bit and a wrong key', async () => {
    const key = await importWorkspaceKey(KEY);
    const bytes = fromBase64Url(await encryptMessage(key, PLACE, MESSAGE));
    bytes[20] ^= 1;
    await expect(decryptMessage(key, PLACE, toBase64Url(bytes))).rejects.toBeInstanceOf(DecryptError);
    const other = await importWorkspaceKey(generateWorkspaceKey());
    await expect(decryptMessage(other, PLACE, await encryptMessage(key, PLACE, MESSAGE))).rejects.toMatchObject({
      reason: 'undecryptable',
    });
  });

  it('refuses garbage and a decryptable body that is not a message', async () => {
    const key = await importWorkspaceKey(KEY);
    await expect(decryptMessage(key, PLACE, '!!')).rejects.toMatchObject({ reason: 'malformed' });
    await expect(decryptMessage(key, PLACE, 'AAAA')).rejects.toMatchObject({ reason: 'malformed' });
    const notMessage = await encryptMessage(key, PLACE, { ...MESSAGE, entity: 'wallet' as never });
    await expect(decryptMessage(key, PLACE, notMessage)).rejects.toMatchObject({ reason: 'malformed' });
  });

  it('round-trips base64url of every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });
});

// Body v2 (docs/protocol.md, "Body v2"): 0x02 ‖ iv ‖ AES-256-GCM, AAD "zuarbeit/2|workspace|hlc|keyId|author".
const IV2 = Uint8Array.from({ length: 12 }, (_, i) => 0xb0 + i);
const PLACE2 = { ...PLACE, authorDeviceId: 'dev_client_0000000000' };
const GROUP: SyncGroup = { entity: 'task', id: 't1', fields: { title: 'Gutachten Müller', status: 'new', kind: 'research' } };
const aadV2 = (place: typeof PLACE2) => Buffer.from(`zuarbeit/2|${place.workspaceId}|${place.hlc}|${place.keyId}|${place.authorDeviceId}`);

/** An independent v2 writer (node:crypto) for plaintexts encryptGroup would refuse to write. */
function sealV2(plaintext: string, place = PLACE2, iv = IV2): string {
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  cipher.setAAD(aadV2(place));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return toBase64Url(Buffer.concat([Buffer.from([0x02]), iv, sealed]));
}

function field(size: number): string {
  return 'x'.repeat(size);
}

describe('body v2', () => {
  it('matches the golden vector', async () => {
    const key = await importWorkspaceKey(KEY);
    const body = await encryptGroup(key, PLACE2, GROUP, IV2);
    expect(body).toMatchInlineSnapshot(
      `"ArCxsrO0tba3uLm6u-J3P8WYpM8mZcK11qwu4-CoHiC2NxStQW_srtM665d6YTgBABj80tHRN8VoBpvFwFkMdK9vXizQAEnQXGj-Ut2eyk3Aa8gTqTvmgDD7ccAdZPug3MxaT_-Hngv1Sits10HdA_vtcZVj-9xPA7iY3pDi8xk"`,
    );
    expect(await decryptBody(key, PLACE2, body)).toEqual({ version: 2, group: GROUP });
    expect(fromBase64Url(body).length).toBe(groupBodyBytes(GROUP));
  });

  it('the golden vector decrypts with an independent AES-256-GCM (node:crypto), and node:crypto bodies decrypt', async () => {
    const key = await importWorkspaceKey(KEY);
    const body = await encryptGroup(key, PLACE2, GROUP, IV2);
    expect(sealV2(JSON.stringify(GROUP))).toBe(body);
    const bytes = fromBase64Url(body);
    expect(bytes[0]).toBe(0x02);
    expect(bytes.subarray(1, 13)).toEqual(IV2);
    const decipher = createDecipheriv('aes-256-gcm', KEY, IV2);
    decipher.setAAD(aadV2(PLACE2));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = Buffer.concat([decipher.update(bytes.subarray(13, bytes.length - 16)), decipher.final()]).toString('utf8');
    expect(plain).toBe(JSON.stringify(GROUP));
    expect(await decryptBody(key, PLACE2, sealV2(JSON.stringify(GROUP)))).toEqual({ version: 2, group: GROUP });
  });

  it('uses a fresh iv for every body', async () => {
    const key = await importWorkspaceKey(KEY);
    const a = fromBase64Url(await encryptGroup(key, PLACE2, GROUP));
    const b = fromBase64Url(await encryptGroup(key, PLACE2, GROUP));
    expect(a.subarray(1, 13)).not.toEqual(b.subarray(1, 13));
  });

  it('refuses a body moved to another hlc, key generation, workspace or author', async () => {
    const key = await importWorkspaceKey(KEY);
    const body = await encryptGroup(key, PLACE2, GROUP);
    for (const place of [
      { ...PLACE2, hlc: '2026-11-27T05:00:00.001Z-0000-9f86d081884c7d65' },
      { ...PLACE2, keyId: 'k2' },
      { ...PLACE2, workspaceId: 'ws_other' },
      { ...PLACE2, authorDeviceId: 'dev_assistant_00000000' },
    ]) {
      await expect(decryptBody(key, place, body)).rejects.toMatchObject({ reason: 'undecryptable' });
    }
    const other = await importWorkspaceKey(generateWorkspaceKey());
    await expect(decryptBody(other, PLACE2, body)).rejects.toMatchObject({ reason: 'undecryptable' });
  });

  it('refuses a flipped version byte, a stripped version byte and a flipped ciphertext bit', async () => {
    const key = await importWorkspaceKey(KEY);
    const bytes = fromBase64Url(await encryptGroup(key, PLACE2, GROUP));
    for (const version of [0x00, 0x01, 0x03, 0x82]) {
      const relabelled = bytes.slice();
      relabelled[0] = version;
      await expect(decryptBody(key, PLACE2, toBase64Url(relabelled))).rejects.toMatchObject({ reason: 'undecryptable' });
    }
    await expect(decryptBody(key, PLACE2, toBase64Url(bytes.subarray(1)))).rejects.toMatchObject({ reason: 'undecryptable' });
    const flipped = bytes.slice();
    flipped[20] ^= 1;
    await expect(decryptBody(key, PLACE2, toBase64Url(flipped))).rejects.toMatchObject({ reason: 'undecryptable' });
  });

  it('reads a v1 body as a group of one field with a null-prototype fields object', async () => {
    const key = await importWorkspaceKey(KEY);
    const { version, group } = await decryptBody(key, PLACE2, await encryptMessage(key, PLACE, MESSAGE, IV));
    expect(version).toBe(1);
    expect(group).toEqual({ entity: 'task', id: 't1', fields: { title: 'Gutachten prüfen' } });
    expect(Object.getPrototypeOf(group.fields)).toBeNull();
    const v2 = await decryptBody(key, PLACE2, await encryptGroup(key, PLACE2, GROUP));
    expect(Object.getPrototypeOf(v2.group.fields)).toBeNull();
  });

  it('a v1 body whose iv starts with 0x02 still decrypts as v1', async () => {
    const key = await importWorkspaceKey(KEY);
    const iv = Uint8Array.from({ length: 12 }, (_, i) => (i === 0 ? 0x02 : 0x40 + i));
    const body = await encryptMessage(key, PLACE, MESSAGE, iv);
    expect(fromBase64Url(body)[0]).toBe(0x02);
    expect(await decryptBody(key, PLACE2, body)).toEqual({
      version: 1,
      group: { entity: 'task', id: 't1', fields: { title: 'Gutachten prüfen' } },
    });
    await expect(decryptBody(key, PLACE2, body, { requireV2: true })).rejects.toMatchObject({ reason: 'legacy-format' });
  });

  it('refuses v1 bodies where v2 is required, and a v1 body re-labelled as v2', async () => {
    const key = await importWorkspaceKey(KEY);
    const v1 = fromBase64Url(await encryptMessage(key, PLACE, MESSAGE, IV));
    await expect(decryptBody(key, PLACE2, toBase64Url(v1), { requireV2: true })).rejects.toMatchObject({ reason: 'legacy-format' });
    const relabelled = toBase64Url(Uint8Array.from([0x02, ...v1]));
    await expect(decryptBody(key, PLACE2, relabelled)).rejects.toMatchObject({ reason: 'undecryptable' });
    expect(await decryptBody(key, PLACE2, await encryptGroup(key, PLACE2, GROUP), { requireV2: true })).toMatchObject({ version: 2 });
  });

  it('refuses malformed groups as a whole', async () => {
    const key = await importWorkspaceKey(KEY);
    const long = `a${'b'.repeat(64)}`;
    const manyFields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));
    const plaintexts = [
      '{"entity":"task","id":"t1","fields":{"__proto__":{"admin":true}}}',
      '{"entity":"task","id":"t1","fields":{"title":"x","__proto__":{"admin":true}}}',
      '{"entity":"task","id":"t1","fields":{"constructor":"x"}}',
      '{"entity":"task","id":"t1","fields":{"prototype":"x"}}',
      '{"entity":"task","id":"t1","fields":{"toString":"x"}}',
      '{"entity":"task","id":"t1","fields":{"":"x"}}',
      '{"entity":"task","id":"t1","fields":{"1title":"x"}}',
      '{"entity":"task","id":"t1","fields":{"ti-tle":"x"}}',
      `{"entity":"task","id":"t1","fields":{"${long}":"x"}}`,
      JSON.stringify({ entity: 'task', id: 't1', fields: {} }),
      JSON.stringify({ entity: 'task', id: 't1', fields: manyFields(65) }),
      JSON.stringify({ entity: 'task', id: 't1', fields: ['x'] }),
      JSON.stringify({ entity: 'task', id: 't1', fields: 'x' }),
      JSON.stringify({ entity: 'wallet', id: 't1', fields: { title: 'x' } }),
      JSON.stringify({ entity: 'task', id: '', fields: { title: 'x' } }),
      JSON.stringify({ entity: 'task', id: 'x'.repeat(65), fields: { title: 'x' } }),
      JSON.stringify({ entity: 'task', id: 7, fields: { title: 'x' } }),
      JSON.stringify({ entity: 'task', id: 't1', fields: { title: 'x' }, extra: 1 }),
      '{"entity":"task","id":"t1","fields":{"title":"x"},"__proto__":{}}',
      JSON.stringify({ entity: 'task', id: 't1', field: 'title', value: 'x' }),
      JSON.stringify([GROUP]),
      'null',
      '{"entity":"task","id":"t1","fields":{"title":"x"}',
      'not json',
      '',
    ];
    for (const plaintext of plaintexts) {
      await expect(decryptBody(key, PLACE2, sealV2(plaintext)), plaintext.slice(0, 80)).rejects.toMatchObject({ reason: 'malformed' });
    }
    expect(
      (await decryptBody(key, PLACE2, sealV2(JSON.stringify({ entity: 'task', id: 't1', fields: manyFields(64) })))).group.fields.f63,
    ).toBe(63);
    expect(
      (await decryptBody(key, PLACE2, sealV2(`{"entity":"task","id":"t1","fields":{"${long.slice(1)}":1}}`))).group.fields[long.slice(1)],
    ).toBe(1);
    expect(Object.prototype).not.toHaveProperty('admin');
  });

  it('refuses a v1 message whose field is not a field name, and bodies that are not base64url or too short', async () => {
    const key = await importWorkspaceKey(KEY);
    await expect(decryptBody(key, PLACE2, await encryptMessage(key, PLACE, { ...MESSAGE, field: '__proto__' }))).rejects.toMatchObject({
      reason: 'malformed',
    });
    await expect(decryptBody(key, PLACE2, await encryptMessage(key, PLACE, { ...MESSAGE, field: 'constructor' }))).rejects.toMatchObject({
      reason: 'malformed',
    });
    await expect(decryptBody(key, PLACE2, '!!')).rejects.toMatchObject({ reason: 'malformed' });
    await expect(decryptBody(key, PLACE2, 'AgAA')).rejects.toMatchObject({ reason: 'malformed' });
  });

  it('refuses to write a group no receiver would accept', async () => {
    const key = await importWorkspaceKey(KEY);
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}`, i]));
    for (const group of [
      { ...GROUP, fields: {} },
      { ...GROUP, fields: many },
      { ...GROUP, fields: JSON.parse('{"__proto__":1}') },
      { ...GROUP, fields: { constructor: 1 } },
      { ...GROUP, fields: { title: undefined } },
      { ...GROUP, entity: 'wallet' as never },
      { ...GROUP, id: '' },
    ]) {
      await expect(encryptGroup(key, PLACE2, group)).rejects.toMatchObject({ reason: 'invalid-group' });
    }
    expect(isFieldName('authorDevice')).toBe(true);
    expect(isFieldName('__proto__')).toBe(false);
  });

  it('writes a body of exactly the limit and refuses one byte more', async () => {
    const key = await importWorkspaceKey(KEY);
    const frame = groupBodyBytes({ ...GROUP, fields: { text: '' } });
    const fits = { ...GROUP, fields: { text: field(MAX_BODY_BYTES - frame) } };
    expect(fromBase64Url(await encryptGroup(key, PLACE2, fits)).length).toBe(MAX_BODY_BYTES);
    const over = { ...GROUP, fields: { text: field(MAX_BODY_BYTES - frame + 1) } };
    await expect(encryptGroup(key, PLACE2, over)).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('splits a group into bodies that fit, each field whole and in order', async () => {
    const fields = { a: field(30_000), b: field(30_000), c: 'ü'.repeat(15_000), d: 1, e: { nested: ['x'] } };
    const groups = splitGroup({ entity: 'task', id: 't1', fields });
    expect(groups.map((g) => Object.keys(g.fields))).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    for (const group of groups) expect(groupBodyBytes(group)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(Object.assign({}, ...groups.map((g) => g.fields))).toEqual(fields);
    // The running size is exact: a limit one byte below a group's size moves its last field on.
    const first = groupBodyBytes(groups[0]);
    expect(splitGroup({ entity: 'task', id: 't1', fields }, first).map((g) => Object.keys(g.fields))[0]).toEqual(['a', 'b']);
    expect(splitGroup({ entity: 'task', id: 't1', fields }, first - 1).map((g) => Object.keys(g.fields))[0]).toEqual(['a']);
    expect(splitGroup(GROUP)).toEqual([GROUP]);
  });

  it('splits by field count, and refuses a field too large for any body', () => {
    const fields = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`f${i}`, i]));
    expect(splitGroup({ entity: 'task', id: 't1', fields }).map((g) => Object.keys(g.fields).length)).toEqual([64, 64, 2]);
    expect(() => splitGroup({ ...GROUP, fields: { title: 'x', text: field(MAX_BODY_BYTES) } })).toThrow(
      expect.objectContaining({ reason: 'too-large' }),
    );
    expect(() => splitGroup({ ...GROUP, fields: { 'bad-name': 1 } })).toThrow(expect.objectContaining({ reason: 'invalid-group' }));
    expect(() => splitGroup({ ...GROUP, fields: {} })).toThrow(expect.objectContaining({ reason: 'invalid-group' }));
  });
});
