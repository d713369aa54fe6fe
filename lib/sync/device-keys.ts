/**
 * Device keys (docs/protocol.md, "Device keys and fingerprints" and "Key rotation"): an ECDH P-256
 * key pair per device, the fingerprint people compare, the join proof of a v2 invitation, and
 * wrapping a workspace key from one device to another (static-static ECDH → HKDF-SHA-256 →
 * AES-256-GCM), so only the named sender can make a wrap and only the named recipient can open it.
 * Key generations (`k1`, `k2`, …) are named and compared here too. WebCrypto only.
 */
import { fromBase64UrlExact, IV_BYTES, KEY_BYTES, TAG_BYTES, toBase64Url } from './crypto';

/** Raw uncompressed P-256 point: 0x04 ‖ x ‖ y. */
export const PUBLIC_KEY_BYTES = 65;
/** A public key on the wire: unpadded base64url of the raw point. */
export const PUBLIC_KEY_CHARS = 87;
export const INVITE_SECRET_BYTES = 16;
export const KEY_HASH_BYTES = 16;
/** HMAC-SHA-256 output. */
export const JOIN_PROOF_BYTES = 32;
/** First byte of a wrapped key. */
export const WRAP_VERSION = 0x02;
const WRAPPED_BYTES = 1 + IV_BYTES + KEY_BYTES + TAG_BYTES;
const EC = { name: 'ECDH', namedCurve: 'P-256' } as const;

/**
 * `invalid-public-key`: not a P-256 point in the wire form; `bad-wrap`: a wrap that does not open
 * for this sender, recipient, workspace and generation; `malformed`: bytes of the wrong shape;
 * `invalid-key-id`: not a key generation name (`k1`, `k2`, …).
 */
export type DeviceKeyFailure = 'invalid-public-key' | 'bad-wrap' | 'malformed' | 'invalid-key-id';

export class DeviceKeyError extends Error {
  constructor(
    readonly reason: DeviceKeyFailure,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceKeyError';
  }
}

/** A device's key pair: the private key never leaves the device (non-extractable, kept in IndexedDB). */
export interface DeviceKeyPair {
  privateKey: CryptoKey;
  publicKey: string;
}

const encoder = new TextEncoder();

/** Makes this device's key pair; the private key is non-extractable and usable for `deriveBits`. */
export async function generateDeviceKeyPair(): Promise<DeviceKeyPair> {
  const pair = await crypto.subtle.generateKey(EC, false, ['deriveBits']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64Url(raw) };
}

/** Imports a peer's wire-form public key; throws DeviceKeyError('invalid-public-key') for a bad shape or a point off the curve. */
export async function importPublicKey(publicKey: string): Promise<CryptoKey> {
  const raw = decodePublicKey(publicKey);
  try {
    return await crypto.subtle.importKey('raw', raw, EC, true, []);
  } catch {
    throw new DeviceKeyError('invalid-public-key', 'Public key is not a point on P-256');
  }
}

/** The six groups of five digits people compare to confirm a device's key. */
export async function fingerprint(workspaceId: string, deviceId: string, publicKey: string): Promise<string> {
  const digest = new Uint8Array(
    await sha256(concat(encoder.encode(`zuarbeit/fingerprint|${workspaceId}|${deviceId}|`), decodePublicKey(publicKey))),
  );
  const groups: string[] = [];
  for (let g = 0; g < 6; g++) {
    // 40 bits fit a double exactly, so no BigInt is needed.
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + digest[g * 5 + i];
    groups.push(String(value % 100_000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** First 16 bytes of SHA-256 of the raw public key, base64url: how a v2 invitation names the inviter's key. */
export async function inviterKeyHash(publicKey: string): Promise<string> {
  const digest = new Uint8Array(await sha256(decodePublicKey(publicKey)));
  return toBase64Url(digest.subarray(0, KEY_HASH_BYTES));
}

/** A new random invitation secret (16 bytes, base64url); it travels only after the invitation's `#`. */
export function generateInviteSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(INVITE_SECRET_BYTES)));
}

/** The joining device's proof that it holds the invitation's secret, bound to its id and key. */
export async function joinProof(inviteSecret: string, workspaceId: string, deviceId: string, publicKey: string): Promise<string> {
  decodePublicKey(publicKey);
  const key = await importInviteSecret(inviteSecret, 'sign');
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, joinProofData(workspaceId, deviceId, publicKey))));
}

/**
 * Whether `proof` was made with `inviteSecret` for this device and key (constant-time, by
 * WebCrypto's verify). A malformed proof or public key from the wire is simply false; a malformed
 * secret, which is this device's own data, throws DeviceKeyError('malformed').
 */
export async function verifyJoinProof(
  inviteSecret: string,
  workspaceId: string,
  deviceId: string,
  publicKey: string,
  proof: string,
): Promise<boolean> {
  const key = await importInviteSecret(inviteSecret, 'verify');
  const signature = fromBase64UrlExact(proof, JOIN_PROOF_BYTES);
  if (!signature || !fromBase64UrlExact(publicKey, PUBLIC_KEY_BYTES)) return false;
  return crypto.subtle.verify('HMAC', key, signature, joinProofData(workspaceId, deviceId, publicKey));
}

/** Who wraps a workspace key generation for whom. */
export interface WrapInput {
  senderPrivateKey: CryptoKey;
  senderDeviceId: string;
  recipientPublicKey: string;
  recipientDeviceId: string;
  workspaceId: string;
  keyId: string;
  rawKey: Uint8Array<ArrayBuffer>;
}

/** Wraps a raw 32-byte workspace key for one recipient device; `iv` is for test vectors only. */
export async function wrapKey(
  input: WrapInput,
  iv: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(IV_BYTES)),
): Promise<string> {
  if (input.rawKey.length !== KEY_BYTES) throw new DeviceKeyError('malformed', `A workspace key has ${KEY_BYTES} bytes`);
  const parties = {
    workspaceId: input.workspaceId,
    keyId: input.keyId,
    senderDeviceId: input.senderDeviceId,
    recipientDeviceId: input.recipientDeviceId,
  };
  const kek = await deriveKek(input.senderPrivateKey, await importPublicKey(input.recipientPublicKey), parties);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: wrapAdditionalData(parties) }, kek, input.rawKey),
  );
  const wrapped = new Uint8Array(1 + IV_BYTES + sealed.length);
  wrapped[0] = WRAP_VERSION;
  wrapped.set(iv, 1);
  wrapped.set(sealed, 1 + IV_BYTES);
  return toBase64Url(wrapped);
}

/** Who opens a wrap, and from whom it must come. */
export interface UnwrapInput {
  recipientPrivateKey: CryptoKey;
  recipientDeviceId: string;
  senderPublicKey: string;
  senderDeviceId: string;
  workspaceId: string;
  keyId: string;
  wrapped: string;
}

/**
 * Opens a wrap addressed to this device by `senderDeviceId` holding `senderPublicKey`; returns
 * the raw 32-byte key. Throws DeviceKeyError: `malformed`, `bad-wrap`, `invalid-public-key`.
 */
export async function unwrapKey(input: UnwrapInput): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = fromBase64UrlExact(input.wrapped, WRAPPED_BYTES);
  if (!bytes || bytes[0] !== WRAP_VERSION) throw new DeviceKeyError('malformed', 'Not a wrapped key');
  const parties = {
    workspaceId: input.workspaceId,
    keyId: input.keyId,
    senderDeviceId: input.senderDeviceId,
    recipientDeviceId: input.recipientDeviceId,
  };
  const kek = await deriveKek(input.recipientPrivateKey, await importPublicKey(input.senderPublicKey), parties);
  try {
    const raw = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(1, 1 + IV_BYTES), additionalData: wrapAdditionalData(parties) },
      kek,
      bytes.subarray(1 + IV_BYTES),
    );
    return new Uint8Array(raw);
  } catch {
    throw new DeviceKeyError('bad-wrap', 'Wrapped key does not open for this sender, recipient and key generation');
  }
}

/** The generation number of a key id (`k1` → 1), or null for anything else (`k0`, `k01`, `kx`, `K1`). */
export function parseKeyGeneration(keyId: string): number | null {
  if (!/^k[1-9][0-9]*$/.test(keyId)) return null;
  const generation = Number(keyId.slice(1));
  return Number.isSafeInteger(generation) ? generation : null;
}

/** The key id of the generation after `keyId` (`k1` → `k2`); throws DeviceKeyError('invalid-key-id'). */
export function nextKeyId(keyId: string): string {
  const next = requireGeneration(keyId) + 1;
  if (!Number.isSafeInteger(next)) throw new DeviceKeyError('invalid-key-id', 'No key generation after this one');
  return `k${next}`;
}

/** Orders key ids by generation (`k2` before `k10`), for `sort`; throws DeviceKeyError('invalid-key-id'). */
export function compareKeyIds(a: string, b: string): number {
  return requireGeneration(a) - requireGeneration(b);
}

function requireGeneration(keyId: string): number {
  const generation = parseKeyGeneration(keyId);
  if (generation === null) throw new DeviceKeyError('invalid-key-id', `Not a key generation: ${keyId.slice(0, 40)}`);
  return generation;
}

interface WrapParties {
  workspaceId: string;
  keyId: string;
  senderDeviceId: string;
  recipientDeviceId: string;
}

async function deriveKek(privateKey: CryptoKey, publicKey: CryptoKey, parties: WrapParties): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode(parties.workspaceId),
      info: encoder.encode(`zuarbeit/wrap|${parties.keyId}|${parties.senderDeviceId}|${parties.recipientDeviceId}`),
    },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function wrapAdditionalData(parties: WrapParties): Uint8Array<ArrayBuffer> {
  return encoder.encode(`zuarbeit/wrap|${parties.workspaceId}|${parties.keyId}|${parties.senderDeviceId}|${parties.recipientDeviceId}`);
}

function joinProofData(workspaceId: string, deviceId: string, publicKey: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`zuarbeit/join-proof|${workspaceId}|${deviceId}|${publicKey}`);
}

function importInviteSecret(inviteSecret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const raw = fromBase64UrlExact(inviteSecret, INVITE_SECRET_BYTES);
  if (!raw) throw new DeviceKeyError('malformed', `An invitation secret has ${INVITE_SECRET_BYTES} bytes`);
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** The raw point of a wire-form public key, checked for shape (the curve check is WebCrypto's, in importPublicKey). */
function decodePublicKey(publicKey: string): Uint8Array<ArrayBuffer> {
  const raw = fromBase64UrlExact(publicKey, PUBLIC_KEY_BYTES);
  if (!raw || raw[0] !== 0x04)
    throw new DeviceKeyError('invalid-public-key', 'Public key is not a raw uncompressed P-256 point in base64url');
  return raw;
}

function sha256(data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', data);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
