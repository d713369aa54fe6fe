/**
 * Invitation strings (docs/protocol.md, "Pairing" and "Invitation v2"): what a client device shows
 * and a joining device pastes. Everything after `#` stays on the devices, never reaches the server.
 * Writers write v2; v1 invitations (`#<code>.<key>[.<keyId>]`) are still read.
 */
import { fromBase64Url, fromBase64UrlExact, KEY_BYTES } from './crypto';
import { INVITE_SECRET_BYTES, KEY_HASH_BYTES, parseKeyGeneration } from './device-keys';

/** A v1 invitation: no join proof, no inviter key (its devices are trusted after comparing fingerprints). */
export interface InvitationV1 {
  version: 1;
  endpoint: string;
  code: string;
  key: string;
  keyId: string;
}

/** A v2 invitation: also the join-proof secret and which device (and key) invited. */
export interface InvitationV2 {
  version: 2;
  endpoint: string;
  code: string;
  key: string;
  keyId: string;
  inviteSecret: string;
  inviterDeviceId: string;
  inviterKeyHash: string;
}

export type ParsedInvitation = InvitationV1 | InvitationV2;

const CODE = /^[A-Za-z0-9_-]{1,256}$/;
const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const V2_PARTS = ['endpoint', 'code', 'key', 'keyId', 'inviteSecret', 'inviterDeviceId', 'inviterKeyHash'] as const;
const V1_FRAGMENT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})(?:\.([A-Za-z0-9_-]{1,32}))?$/;

/**
 * `zuarbeit:<origin>#2.<code>.<key>.<keyId>.<inviteSecret>.<inviterDeviceId>.<inviterKeyHash>`;
 * throws when a part would not parse back exactly (a programming error, not user input).
 */
export function formatInvitation(invitation: Omit<InvitationV2, 'version'>): string {
  const { endpoint, code, key, keyId, inviteSecret, inviterDeviceId, inviterKeyHash } = invitation;
  const text = `zuarbeit:${endpoint}#2.${code}.${key}.${keyId}.${inviteSecret}.${inviterDeviceId}.${inviterKeyHash}`;
  const parsed = parseInvitation(text);
  const same = parsed?.version === 2 && V2_PARTS.every((name) => parsed[name] === invitation[name]);
  if (!same) throw new Error('Not a valid v2 invitation (endpoint must be an origin, every part as in docs/protocol.md)');
  return text;
}

/**
 * Parses a pasted invitation, v2 or v1; null when it is not one. Whitespace anywhere is dropped
 * first, because mail and chat clients wrap long strings and no part may contain it.
 */
export function parseInvitation(text: string): ParsedInvitation | null {
  const match = /^zuarbeit:(https?:\/\/[^#]+)#(.*)$/.exec(text.replace(/\s+/g, ''));
  if (!match) return null;
  let endpoint: string;
  try {
    endpoint = new URL(match[1]).origin;
  } catch {
    return null;
  }
  const parts = match[2].split('.');
  // A v1 fragment has at most three parts, so seven parts led by "2" can only be v2.
  return parts.length === 7 && parts[0] === '2' ? parseV2(endpoint, parts) : parseV1(endpoint, match[2]);
}

function parseV2(endpoint: string, parts: string[]): InvitationV2 | null {
  const [, code, key, keyId, inviteSecret, inviterDeviceId, inviterKeyHash] = parts;
  const valid =
    CODE.test(code) &&
    fromBase64UrlExact(key, KEY_BYTES) !== null &&
    parseKeyGeneration(keyId) !== null &&
    fromBase64UrlExact(inviteSecret, INVITE_SECRET_BYTES) !== null &&
    DEVICE_ID.test(inviterDeviceId) &&
    fromBase64UrlExact(inviterKeyHash, KEY_HASH_BYTES) !== null;
  return valid ? { version: 2, endpoint, code, key, keyId, inviteSecret, inviterDeviceId, inviterKeyHash } : null;
}

// As v1 clients read it (lib/sync/connection.ts): any key id of the wire alphabet, k1 when absent.
function parseV1(endpoint: string, fragment: string): InvitationV1 | null {
  const match = V1_FRAGMENT.exec(fragment);
  if (!match || fromBase64Url(match[2]).length !== KEY_BYTES) return null;
  return { version: 1, endpoint, code: match[1], key: match[2], keyId: match[3] ?? 'k1' };
}
