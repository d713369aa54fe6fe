/**
 * Wire schemas of sync protocol v1 (DESIGN.md, "HTTP API"), shared by the server and the extension.
 * Requests are strict objects: unknown fields are refused with 400. Answers are parsed tolerantly
 * (unknown fields are dropped) so that a server may add a field without breaking installed extensions;
 * the server's own tests pin that it sends exactly the fields below.
 */
import * as z from 'zod/mini';
import { HLC_PATTERN } from './hlc';
import {
  MAX_BODY_CHARS,
  MAX_DEVICE_NAME_CHARS,
  MAX_ENVELOPES_PER_REQUEST,
  MAX_INVITE_TTL_HOURS,
  MIN_INVITE_TTL_HOURS,
} from './limits';

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
  z.string().check(z.minLength(min), z.maxLength(max), z.regex(/^[^\u0000-\u001f\u007f]*$/, 'Control characters are not allowed'));
export const deviceNameSchema = requestText(1, MAX_DEVICE_NAME_CHARS);
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
});
export type CreateWorkspaceRequest = z.infer<typeof createWorkspaceRequestSchema>;

/** Answer of `POST /v1/workspaces` (201) and `POST /v1/join` (201): the new device's credentials. */
export const deviceCredentialsSchema = z.object({
  workspaceId: z.string(),
  deviceId: z.string(),
  token: z.string(),
  role: roleSchema,
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
});
export type Device = z.infer<typeof deviceSchema>;
export const workspaceResponseSchema = z.object({ workspaceId: z.string(), devices: z.array(deviceSchema) });
export type WorkspaceResponse = z.infer<typeof workspaceResponseSchema>;

/** `POST /v1/sync` */
export const syncRequestSchema = z.strictObject({
  since: count,
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
});
export type SyncResponse = Omit<z.infer<typeof syncResponseSchema>, 'rejected'> & { rejected: Rejected[] };

/** `GET /healthz` */
export const healthResponseSchema = z.object({ ok: z.literal(true) });
