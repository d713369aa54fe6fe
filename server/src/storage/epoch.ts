/** Log epochs (docs/protocol.md, "Log epoch"): a new one whenever the log may have lost messages. */
import { randomBytes } from 'node:crypto';

/** A new epoch: 16 random bytes, base64url (22 characters). */
export function newEpoch(): string {
  return randomBytes(16).toString('base64url');
}
