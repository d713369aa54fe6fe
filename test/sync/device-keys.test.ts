import { createCipheriv, createECDH, createHash, createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../lib/sync/crypto';
import {
  compareKeyIds,
  fingerprint,
  generateDeviceKeyPair,
  generateInviteSecret,
  importPublicKey,
  inviterKeyHash,
  joinProof,
  nextKeyId,
  parseKeyGeneration,
  unwrapKey,
  verifyJoinProof,
  wrapKey,
  type UnwrapInput,
} from '../../lib/sync/device-keys';

// Fixed P-256 key pairs (made once with node:crypto) pin the wrap, fingerprint and proof vectors.
const CLIENT_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'l7E9nLtMMJwmUlvZ-LnGEHcPzujpcHNOWhfdPwwT1oI',
  y: 'LvvOOOtHtL6cwcMSMyGZA44RITkYzL9SA64otuK6I5o',
  d: 'xSeS7dvM_tv167PCB8nXd9zR-pvI4OnSs1dJrVuEVQA',
};
const ASSISTANT_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'eIegkWhDgRu3gA9pgxwn552rm7UQh1sHQOZYWbaaclE',
  y: '49F1bsp0UpWe_VOV8L5ygLY4gfVE2Ykq3IX29y27H8M',
  d: 'nAutanqVBt_rY8oRd9tHJBGnSVKWFq9fVBVyNjyA-zA',
};
const MALLORY_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'gZtaYGOrmmE9g--yzdG_kH8nai5604AflKjtG2VluPI',
  y: 'c1RftADp7TIgaXPujyun3SXC6xqiNQ3wPgPm6QpLchA',
  d: 'hvsf1Ls0yVPZngrgKtH5OCtsInVeJiAQGfSztFIU4c0',
};

const WORKSPACE = 'ws_test_00000000000000';
const CLIENT_ID = 'dev_client_00000000000';
const ASSISTANT_ID = 'dev_assistant_00000000';
const MALLORY_ID = 'dev_mallory_0000000000';
const RAW_KEY = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);
const WRAP_IV = Uint8Array.from({ length: 12 }, (_, i) => 0xc0 + i);
const INVITE_SECRET = toBase64Url(Uint8Array.from({ length: 16 }, (_, i) => 0x10 + i));

function publicKeyOf(jwk: typeof CLIENT_JWK): string {
  return toBase64Url(Uint8Array.from([0x04, ...fromBase64Url(jwk.x), ...fromBase64Url(jwk.y)]));
}

function privateKeyOf(jwk: typeof CLIENT_JWK): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
}

const CLIENT_PUBLIC = publicKeyOf(CLIENT_JWK);
const ASSISTANT_PUBLIC = publicKeyOf(ASSISTANT_JWK);
const MALLORY_PUBLIC = publicKeyOf(MALLORY_JWK);

async function clientWrapForAssistant(iv = WRAP_IV): Promise<string> {
  return wrapKey(
    {
      senderPrivateKey: await privateKeyOf(CLIENT_JWK),
      senderDeviceId: CLIENT_ID,
      recipientPublicKey: ASSISTANT_PUBLIC,
      recipientDeviceId: ASSISTANT_ID,
      workspaceId: WORKSPACE,
      keyId: 'k2',
      rawKey: RAW_KEY,
    },
    iv,
  );
}

async function assistantUnwraps(wrapped: string, change: Partial<UnwrapInput> = {}): Promise<Uint8Array> {
  return unwrapKey({
    recipientPrivateKey: await privateKeyOf(ASSISTANT_JWK),
    recipientDeviceId: ASSISTANT_ID,
    senderPublicKey: CLIENT_PUBLIC,
    senderDeviceId: CLIENT_ID,
    workspaceId: WORKSPACE,
    keyId: 'k2',
    wrapped,
    ...change,
  });
}

describe('device key pairs and public keys', () => {
  it('makes a P-256 pair with a non-extractable private key and an 87-character public key', async () => {
    const pair = await generateDeviceKeyPair();
    expect(pair.privateKey.extractable).toBe(false);
    expect(pair.privateKey.algorithm).toMatchObject({ name: 'ECDH', namedCurve: 'P-256' });
    expect(pair.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(fromBase64Url(pair.publicKey)[0]).toBe(0x04);
    await expect(crypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
    await expect(importPublicKey(pair.publicKey)).resolves.toMatchObject({ type: 'public' });
  });

  it('refuses public keys of the wrong shape and points off the curve', async () => {
    const raw = fromBase64Url(CLIENT_PUBLIC);
    const offCurve = raw.slice();
    offCurve[64] ^= 1;
    const compressed = Uint8Array.from([0x02 | (raw[64] & 1), ...raw.subarray(1, 33)]);
    const wrongPrefix = raw.slice();
    wrongPrefix[0] = 0x03;
    // The last of 87 characters carries 2 padding bits: setting one gives the same bytes in another text.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const nonCanonical = CLIENT_PUBLIC.slice(0, 86) + alphabet[alphabet.indexOf(CLIENT_PUBLIC[86]) ^ 1];
    expect(fromBase64Url(nonCanonical)).toEqual(raw);
    for (const bad of [
      toBase64Url(offCurve),
      toBase64Url(compressed),
      toBase64Url(wrongPrefix),
      toBase64Url(raw.subarray(0, 64)),
      toBase64Url(Uint8Array.from([...raw, 0])),
      toBase64Url(new Uint8Array(65).fill(0).map((_, i) => (i === 0 ? 4 : 0))),
      CLIENT_PUBLIC.replace(/.$/, '+'),
      nonCanonical,
      '',
    ]) {
      await expect(importPublicKey(bad), bad).rejects.toMatchObject({ reason: 'invalid-public-key' });
    }
    await expect(fingerprint(WORKSPACE, CLIENT_ID, toBase64Url(compressed))).rejects.toMatchObject({ reason: 'invalid-public-key' });
    await expect(inviterKeyHash(toBase64Url(wrongPrefix))).rejects.toMatchObject({ reason: 'invalid-public-key' });
  });
});

describe('fingerprint and inviter key hash', () => {
  it('match the golden vectors, reproduced with node:crypto', async () => {
    const print = await fingerprint(WORKSPACE, CLIENT_ID, CLIENT_PUBLIC);
    expect(print).toMatchInlineSnapshot(`"68853 84101 48834 29117 21524 24897"`);
    const digest = createHash('sha256')
      .update(`zuarbeit/fingerprint|${WORKSPACE}|${CLIENT_ID}|`)
      .update(fromBase64Url(CLIENT_PUBLIC))
      .digest();
    const groups = Array.from({ length: 6 }, (_, g) => (BigInt(digest.readUIntBE(g * 5, 5)) % 100000n).toString().padStart(5, '0'));
    expect(print).toBe(groups.join(' '));

    const hash = await inviterKeyHash(CLIENT_PUBLIC);
    expect(hash).toMatchInlineSnapshot(`"S745cAoNuehDPHft2XzKaA"`);
    expect(hash).toBe(createHash('sha256').update(fromBase64Url(CLIENT_PUBLIC)).digest().subarray(0, 16).toString('base64url'));
  });

  it('differs per workspace, device and key, and always has six groups of five digits', async () => {
    const prints = new Set([
      await fingerprint(WORKSPACE, CLIENT_ID, CLIENT_PUBLIC),
      await fingerprint('ws_other', CLIENT_ID, CLIENT_PUBLIC),
      await fingerprint(WORKSPACE, ASSISTANT_ID, CLIENT_PUBLIC),
      await fingerprint(WORKSPACE, CLIENT_ID, ASSISTANT_PUBLIC),
    ]);
    expect(prints.size).toBe(4);
    for (const print of prints) expect(print).toMatch(/^\d{5}( \d{5}){5}$/);
  });
});

describe('join proof', () => {
  it('matches the golden vector, reproduced with node:crypto HMAC', async () => {
    const proof = await joinProof(INVITE_SECRET, WORKSPACE, ASSISTANT_ID, ASSISTANT_PUBLIC);
    expect(proof).toMatchInlineSnapshot(`"ppBVoOYYBTu9TbP9EyoN8xcwfin2Ca6qozipNMVPFKw"`);
    const expected = createHmac('sha256', fromBase64Url(INVITE_SECRET))
      .update(`zuarbeit/join-proof|${WORKSPACE}|${ASSISTANT_ID}|${ASSISTANT_PUBLIC}`)
      .digest('base64url');
    expect(proof).toBe(expected);
    expect(await verifyJoinProof(INVITE_SECRET, WORKSPACE, ASSISTANT_ID, ASSISTANT_PUBLIC, proof)).toBe(true);
  });

  it('verifies only for the same secret, workspace, device and key', async () => {
    const proof = await joinProof(INVITE_SECRET, WORKSPACE, ASSISTANT_ID, ASSISTANT_PUBLIC);
    const tampered = toBase64Url(fromBase64Url(proof).map((b, i) => (i === 0 ? b ^ 1 : b)));
    expect(await verifyJoinProof(generateInviteSecret(), WORKSPACE, ASSISTANT_ID, ASSISTANT_PUBLIC, proof)).toBe(false);
    expect(await verifyJoinProof(INVITE_SECRET, 'ws_other', ASSISTANT_ID, ASSISTANT_PUBLIC, proof)).toBe(false);
    expect(await verifyJoinProof(INVITE_SECRET, WORKSPACE, MALLORY_ID, ASSISTANT_PUBLIC, proof)).toBe(false);
    expect(await verifyJoinProof(INVITE_SECRET, WORKSPACE, ASSISTANT_ID, MALLORY_PUBLIC, proof)).toBe(false);
    expect(await verifyJoinProof(INVITE_SECRET, WORKSPACE, ASSISTANT_ID, ASSISTANT_PUBLIC, tampered)).toBe(false);
    expect(await verifyJoinProof(INVITE_SECRET, WORKSPACE, ASSISTANT_ID, ASSISTANT_PUBLIC, proof.slice(1))).toBe(false);
    expect(await verifyJoinProof(INVITE_SECRET, WORKSPACE, ASSISTANT_ID, ASSISTANT_PUBLIC, '!'.repeat(43))).toBe(false);
    expect(await verifyJoinProof(INVITE_SECRET, WORKSPACE, ASSISTANT_ID, 'x', proof)).toBe(false);
  });

  it('refuses a malformed secret', async () => {
    expect(generateInviteSecret()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await expect(joinProof(INVITE_SECRET.slice(1), WORKSPACE, ASSISTANT_ID, ASSISTANT_PUBLIC)).rejects.toMatchObject({
      reason: 'malformed',
    });
    await expect(verifyJoinProof(toBase64Url(new Uint8Array(32)), WORKSPACE, ASSISTANT_ID, ASSISTANT_PUBLIC, 'x')).rejects.toMatchObject({
      reason: 'malformed',
    });
  });
});

describe('key wrapping', () => {
  it('matches the golden vector, reproduced with node:crypto ECDH, HKDF and AES-256-GCM', async () => {
    const wrapped = await clientWrapForAssistant();
    expect(wrapped).toMatchInlineSnapshot(`"AsDBwsPExcbHyMnKy41Cg_PEYtQfqbHYEwcG_H_hk6tfv09bQWAK_veM9AuziHSM6aG3_j5YIrIKr5FPwg"`);

    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(fromBase64Url(CLIENT_JWK.d));
    const shared = ecdh.computeSecret(fromBase64Url(ASSISTANT_PUBLIC));
    const kek = Buffer.from(
      hkdfSync('sha256', shared, Buffer.from(WORKSPACE), Buffer.from(`zuarbeit/wrap|k2|${CLIENT_ID}|${ASSISTANT_ID}`), 32),
    );
    const cipher = createCipheriv('aes-256-gcm', kek, WRAP_IV);
    cipher.setAAD(Buffer.from(`zuarbeit/wrap|${WORKSPACE}|k2|${CLIENT_ID}|${ASSISTANT_ID}`));
    const sealed = Buffer.concat([cipher.update(RAW_KEY), cipher.final(), cipher.getAuthTag()]);
    expect(wrapped).toBe(Buffer.concat([Buffer.from([0x02]), WRAP_IV, sealed]).toString('base64url'));

    expect(await assistantUnwraps(wrapped)).toEqual(RAW_KEY);
  });

  it('round-trips between freshly made device keys', async () => {
    const sender = await generateDeviceKeyPair();
    const recipient = await generateDeviceKeyPair();
    const rawKey = crypto.getRandomValues(new Uint8Array(32));
    const parties = { senderDeviceId: 'a', recipientDeviceId: 'b', workspaceId: WORKSPACE, keyId: 'k3' };
    const wrapped = await wrapKey({ ...parties, senderPrivateKey: sender.privateKey, recipientPublicKey: recipient.publicKey, rawKey });
    expect(await unwrapKey({ ...parties, recipientPrivateKey: recipient.privateKey, senderPublicKey: sender.publicKey, wrapped })).toEqual(
      rawKey,
    );
    expect(wrapped).not.toBe(
      await wrapKey({ ...parties, senderPrivateKey: sender.privateKey, recipientPublicKey: recipient.publicKey, rawKey }),
    );
  });

  it('does not open for another recipient', async () => {
    const wrapped = await clientWrapForAssistant();
    const mallory = await privateKeyOf(MALLORY_JWK);
    await expect(assistantUnwraps(wrapped, { recipientPrivateKey: mallory, recipientDeviceId: MALLORY_ID })).rejects.toMatchObject({
      reason: 'bad-wrap',
    });
    await expect(assistantUnwraps(wrapped, { recipientPrivateKey: mallory })).rejects.toMatchObject({ reason: 'bad-wrap' });
    await expect(assistantUnwraps(wrapped, { recipientDeviceId: MALLORY_ID })).rejects.toMatchObject({ reason: 'bad-wrap' });
  });

  it('does not open from a substituted sender key', async () => {
    // A server that swaps in its own key for the client's: its wrap does not open with the trusted key...
    const forged = await wrapKey({
      senderPrivateKey: await privateKeyOf(MALLORY_JWK),
      senderDeviceId: CLIENT_ID,
      recipientPublicKey: ASSISTANT_PUBLIC,
      recipientDeviceId: ASSISTANT_ID,
      workspaceId: WORKSPACE,
      keyId: 'k2',
      rawKey: RAW_KEY,
    });
    await expect(assistantUnwraps(forged)).rejects.toMatchObject({ reason: 'bad-wrap' });
    // ...and the client's real wrap does not open under the substituted key or another sender id.
    const wrapped = await clientWrapForAssistant();
    await expect(assistantUnwraps(wrapped, { senderPublicKey: MALLORY_PUBLIC })).rejects.toMatchObject({ reason: 'bad-wrap' });
    await expect(assistantUnwraps(wrapped, { senderDeviceId: MALLORY_ID })).rejects.toMatchObject({ reason: 'bad-wrap' });
    await expect(assistantUnwraps(wrapped, { senderPublicKey: 'x' })).rejects.toMatchObject({ reason: 'invalid-public-key' });
  });

  it('does not open in another workspace or generation, nor tampered', async () => {
    const wrapped = await clientWrapForAssistant();
    await expect(assistantUnwraps(wrapped, { workspaceId: 'ws_other' })).rejects.toMatchObject({ reason: 'bad-wrap' });
    await expect(assistantUnwraps(wrapped, { keyId: 'k3' })).rejects.toMatchObject({ reason: 'bad-wrap' });
    const bytes = fromBase64Url(wrapped);
    expect(bytes.length).toBe(61);
    for (const at of [1, 12, 13, 44, 45, 60]) {
      const tampered = bytes.slice();
      tampered[at] ^= 1;
      await expect(assistantUnwraps(toBase64Url(tampered)), `byte ${at}`).rejects.toMatchObject({ reason: 'bad-wrap' });
    }
    const relabelled = bytes.slice();
    relabelled[0] = 0x01;
    for (const bad of [
      toBase64Url(relabelled),
      toBase64Url(bytes.subarray(0, 60)),
      toBase64Url(Uint8Array.from([...bytes, 0])),
      `${wrapped.slice(0, 80)}!`,
      '',
    ]) {
      await expect(assistantUnwraps(bad)).rejects.toMatchObject({ reason: 'malformed' });
    }
  });

  it('wraps only 32-byte keys', async () => {
    await expect(
      wrapKey({
        senderPrivateKey: await privateKeyOf(CLIENT_JWK),
        senderDeviceId: CLIENT_ID,
        recipientPublicKey: ASSISTANT_PUBLIC,
        recipientDeviceId: ASSISTANT_ID,
        workspaceId: WORKSPACE,
        keyId: 'k2',
        rawKey: new Uint8Array(16),
      }),
    ).rejects.toMatchObject({ reason: 'malformed' });
  });
});

describe('key generations', () => {
  it('names and orders generations by number', () => {
    expect(nextKeyId('k1')).toBe('k2');
    expect(nextKeyId('k9')).toBe('k10');
    expect(['k10', 'k2', 'k1'].sort(compareKeyIds)).toEqual(['k1', 'k2', 'k10']);
    expect(compareKeyIds('k3', 'k3')).toBe(0);
    expect(parseKeyGeneration('k12')).toBe(12);
  });

  it('refuses what is not a generation name', () => {
    for (const bad of ['k0', 'k01', 'kx', 'K1', 'k', '1', 'k1 ', 'k-1', 'k1.5', `k${'9'.repeat(20)}`]) {
      expect(parseKeyGeneration(bad), bad).toBeNull();
      expect(() => nextKeyId(bad)).toThrow(expect.objectContaining({ reason: 'invalid-key-id' }));
      expect(() => compareKeyIds('k1', bad)).toThrow(expect.objectContaining({ reason: 'invalid-key-id' }));
    }
    expect(() => nextKeyId(`k${Number.MAX_SAFE_INTEGER}`)).toThrow(expect.objectContaining({ reason: 'invalid-key-id' }));
  });
});
