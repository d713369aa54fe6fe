/**
 * Limits of sync protocol v1 (DESIGN.md, "Sync protocol v1"). The server enforces them and the
 * extension's sync client sizes its batches by them, so both read them from here.
 */

/** Envelopes one `POST /v1/sync` may push. */
export const MAX_ENVELOPES_PER_REQUEST = 500;
/** Largest envelope body, in decoded bytes (iv ‖ ciphertext ‖ tag). */
export const MAX_BODY_BYTES = 64 * 1024;
/** Longest base64url (unpadded) text that decodes to at most `MAX_BODY_BYTES`. */
export const MAX_BODY_CHARS = Math.floor((MAX_BODY_BYTES * 4) / 3) + (MAX_BODY_BYTES % 3 === 0 ? 0 : 1);
/** Largest request body the server reads; it stops reading and answers 413 past this. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** Most messages one sync answer returns; the client loops while `more` is true. */
export const PAGE_SIZE = 1000;
/**
 * A sync answer also stops before its bodies pass this many decoded bytes (it always returns at
 * least one message), so a page of large bodies cannot grow to ~87 MB; `more` tells the client to go on.
 */
export const MAX_PAGE_BODY_BYTES = 4 * 1024 * 1024;
/** How far ahead of the server clock an hlc may be before it is rejected (24 h). */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
/** Invitation lifetime when `ttlHours` is not given (7 days), and its bounds. */
export const DEFAULT_INVITE_TTL_HOURS = 168;
export const MIN_INVITE_TTL_HOURS = 1;
export const MAX_INVITE_TTL_HOURS = 720;
/** Device names, in UTF-16 code units. */
export const MAX_DEVICE_NAME_CHARS = 80;
