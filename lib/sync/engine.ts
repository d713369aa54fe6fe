/**
 * One sync run: push the outbox in batches, pull until `more` is false, decrypt, judge and
 * apply, advancing cursor and clock only together with a successful apply.
 */
import { MAX_ENVELOPES_PER_REQUEST, type Envelope, type StoredMessage, type SyncResponse, type WorkspaceResponse } from '../protocol';
import { HlcError } from '../protocol/hlc';
import type { Db, OutboxEntry, QuarantineEntry } from '../store/db';
import { getKnownDevices, setKnownDevices } from '../store/devices';
import { acknowledgePush, takeOutboxBatch } from '../store/outbox';
import { applyPulledPage, readCursor, type RemoteChange } from '../store/pulled-page';
import { SyncError } from './client';
import { getConnection, type Connection } from './connection';
import { DecryptError, decryptMessage, encryptMessage, fromBase64Url, importWorkspaceKey } from './crypto';
import { mayWrite, type Role } from './merge';

/** What a sync run needs from the endpoint (the HTTP client, or an in-memory log in tests). */
export interface SyncTransport {
  sync(since: number, messages: Envelope[]): Promise<SyncResponse>;
  workspace(): Promise<WorkspaceResponse>;
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  applied: number;
  quarantined: number;
  serverTime: string | null;
}

/** The workspace's device roles, refreshed from the server when an author is not yet known. */
class DeviceRoles {
  private roles = new Map<string, Role>();
  private refreshed = false;

  constructor(private readonly db: Db, private readonly transport: SyncTransport) {}

  async load(): Promise<void> {
    for (const device of await getKnownDevices(this.db)) this.roles.set(device.id, device.role);
  }

  async roleOf(device: string): Promise<Role | undefined> {
    if (!this.roles.has(device) && !this.refreshed) {
      this.refreshed = true;
      const { devices } = await this.transport.workspace();
      this.roles = new Map(devices.map((d) => [d.id, d.role]));
      await setKnownDevices(this.db, devices);
    }
    return this.roles.get(device);
  }
}

/** Runs one full sync for the paired workspace; throws SyncError with a reason on failure. */
export async function syncOnce(db: Db, transport: SyncTransport, options: { now?: () => number } = {}): Promise<SyncReport> {
  const now = options.now ?? Date.now;
  const connection = await getConnection(db);
  if (!connection) throw new SyncError('not-paired', 'This device is not connected to a workspace');
  const keys = new Map<string, CryptoKey>();
  for (const [keyId, raw] of Object.entries(connection.keys)) keys.set(keyId, await importWorkspaceKey(fromBase64Url(raw)));
  const currentKey = keys.get(connection.currentKeyId);
  if (!currentKey) throw new SyncError('undecryptable', 'The workspace key of this device is missing');
  const roles = new DeviceRoles(db, transport);
  await roles.load();

  const report: SyncReport = { pushed: 0, pulled: 0, applied: 0, quarantined: 0, serverTime: null };
  let cursor = await readCursor(db);
  // The next page, already asked for while the current one is decrypted and applied.
  let prefetched: Promise<SyncResponse> | undefined;
  for (;;) {
    let outbox: OutboxEntry[] = [];
    let response: SyncResponse;
    if (prefetched) {
      response = await prefetched;
      prefetched = undefined;
    } else {
      outbox = await takeOutboxBatch(db, MAX_ENVELOPES_PER_REQUEST);
      // Encrypt outside any IndexedDB transaction: awaiting WebCrypto inside one lets it auto-commit.
      const envelopes = await Promise.all(
        outbox.map(async (entry): Promise<Envelope> => ({
          hlc: entry.hlc,
          keyId: connection.currentKeyId,
          body: await encryptMessage(currentKey, { workspaceId: connection.workspaceId, hlc: entry.hlc, keyId: connection.currentKeyId }, {
            entity: entry.entity,
            id: entry.id,
            field: entry.field,
            value: entry.value,
          }),
        })),
      );
      response = await transport.sync(cursor, envelopes);
      await acknowledgePush(db, outbox, response.rejected, { now });
    }
    report.serverTime = response.serverTime;
    report.pushed += outbox.length - response.rejected.length;
    const skew = response.rejected.find((r) => r.reason === 'clock-skew');
    if (skew) {
      throw new SyncError('clock-skew', `The server refused changes stamped ${skew.hlc.slice(0, 24)}; its time is ${response.serverTime}`, undefined, undefined, undefined, response.serverTime);
    }
    const morePushes = outbox.length === MAX_ENVELOPES_PER_REQUEST;
    if (response.more && !morePushes) {
      // Only a read: the stored cursor still moves only with a successful apply below.
      prefetched = transport.sync(response.cursor, []);
      prefetched.catch(() => undefined);
    }
    const pulled = await applyPulled(db, connection, keys, roles, response.messages, response.cursor, now).catch((error: unknown) => {
      if (error instanceof SyncError && error.reason === 'clock-skew') {
        throw new SyncError('clock-skew', error.message, undefined, undefined, undefined, response.serverTime);
      }
      throw error;
    });
    report.pulled += response.messages.length;
    report.applied += pulled.applied;
    report.quarantined += pulled.quarantined;
    cursor = response.cursor;
    if (!response.more && !morePushes) break;
  }
  return report;
}

/**
 * Decrypts a page, looks up the authors' roles (refreshing the device list from the endpoint
 * when one is unknown) and only then applies it: nothing waits on the network inside the
 * transaction that stores the page, its quarantine and the cursor together.
 */
async function applyPulled(
  db: Db,
  connection: Connection,
  keys: Map<string, CryptoKey>,
  roles: DeviceRoles,
  messages: StoredMessage[],
  cursor: number,
  now: () => number,
): Promise<{ applied: number; quarantined: number }> {
  const changes: RemoteChange[] = [];
  const quarantine: QuarantineEntry[] = [];
  const receivedAt = new Date(now()).toISOString();
  // Decrypt a whole page concurrently: WebCrypto works off the main thread, one by one it idles.
  const decrypted = await Promise.all(
    messages.map(async (message) => {
      // Our own messages are already applied locally.
      if (message.device === connection.deviceId) return null;
      const key = keys.get(message.keyId);
      if (!key) return { message, failure: 'unknown-key' };
      try {
        const plain = await decryptMessage(key, { workspaceId: connection.workspaceId, hlc: message.hlc, keyId: message.keyId }, message.body);
        return { message, plain };
      } catch (error) {
        if (!(error instanceof DecryptError)) throw error;
        return { message, failure: error.reason };
      }
    }),
  );
  for (const item of decrypted) {
    if (!item) continue;
    const { message } = item;
    if (!('plain' in item) || !item.plain) {
      quarantine.push({ hlc: message.hlc, device: message.device, reason: item.failure ?? 'undecryptable', receivedAt });
      continue;
    }
    changes.push({ ...item.plain, hlc: message.hlc, device: message.device });
  }
  const authorRoles = new Map<string, Role | undefined>();
  for (const { device } of changes) if (!authorRoles.has(device)) authorRoles.set(device, await roles.roleOf(device));
  try {
    return await applyPulledPage(db, {
      changes,
      quarantine,
      cursor,
      now,
      refuse: (change, owner) => {
        const role = authorRoles.get(change.device);
        if (role === undefined) return 'unknown-device';
        return mayWrite(role, change.device, change, owner) ? null : 'not-allowed';
      },
    });
  } catch (error) {
    if (error instanceof HlcError) throw new SyncError('clock-skew', error.message);
    throw error;
  }
}
