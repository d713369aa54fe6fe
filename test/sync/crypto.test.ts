import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptError, decryptMessage, encryptMessage, fromBase64Url, generateWorkspaceKey, importWorkspaceKey, toBase64Url } from '../../lib/sync/crypto';

// Golden vector: fixed key and iv pin the wire format (iv ‖ ciphertext ‖ tag, base64url, AAD workspace|hlc|keyId).
const KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
const IV = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);
const PLACE = { workspaceId: 'ws_test', hlc: '2026-11-27T05:00:00.000Z-0000-9f86d081884c7d65', keyId: 'k1' };
const MESSAGE = { entity: 'task' as const, id: 't1', field: 'title', value: 'Gutachten prüfen' };

describe('envelope crypto', () => {
  it('matches the golden vector', async () => {
    const key = await importWorkspaceKey(KEY);
    const body = await encryptMessage(key, PLACE, MESSAGE, IV);
    expect(body).toMatchInlineSnapshot(`"oKGio6SlpqeoqaqrnToZQzGidsZAX6WnZgmr_FyOMHSwjWAYrSwKpBnCEG22VH3d20snUTq-KOp_G--MIjl8aiWlbh8iNn87ylD1wncA4wpeh5mnDtUju_EStsKcWk2DUGUE"`);
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
    await expect(decryptMessage(other, PLACE, await encryptMessage(key, PLACE, MESSAGE))).rejects.toMatchObject({ reason: 'undecryptable' });
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
