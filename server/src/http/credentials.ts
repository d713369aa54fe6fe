/** Bearer tokens, invitation codes and ids: random from node:crypto; only SHA-256 hashes are stored. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url (43 characters): a device token or an invitation code. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A workspace or device id: 128 random bits, base64url (22 characters). */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** SHA-256 of a secret: what the database keeps instead of it. */
export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares two secrets in constant time (hashing first evens out their lengths). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/** A token as sent in `Authorization: Bearer <token>`, or null when the header has no well-formed one. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer +([A-Za-z0-9_-]{43})$/i.exec(header);
  return match ? match[1] : null;
}
