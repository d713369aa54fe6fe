/**
 * Wire schemas of sync protocol v1 (DESIGN.md, "HTTP API"), shared by the server and the extension.
 * Requests are strict objects: unknown fields are refused with 400. Answers are parsed tolerantly
 * (unknown fields are dropped) so that a server may add a field without breaking installed extensions;
 * the server's own tests pin that it sends exactly the fields below.
 */
import * as z from 'zod/mini';
import { HLC_PATTERN } from './hlc';
import { MAX_BODY_CHARS, MAX_DEVICE_NAME_CHARS, MAX_ENVELOPES_PER_REQUEST, MAX_INVITE_TTL_HOURS, MIN_INVITE_TTL_HOURS } from './limits';

export { HLC_PATTERN };

/** How a device joined its workspace: the client delegates, the assistant works. */
export const ROLES = ['client', 'assistant'] as const;
export type Role = (typeof ROLES)[number];

/** Why a pushed envelope was not stored. */
export const REJECT_REASONS = ['clock-skew', 'hlc-taken'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** The regex alone admits dates like 2026-13-45; the clock part must be a real instant. */
function isRealInstant(hlc: string): boolean {
  const iso = hlc.slice(0, 24);
  const millis = Date.parse(iso);
  return !Number.isNaN(millis) && new Date(millis).toISOString() === iso;
}

export const hlcSchema = z.string().check(z.regex(HLC_PATTERN), z.refine(isRealInstant, 'Not a real HLC instant'));
export const keyIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/));
/** Unpadded base64url, at most `MAX_BODY_BYTES` decoded. */
export const bodySchema = z.string().check(
  z.minLength(2),
  z.maxLength(MAX_BODY_CHARS),
  z.regex(/^[A-Za-z0-9_-]+$/),
  z.refine((s) => s.length % 4 !== 1, 'Not base64url: impossible length'),
);
/**
 * Request text without control characters (U+0000–U+001F, U+007F): none belongs in a name, code or
 * secret, and PostgreSQL cannot store a NUL in text, so both adapters refuse them alike (400, not 500).
 */
const requestText = (min: number, max: number) =>
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  z.string().check(z.minLength(min), z.maxLength(max), z.regex(/^[^\u0000-\u001f\u007f]*$/, 'Control characters are not allowed'));
export const deviceNameSchema = requestText(1, MAX_DEVICE_NAME_CHARS);
/**
 * A device's ECDH P-256 public key (protocol v2, "Device keys"): the raw uncompressed point, 65 bytes
 * `0x04 ‖ x ‖ y`, as 87 unpadded base64url characters. The server checks the shape only; clients
 * import it with WebCrypto, which refuses a point off the curve. `B[A-P]` is exactly a first byte of
 * 0x04, and the last character must leave the 2 unused bits zero (canonical), so one key has one
 * spelling and "the same key again" is a string comparison.
 */
export const publicKeySchema = z
  .string()
  .check(
    z.regex(/^B[A-P][A-Za-z0-9_-]{84}[AEIMQUYcgkosw048]$/, 'Not a raw P-256 public key (65 bytes, 0x04 first) in canonical base64url'),
  );
/** A join proof: HMAC-SHA-256, 32 bytes as 43 canonical unpadded base64url characters. */
export const keyProofSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'Not 32 bytes in canonical base64url'));
/** The log's epoch (protocol v2, "Log epoch"): opaque to clients, which only compare it with the stored one. */
const epochSchema = z.string().check(z.minLength(1), z.maxLength(64));
const roleSchema = z.enum(ROLES);
const isoTime = z.iso.datetime();
/** A non-negative safe integer. */
const count = z.int().check(z.minimum(0));

/** What the server sees of a message: DESIGN.md, "Envelope". */
export const envelopeSchema = z.strictObject({ hlc: hlcSchema, keyId: keyIdSchema, body: bodySchema });
export type Envelope = z.infer<typeof envelopeSchema>;

/** `POST /v1/workspaces` */
export const createWorkspaceRequestSchema = z.strictObject({
  deviceName: deviceNameSchema,
  signupSecret: z.optional(requestText(0, 1024)),
  publicKey: z.optional(publicKeySchema),
});
export type CreateWorkspaceRequest = z.infer<typeof createWorkspaceRequestSchema>;

/** Answer of `POST /v1/workspaces` (201) and `POST /v1/join` (201): the new device's credentials. */
export const deviceCredentialsSchema = z.object({
  workspaceId: z.string(),
  deviceId: z.string(),
  token: z.string(),
  role: roleSchema,
  /** Protocol v2; absent from v1 servers' answers. */
  epoch: z.optional(epochSchema),
  /** Protocol v2 ("Cursor check"): the hlc of the message at `cursor`; absent for cursor 0 and from older servers. */
  cursorHlc: z.optional(hlcSchema),
});
export type DeviceCredentials = z.infer<typeof deviceCredentialsSchema>;
export const createWorkspaceResponseSchema = deviceCredentialsSchema;
export type CreateWorkspaceResponse = DeviceCredentials & { role: 'client' };

/** `POST /v1/invites` (client devices only) */
export const inviteRequestSchema = z.strictObject({
  role: roleSchema,
  ttlHours: z.optional(z.int().check(z.minimum(MIN_INVITE_TTL_HOURS), z.maximum(MAX_INVITE_TTL_HOURS))),
});
export type InviteRequest = z.infer<typeof inviteRequestSchema>;
export const inviteResponseSchema = z.object({ code: z.string(), expiresAt: isoTime });
export type InviteResponse = z.infer<typeof inviteResponseSchema>;

/** `POST /v1/join` */
export const joinRequestSchema = z.strictObject({
  code: requestText(1, 256),
  deviceName: deviceNameSchema,
  publicKey: z.optional(publicKeySchema),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;
export const joinResponseSchema = deviceCredentialsSchema;
export type JoinResponse = DeviceCredentials;

/** `GET /v1/workspace` */
export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: isoTime,
  lastSeenAt: isoTime,
  revokedAt: z.nullable(isoTime),
  /** Protocol v2 (null while the device has published none); absent from v1 servers' answers. */
  publicKey: z.optional(z.nullable(z.string())),
  keyProof: z.optional(z.nullable(z.string())),
});
export type Device = z.infer<typeof deviceSchema>;
export const workspaceResponseSchema = z.object({
  workspaceId: z.string(),
  epoch: z.optional(epochSchema),
  devices: z.array(deviceSchema),
});
export type WorkspaceResponse = z.infer<typeof workspaceResponseSchema>;

/** `PUT /v1/devices/me/key` (protocol v2): the calling device's public key, set once, and its join proof. */
export const deviceKeyRequestSchema = z.strictObject({ publicKey: publicKeySchema, keyProof: z.optional(keyProofSchema) });
export type DeviceKeyRequest = z.infer<typeof deviceKeyRequestSchema>;

/** Answer of `DELETE /v1/invites` (protocol v2, client devices only): how many pending invitations were deleted. */
export const revokeInvitesResponseSchema = z.object({ revoked: count });
export type RevokeInvitesResponse = z.infer<typeof revokeInvitesResponseSchema>;

/** `POST /v1/sync` */
export const syncRequestSchema = z.strictObject({
  since: count,
  /**
   * Protocol v2 ("Cursor check"): the `cursorHlc` the device received with `since`. When the
   * message at that seq has another hlc (or is gone), the log is not the one the cursor counted
   * in (a restore from an older backup re-used its seqs) and the server starts a new epoch.
   */
  sinceHlc: z.optional(hlcSchema),
  /** Protocol v2 ("Cursor check"): the epoch `since` counts in; with another than the log's, the check renews nothing. */
  sinceEpoch: z.optional(epochSchema),
  messages: z.array(envelopeSchema).check(z.maxLength(MAX_ENVELOPES_PER_REQUEST)),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

/** A stored message as the log hands it out; `device` is the authenticated author device. */
export const storedMessageSchema = z.object({
  seq: count,
  hlc: hlcSchema,
  keyId: keyIdSchema,
  device: z.string(),
  body: bodySchema,
});
export type StoredMessage = z.infer<typeof storedMessageSchema>;

/** `reason` is any string so that a reason added later still parses; compare it against `RejectReason`. */
export const rejectedSchema = z.object({ hlc: z.string(), reason: z.string() });
export type Rejected = { hlc: string; reason: RejectReason };

export const syncResponseSchema = z.object({
  /** Pushed envelopes that are in the log now (stored by this request or already before). */
  accepted: count,
  rejected: z.array(rejectedSchema),
  messages: z.array(storedMessageSchema),
  /** The seq of the last message returned, or `since` when none: the next request's `since`. */
  cursor: count,
  more: z.boolean(),
  serverTime: isoTime,
  /** Protocol v2; absent from v1 servers' answers. */
  epoch: z.optional(epochSchema),
  /** Protocol v2 ("Cursor check"): the hlc of the message at `cursor`; absent for cursor 0 and from older servers. */
  cursorHlc: z.optional(hlcSchema),
});
export type SyncResponse = Omit<z.infer<typeof syncResponseSchema>, 'rejected'> & { rejected: Rejected[] };

/**
 * The sync answer as clients read it (protocol v2, "Log epoch and cursor rules"): the answer's
 * frame is parsed strictly, its messages only as far as their `seq` (needed to check the cursor
 * and move past them). Clients judge each message's other fields on their own (storedMessageSchema),
 * so one bad message is quarantined instead of refusing the page.
 */
export const syncAnswerSchema = z.object({
  ...syncResponseSchema.shape,
  messages: z.array(z.looseObject({ seq: count })),
});
export type SyncAnswer = Omit<z.infer<typeof syncAnswerSchema>, 'rejected' | 'messages'> & {
  rejected: Rejected[];
  /** Each message as sent: only `seq` is checked; parse the rest with storedMessageSchema. */
  messages: ({ seq: number } & Record<string, unknown>)[];
};

/** `GET /healthz` */
export const healthResponseSchema = z.object({ ok: z.literal(true) });
