/**
 * One sync run: push the outbox's groups in batches, pull until `more` is false, check every
 * answer's cursor and every message on its own, decrypt, hand rotations to the keyring, judge
 * each field, and apply, advancing cursor and clock only together with a successful apply
 * (docs/protocol.md, "Client rules" and "Protocol version 2").
 */
import {
  MAX_ENVELOPES_PER_REQUEST,
  MAX_FUTURE_MS,
  storedMessageSchema,
  type Envelope,
  type StoredMessage,
  type SyncAnswer,
  type WorkspaceResponse,
} from '../protocol';
import { HlcError } from '../protocol/hlc';
import { ensureDeviceClock } from '../store/clock';
import type { Db, OutboxEntry, QuarantineEntry } from '../store/db';
import { getKnownDevices, setKnownDevices } from '../store/devices';
import { startNewEpoch } from '../store/epoch';
import { acknowledgePush, takeOutboxBatch } from '../store/outbox';
import { applyPulledPage, readLogPosition, type PulledPageResult, type RemoteChange } from '../store/pulled-page';
import { SyncError } from './client';
import { getConnection, type Connection } from './connection';
import { DecryptError, decryptBody, encryptGroup, fromBase64Url, importWorkspaceKey, type SyncGroup } from './crypto';
import { parseKeyGeneration } from './device-keys';
import { receiveKeyring, type KeyringItem } from './keyring';
import { checkField, mayWrite, type Role } from './merge';

/** What a sync run needs from the endpoint (the HTTP client, or an in-memory log in tests). */
/** What a device tells the server about its cursor (protocol v2, "Cursor check"). */
export interface CursorCheck {
  /** The `cursorHlc` the server named with the cursor. */
  hlc: string;
  /** The epoch the cursor counts in. */
  epoch?: string;
}

export interface SyncTransport {
  sync(since: number, messages: Envelope[], check?: CursorCheck): Promise<SyncAnswer>;
  workspace(): Promise<WorkspaceResponse>;
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  applied: number;
  quarantined: number;
  serverTime: string | null;
}

/**
 * How far the device clock may be from the server's before a run stops with `clock-skew` (the
 * user's clock is wrong). Half the 24 h future limit: an honest message, stamped at most at the
 * server's time, then looks at most 12 h ahead here, well inside the limit at which a single
 * message is quarantined as `future-hlc`, so a wrong device clock is never mistaken for bad messages.
 */
export const MAX_DEVICE_SKEW_MS = 12 * 60 * 60 * 1000;

/**
 * Why a message is quarantined before it is decrypted: `bad-message` (no valid device, key
 * generation or body: not base64url, or over 64 KiB), `malformed-hlc`, `future-hlc` (more than
 * 24 h ahead of this device's clock), `impersonation` (stamped with this device's id but not
 * written by it), `unknown-key` (a key generation this device does not hold).
 */
export type MessageRefusal = 'bad-message' | 'malformed-hlc' | 'future-hlc' | 'impersonation' | 'unknown-key';

/** The workspace's device roles, refreshed from the server when an author is not yet known. */
class DeviceRoles {
  private roles = new Map<string, Role>();
  private refreshed = false;

  constructor(
    private readonly db: Db,
    private readonly transport: SyncTransport,
  ) {}

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

/** The connection with its keys imported; read again when a rotation brought a new generation. */
interface Keys {
  connection: Connection;
  byId: Map<string, CryptoKey>;
  current: CryptoKey;
}

async function loadKeys(db: Db): Promise<Keys> {
  const connection = await getConnection(db);
  if (!connection) throw new SyncError('not-paired', 'This device is not connected to a workspace');
  const byId = new Map<string, CryptoKey>();
  for (const [keyId, raw] of Object.entries(connection.keys)) byId.set(keyId, await importWorkspaceKey(fromBase64Url(raw)));
  const current = byId.get(connection.currentKeyId);
  if (!current) throw new SyncError('undecryptable', 'The workspace key of this device is missing');
  return { connection, byId, current };
}

/** Whether `keyId` is a generation older than every generation this device holds (and it holds one). */
function predatesHeldKeys(keyId: string, keys: Keys): boolean {
  const generation = parseKeyGeneration(keyId);
  const held = [...keys.byId.keys()].map(parseKeyGeneration).filter((g): g is number => g !== null);
  return generation !== null && held.length > 0 && held.every((g) => g > generation);
}

/** What one run shares across its pages. */
interface Run {
  db: Db;
  keys: Keys;
  /** This device's node id: an hlc carrying it is our own write. */
  node: string;
  roles: DeviceRoles;
}

export interface SyncOnceOptions {
  now?: () => number;
  /** Told, page by page, which remote changes took their value (the background's notifications, issue 15). */
  onApplied?: (changes: readonly RemoteChange[]) => void;
}

/** Runs one full sync for the paired workspace; throws SyncError with a reason on failure. */
export async function syncOnce(db: Db, transport: SyncTransport, options: SyncOnceOptions = {}): Promise<SyncReport> {
  const now = options.now ?? Date.now;
  const keys = await loadKeys(db);
  const roles = new DeviceRoles(db, transport);
  await roles.load();
  const run: Run = { db, keys, node: (await ensureDeviceClock(db)).node, roles };

  const report: SyncReport = { pushed: 0, pulled: 0, applied: 0, quarantined: 0, serverTime: null };
  let { cursor, epoch, at } = await readLogPosition(db);
  // The check goes with every request whose cursor the server named an hlc for.
  const checkOf = (hlc: string | null | undefined): CursorCheck | undefined =>
    hlc ? { hlc, ...(epoch !== null ? { epoch } : {}) } : undefined;
  let restarted = false;
  // The next page, already asked for while the current one is decrypted and applied, and its
  // messages decrypted as soon as it is there (used only under the same keys and epoch).
  let prefetched: Promise<SyncAnswer> | undefined;
  let ahead: Promise<OpenedAhead | undefined> | undefined;
  for (;;) {
    const since = cursor;
    let outbox: OutboxEntry[] = [];
    let answer: SyncAnswer;
    let early: OpenedAhead | undefined;
    if (prefetched) {
      answer = await prefetched;
      early = await ahead;
      prefetched = undefined;
      ahead = undefined;
    } else {
      outbox = await takeOutboxBatch(db, MAX_ENVELOPES_PER_REQUEST);
      // Encrypt outside any IndexedDB transaction: awaiting WebCrypto inside one lets it auto-commit.
      // Read the keys now: a rotation taken in on an earlier page makes the newest generation current.
      const { connection, current } = run.keys;
      const envelopes = await Promise.all(
        outbox.map(async (entry): Promise<Envelope> => ({
          hlc: entry.hlc,
          keyId: connection.currentKeyId,
          body: await encryptGroup(
            current,
            { workspaceId: connection.workspaceId, hlc: entry.hlc, keyId: connection.currentKeyId, authorDeviceId: connection.deviceId },
            { entity: entry.entity, id: entry.id, fields: entry.fields },
          ),
        })),
      );
      answer = await transport.sync(since, envelopes, since > 0 ? checkOf(at) : undefined);
    }
    // A bogus cursor is refused before anything of the answer is stored (the pushed entries stay
    // in the outbox; pushing them again is idempotent).
    checkCursor(answer, since);
    await acknowledgePush(db, outbox, answer.rejected, { now });
    report.serverTime = answer.serverTime;
    report.pushed += outbox.length - answer.rejected.length;
    // The server refused our own hlc as too far ahead: our clock is wrong.
    const skew = answer.rejected.find((r) => r.reason === 'clock-skew');
    if (skew) {
      throw new SyncError(
        'clock-skew',
        `The server refused changes stamped ${skew.hlc.slice(0, 24)}; its time is ${answer.serverTime}`,
        undefined,
        undefined,
        undefined,
        answer.serverTime,
      );
    }
    const pageNow = now();
    if (Math.abs(Date.parse(answer.serverTime) - pageNow) > MAX_DEVICE_SKEW_MS) {
      throw new SyncError(
        'clock-skew',
        `This device's clock is far from the server's (${answer.serverTime})`,
        undefined,
        undefined,
        undefined,
        answer.serverTime,
      );
    }
    if (answer.epoch !== undefined && answer.epoch !== epoch) {
      // The first epoch a device hears of (a v1 device upgraded, or a fresh one) is simply adopted.
      if (epoch !== null) {
        if (restarted) throw new SyncError('bad-response', 'The log epoch changed twice in one run');
        restarted = true;
        await startNewEpoch(db, answer.epoch);
        epoch = answer.epoch;
        cursor = 0;
        at = null;
        continue;
      }
      epoch = answer.epoch;
    }
    if (answer.more && answer.messages.length === 0) {
      throw new SyncError('no-progress', `The endpoint says there is more after ${since} but hands out nothing`);
    }
    const morePushes = outbox.length === MAX_ENVELOPES_PER_REQUEST;
    if (answer.more && !morePushes) {
      // Only a read: the stored cursor still moves only with a successful apply below.
      prefetched = transport.sync(answer.cursor, [], checkOf(answer.cursorHlc));
      prefetched.catch(() => undefined);
      ahead = openAhead(run, prefetched, () => epoch);
    }
    // What was decrypted ahead under other keys (a rotation taken in since) or another epoch is decrypted again.
    const reusable = early && early.keys === run.keys && early.epoch === epoch ? early.opened : undefined;
    const pulled = await applyPage(run, answer.messages, { cursor: answer.cursor, epoch, cursorHlc: answer.cursorHlc ?? null }, pageNow, {
      opened: reusable,
      envelopes: early?.envelopes,
    }).catch((error: unknown) => {
      if (error instanceof HlcError) throw new SyncError('clock-skew', error.message, undefined, undefined, undefined, answer.serverTime);
      throw error;
    });
    report.pulled += answer.messages.length;
    report.applied += pulled.applied;
    report.quarantined += pulled.quarantined;
    if (pulled.appliedChanges.length > 0) options.onApplied?.(pulled.appliedChanges);
    cursor = answer.cursor;
    at = answer.cursorHlc ?? null;
    if (!answer.more && !morePushes) break;
  }
  return report;
}

/**
 * The cursor rules: every seq greater than `since` and strictly increasing, and the cursor the
 * last seq (or `since` when there is none). Anything else is a bogus answer, refused whole.
 */
function checkCursor(answer: SyncAnswer, since: number): void {
  let last = since;
  for (const { seq } of answer.messages) {
    if (seq <= last) throw new SyncError('bad-response', `Message seq ${seq} does not follow ${last}`);
    last = seq;
  }
  if (answer.cursor !== last) throw new SyncError('bad-response', `Cursor ${answer.cursor} is not the last seq ${last}`);
}

/** A field of a decrypted group with the reason it may not be applied (checkField), or null. */
type CheckedField = [field: string, value: unknown, invalid: string | null];

/**
 * A message that passed the envelope checks, decrypted with its fields checked (none for a
 * keyring message), or with the reason it was not.
 */
type Opened = { message: StoredMessage; group: SyncGroup; checked: CheckedField[] } | { message: StoredMessage; failure: string };

/** The raw messages of an answer as storedMessageSchema parsed them (a refused one is absent). */
type Envelopes = WeakMap<SyncAnswer['messages'][number], StoredMessage>;

/** What was done for a page before its turn: its envelopes parsed, and its messages decrypted under the run's keys then. */
interface Early {
  opened?: ReadonlyMap<number, Opened>;
  envelopes?: Envelopes;
}

/** The messages of a page decrypted before their turn (by seq), with the keys and the epoch it was done under. */
interface OpenedAhead {
  keys: Keys;
  epoch: string | null;
  opened: ReadonlyMap<number, Opened>;
  envelopes: Envelopes;
}

/**
 * Decrypts the messages of the page `answer` brings as soon as it is there, with the keys the
 * run holds then (the current page may still be applying). Nothing is judged or stored here;
 * a failure leaves it to the page's own turn (undefined).
 */
function openAhead(run: Run, answer: Promise<SyncAnswer>, epoch: () => string | null): Promise<OpenedAhead | undefined> {
  const ahead = answer.then(async ({ messages }) => {
    const { keys } = run;
    const at = epoch();
    const candidates: StoredMessage[] = [];
    const envelopes: Envelopes = new WeakMap();
    for (const raw of messages) {
      const parsed = storedMessageSchema.safeParse(raw);
      if (!parsed.success) continue;
      envelopes.set(raw, parsed.data);
      if (parsed.data.device !== keys.connection.deviceId) candidates.push(parsed.data);
    }
    const opened = await openAll(keys, candidates);
    return { keys, epoch: at, opened: new Map(opened.map((result) => [result.message.seq, result])), envelopes };
  });
  return ahead.catch(() => undefined);
}

/** Whether two messages are the same envelope. */
const sameMessage = (a: StoredMessage, b: StoredMessage) =>
  a.seq === b.seq && a.hlc === b.hlc && a.keyId === b.keyId && a.device === b.device && a.body === b.body;

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 80) : '');

/** Why a message the schema refused is refused: its hlc, or the rest of its envelope. */
function envelopeFailure(raw: Record<string, unknown>): MessageRefusal {
  return storedMessageSchema.shape.hlc.safeParse(raw.hlc).success ? 'bad-message' : 'malformed-hlc';
}

/**
 * Checks, decrypts and judges one page, then applies it with its quarantine, cursor and epoch in
 * one transaction. Rotation messages go to the keyring first (in page order); when they brought
 * a new key, the page's messages under unknown generations are decrypted again. Roles are looked
 * up before the transaction: nothing waits on the network inside it.
 */
async function applyPage(
  run: Run,
  messages: SyncAnswer['messages'],
  position: { cursor: number; epoch: string | null; cursorHlc: string | null },
  pageNow: number,
  /** What openAhead did for this page: its envelopes parsed, and its messages decrypted under the run's current keys. */
  early: Early = {},
): Promise<PulledPageResult> {
  const { db } = run;
  const { deviceId, workspaceId } = run.keys.connection;
  const receivedAt = new Date(pageNow).toISOString();
  const quarantine: QuarantineEntry[] = [];
  const refuse = (message: { hlc: string; device: string }, reason: string, field?: string) =>
    quarantine.push({ hlc: message.hlc, device: message.device, reason, receivedAt, ...(field === undefined ? {} : { field }) });

  const candidates: StoredMessage[] = [];
  for (const raw of messages) {
    const known = early.envelopes?.get(raw);
    const parsed = known ? { success: true as const, data: known } : storedMessageSchema.safeParse(raw);
    if (!parsed.success) {
      refuse({ hlc: text(raw.hlc), device: text(raw.device) }, envelopeFailure(raw));
      continue;
    }
    const message = parsed.data;
    if (Date.parse(message.hlc.slice(0, 24)) - pageNow > MAX_FUTURE_MS) refuse(message, 'future-hlc');
    else if (message.device !== deviceId) candidates.push(message);
    // Our own write is applied already; our id on anything else is the server lying.
    else if (message.hlc.slice(-16) !== run.node) refuse(message, 'impersonation');
  }

  const opened: Opened[] = [];
  let batch = candidates;
  for (let first = true; ; first = false) {
    const results = await openAll(run.keys, batch, first ? early.opened : undefined);
    const rotations = results.filter((r): r is Opened & { group: SyncGroup } => 'group' in r && r.group.entity === 'keyring');
    let keysChanged = false;
    if (rotations.length > 0) {
      const items: KeyringItem[] = rotations.map(({ message, group }) => ({
        group,
        device: message.device,
        hlc: message.hlc,
        keyId: message.keyId,
      }));
      const outcome = await receiveKeyring(db, items, { workspaceId, deviceId, now: () => pageNow });
      quarantine.push(...outcome.quarantine);
      keysChanged = outcome.keysChanged;
    }
    const retry = keysChanged ? results.filter((r) => 'failure' in r && r.failure === 'unknown-key') : [];
    const handled = new Set<Opened>([...rotations, ...retry]);
    for (const result of results) if (!handled.has(result)) opened.push(result);
    if (keysChanged) run.keys = await loadKeys(db);
    if (retry.length === 0) break;
    batch = retry.map((r) => r.message);
  }

  const changes: RemoteChange[] = [];
  opened.sort((a, b) => a.message.seq - b.message.seq);
  for (const result of opened) {
    const { message } = result;
    if ('failure' in result) {
      // Issue 11: a successor invited with "current state only" holds no generation before her
      // first; what was written under an older one is not hers to read, not a fault to report.
      if (result.failure === 'unknown-key' && predatesHeldKeys(message.keyId, run.keys)) continue;
      refuse(message, result.failure);
      continue;
    }
    const { entity, id } = result.group;
    if (entity === 'keyring') continue;
    for (const [field, value, invalid] of result.checked) {
      if (invalid) refuse(message, invalid, field);
      else changes.push({ entity, id, field, value, hlc: message.hlc, device: message.device });
    }
  }
  const authorRoles = new Map<string, Role | undefined>();
  for (const { device } of changes) if (!authorRoles.has(device)) authorRoles.set(device, await run.roles.roleOf(device));
  return applyPulledPage(db, {
    changes,
    quarantine,
    ...position,
    now: () => pageNow,
    refuse: (change, owner) => {
      const role = authorRoles.get(change.device);
      if (role === undefined) return 'unknown-device';
      return mayWrite(role, change.device, change, owner) ? null : 'not-allowed';
    },
  });
}

/**
 * Decrypts messages concurrently: WebCrypto works off the main thread, one by one it idles. A
 * message found in `early` (decrypted ahead under these keys) is taken from there.
 */
function openAll(keys: Keys, messages: StoredMessage[], early?: ReadonlyMap<number, Opened>): Promise<Opened[]> {
  const { workspaceId } = keys.connection;
  return Promise.all(
    messages.map(async (message): Promise<Opened> => {
      const known = early?.get(message.seq);
      if (known && sameMessage(known.message, message)) return { ...known, message };
      const key = keys.byId.get(message.keyId);
      if (!key) return { message, failure: 'unknown-key' satisfies MessageRefusal };
      try {
        // Generations after k1 were made by v2 rotations: only v2 bodies (author bound) count there.
        const { group } = await decryptBody(
          key,
          { workspaceId, hlc: message.hlc, keyId: message.keyId, authorDeviceId: message.device },
          message.body,
          {
            requireV2: message.keyId !== 'k1',
          },
        );
        // Checked here, so a page decrypted ahead is checked ahead too. `fields` is a
        // null-prototype object of checked names (crypto.ts): own entries only.
        const { entity } = group;
        const checked: CheckedField[] =
          entity === 'keyring'
            ? []
            : Object.entries(group.fields).map(([field, value]): CheckedField => [field, value, checkField(entity, field, value)]);
        return { message, group, checked };
      } catch (error) {
        if (!(error instanceof DecryptError)) throw error;
        return { message, failure: error.reason };
      }
    }),
  );
}
