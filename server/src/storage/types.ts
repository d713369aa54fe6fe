/**
 * The one storage interface of the endpoint; `sqlite.ts` and `postgres.ts` implement it and
 * test/server runs the same contract suite against both. Times are epoch milliseconds.
 */
import type { Envelope, Rejected, Role, StoredMessage } from '../../../lib/protocol';

/** What a known bearer token resolves to; `revokedAt` is set once the device was revoked. */
export interface AuthenticatedDevice {
  deviceId: string;
  workspaceId: string;
  role: Role;
  lastSeenAt: number;
  revokedAt: number | null;
}

export interface DeviceRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
  lastSeenAt: number;
  revokedAt: number | null;
  /** Protocol v2: the device's public key and join proof, null until it published them. */
  publicKey: string | null;
  keyProof: string | null;
}

export interface NewDevice {
  deviceId: string;
  deviceName: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  tokenHash: Buffer;
  /** Protocol v2: sent with create or join, or later with `setDeviceKey`. */
  publicKey: string | null;
}

export interface NewInvite {
  /** SHA-256 of the invitation code. */
  codeHash: Buffer;
  workspaceId: string;
  role: Role;
  createdBy: string;
  expiresAt: number;
}

export type RedeemResult =
  { ok: true; workspaceId: string; role: Role; epoch: string } | { ok: false; reason: 'not-found' | 'expired' | 'used' };

export type RevokeResult = 'revoked' | 'not-found' | 'last-client';

/** `stored`: the key (and proof) are the device's now, or were already; `exists`: it holds another. */
export type DeviceKeyResult = 'stored' | 'exists';

export interface AppendResult {
  /** Envelopes now in the log: stored by this call or already stored by the same device. */
  accepted: number;
  rejected: Rejected[];
}

/**
 * A rate-limit bucket holds at most `perMinute` tokens and refills evenly over this long, so a
 * bucket untouched for this long is full (and may be forgotten).
 */
export const BUCKET_REFILL_MS = 60_000;

/** What taking a token left: whether one was taken, and the tokens left in the bucket. */
export interface TokenTake {
  allowed: boolean;
  tokens: number;
}

export interface Page {
  messages: StoredMessage[];
  more: boolean;
  /** The log's epoch as this read left it. */
  epoch: string;
  /** The hlc of the message at seq `since`; null for since 0 or when there is none. */
  atSince: string | null;
}

/**
 * What a device says about its cursor (protocol v2, "Cursor check"): the hlc it was given with it
 * and the epoch it counts in. A log whose message at the cursor has another hlc is not the log
 * the device counted in (a restore re-used the seqs): the read renews the epoch. A device that
 * names an older epoch will start again anyway, so its check renews nothing.
 */
export interface CursorCheck {
  hlc: string;
  epoch?: string;
}

/** The device bucket `authenticate` takes from: capacity `perMinute`, at time `now`. */
export interface DeviceLimit {
  perMinute: number;
  now: number;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates a workspace with its first (client) device; returns the new log's epoch. */
  createWorkspace(workspaceId: string, device: NewDevice, now: number): Promise<{ epoch: string }>;
  /**
   * The device holding this token hash (revoked ones too, so the answer can say so), or null; with
   * a token taken from its rate-limit bucket (`device:<id>`, see takeToken) in the same round trip,
   * as every authenticated request does both.
   */
  authenticate(tokenHash: Buffer, limit: DeviceLimit): Promise<(AuthenticatedDevice & { take: TokenTake }) | null>;
  /** Records that a device was seen; callers throttle it. */
  touchDevice(deviceId: string, now: number): Promise<void>;
  createInvite(invite: NewInvite, now: number): Promise<void>;
  /** Uses up an invitation and adds the device it admits, atomically. */
  redeemInvite(codeHash: Buffer, device: NewDevice, now: number): Promise<RedeemResult>;
  listDevices(workspaceId: string): Promise<DeviceRecord[]>;
  /** The workspace log's current epoch. */
  workspaceEpoch(workspaceId: string): Promise<string>;
  /** Gives every workspace a new epoch (after restoring a backup); returns how many. */
  renewEpochs(): Promise<number>;
  /**
   * Sets a device's public key once. The same key again is `stored` (adding `keyProof` when none
   * was kept); another key, or another proof than the kept one, is `exists`.
   */
  setDeviceKey(deviceId: string, publicKey: string, keyProof: string | null): Promise<DeviceKeyResult>;
  /** Deletes the workspace's pending (unused, unexpired) invitations; returns how many. */
  revokeInvites(workspaceId: string, now: number): Promise<number>;
  /** Revokes a device of the workspace (and its unused invitations); never the last active client. */
  revokeDevice(workspaceId: string, deviceId: string, now: number): Promise<RevokeResult>;
  /**
   * Stores envelopes idempotently (unique per workspace and hlc), allocating `seq` per workspace
   * inside the writing transaction. The caller has already removed far-future envelopes. Renews
   * the log's epoch when `since` (the pushing device's cursor) is beyond the highest seq before
   * this push: the push would otherwise carry the log past such a cursor unnoticed.
   */
  appendMessages(workspaceId: string, deviceId: string, envelopes: Envelope[], now: number, since: number): Promise<AppendResult>;
  /**
   * Messages with seq > since, oldest first, at most `limit` and about `maxBodyChars` of bodies
   * (never fewer than one), and the log's epoch: renewed first when `since` is beyond the highest seq
   * the log handed out (the device synced with messages that a restore took away), or when `check`
   * finds another message at `since` than the device counted (see CursorCheck).
   */
  readMessages(workspaceId: string, since: number, limit: number, maxBodyChars: number, check?: CursorCheck): Promise<Page>;
  /**
   * Takes one token from the bucket `key` (capacity `perMinute`, refilled over BUCKET_REFILL_MS).
   * Counted in the database, so a limit holds across every instance that shares it.
   */
  takeToken(key: string, perMinute: number, now: number): Promise<TokenTake>;
  /**
   * For the metrics: messages in all logs (the sum of the seq counters, so no scan of the messages)
   * and the devices not revoked that were seen at or after `seenSince`.
   */
  activity(seenSince: number): Promise<{ messages: number; activeDevices: number }>;
  close(): Promise<void>;
}
