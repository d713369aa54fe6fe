/**
 * Error answers of the sync endpoint: every 4xx/5xx has the body `{ error: { code, message, details? } }`.
 * `code` is what a client branches on; `message` is for logs and operators, not for the UI.
 */
import * as z from 'zod/mini';

/** Every error code the server sends, with the HTTP status it comes with. */
export const ERROR_STATUS = {
  'bad-request': 400,
  'invalid-json': 400,
  'invalid-request': 400,
  unauthorized: 401,
  /** The token belonged to a device that a client device removed from the workspace. */
  revoked: 401,
  forbidden: 403,
  'signup-secret-required': 403,
  'not-found': 404,
  'invite-not-found': 404,
  'method-not-allowed': 405,
  'request-timeout': 408,
  'last-client': 409,
  /** Protocol v2: the device already published another public key (it joins again instead). */
  'key-exists': 409,
  'invite-expired': 410,
  'invite-used': 410,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  'headers-too-large': 431,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The error body. `code` is parsed as any string so that an older extension still reads an error
 * code added later; compare it against `ErrorCode`.
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };
