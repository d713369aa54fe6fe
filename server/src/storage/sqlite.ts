/**
 * SQLite adapter (better-sqlite3 12): the default for one endpoint process. WAL mode, created on
 * first start. better-sqlite3 is synchronous, so every method runs to completion without
 * interleaving; transactions still group writes so a crash leaves no half-applied request.
 *
 * Writes are group-committed twice over: the pushes that arrive within one turn of the event loop
 * share one transaction, and (in the default `FULL` durability) every write is acknowledged only
 * after a WAL fdatasync that runs off the event loop and is shared by all commits waiting for it
 * (wal-sync.ts). A synchronous fsync per commit would otherwise block the whole process on the disk.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Envelope, Rejected, Role, StoredMessage } from '../../../lib/protocol';
import { decodedBytes } from './body-size';
import { newEpoch } from './epoch';
import { WalSync } from './wal-sync';
import { sqliteMigrations } from './migrations/sqlite';
import type {
  AppendResult,
  AuthenticatedDevice,
  CursorCheck,
  DeviceKeyResult,
  DeviceLimit,
  DeviceRecord,
  NewDevice,
  NewInvite,
  Page,
  RedeemResult,
  RevokeResult,
  Storage,
  TokenTake,
} from './types';
import { BUCKET_REFILL_MS } from './types';

interface PendingAppend {
  workspaceId: string;
  deviceId: string;
  envelopes: Envelope[];
  now: number;
  since: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface SqliteOptions {
  /**
   * `FULL` (default): a write is acknowledged only once it is on disk, so an acknowledged push
   * survives a power cut (clients delete their outbox on acknowledgement). `NORMAL`: acknowledged
   * once written to the OS; survives a crash of the process, not of the machine.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating file and directory if needed) and migrates a SQLite database. */
export function openSqliteStorage(path: string, options: SqliteOptions = {}): SqliteStorage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // Durability comes from WalSync (off the event loop), not from SQLite's blocking per-commit fsync.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const durable = (options.synchronous ?? 'FULL') === 'FULL' && path !== ':memory:';
  return new SqliteStorage(db, durable ? new WalSync(path) : null);
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
    const current = row.version ?? 0;
    for (const migration of sqliteMigrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      migration.backfill?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    }
  });
  apply.immediate();
}

/** The bucket after refilling for the time since its last use (SET expressions read the old row). */
const REFILLED = 'min(@cap, tokens + max(0, @now - updated_at) * (@cap * 1.0 / @refillMs))';
/** One statement takes a token or refuses, so no read-modify-write race. */
const takeTokenSql = `INSERT INTO rate_limits (key, tokens, updated_at, allowed) VALUES (@key, @cap - 1, @now, 1)
  ON CONFLICT (key) DO UPDATE SET
    tokens = CASE WHEN ${REFILLED} >= 1 THEN ${REFILLED} - 1 ELSE ${REFILLED} END,
    allowed = ${REFILLED} >= 1,
    updated_at = max(updated_at, @now)
  RETURNING tokens, allowed`;

export class SqliteStorage implements Storage {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements;
  private readonly appendTx;
  private readonly appendGroupTx;
  private pendingAppends: PendingAppend[] = [];
  private readonly redeemTx;
  private readonly revokeTx;
  private readonly renewEpochsTx;
  private lastSweep = 0;

  constructor(
    db: Database.Database,
    private readonly walSync: WalSync | null,
  ) {
    this.db = db;
    const s = {
      insertWorkspace: db.prepare('INSERT INTO workspaces (id, created_at, epoch) VALUES (?, ?, ?)'),
      insertDevice: db.prepare(
        `INSERT INTO devices (id, workspace_id, name, role, token_hash, public_key, created_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      authenticate: db.prepare(
        `SELECT id AS deviceId, workspace_id AS workspaceId, role, last_seen_at AS lastSeenAt, revoked_at AS revokedAt
         FROM devices WHERE token_hash = ?`,
      ),
      touch: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
      insertInvite: db.prepare(
        `INSERT INTO invites (code_hash, workspace_id, role, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      findInvite: db.prepare(
        `SELECT i.workspace_id AS workspaceId, i.role, i.expires_at AS expiresAt, i.used_at AS usedAt, w.epoch
         FROM invites i JOIN workspaces w ON w.id = i.workspace_id WHERE i.code_hash = ?`,
      ),
      useInvite: db.prepare('UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ?'),
      listDevices: db.prepare(
        `SELECT id, name, role, created_at AS createdAt, last_seen_at AS lastSeenAt, revoked_at AS revokedAt,
           public_key AS publicKey, key_proof AS keyProof
         FROM devices WHERE workspace_id = ? ORDER BY created_at, id`,
      ),
      epoch: db.prepare('SELECT epoch FROM workspaces WHERE id = ?').pluck(),
      logEnd: db.prepare('SELECT last_seq AS lastSeq, epoch FROM workspaces WHERE id = ?'),
      setEpoch: db.prepare('UPDATE workspaces SET epoch = ? WHERE id = ?'),
      workspaceIds: db.prepare('SELECT id FROM workspaces').pluck(),
      // Matches only when the key is unset, or equal with a proof that is unset, absent or equal.
      setKey: db.prepare(
        `UPDATE devices SET public_key = @publicKey, key_proof = coalesce(key_proof, @keyProof)
         WHERE id = @deviceId AND (public_key IS NULL
           OR (public_key = @publicKey AND (key_proof IS NULL OR @keyProof IS NULL OR key_proof = @keyProof)))`,
      ),
      revokeInvites: db.prepare('DELETE FROM invites WHERE workspace_id = ? AND used_at IS NULL AND expires_at > ?'),
      takeToken: db.prepare(takeTokenSql),
      sweepBuckets: db.prepare('DELETE FROM rate_limits WHERE updated_at <= ?'),
      activity: db.prepare(
        `SELECT (SELECT coalesce(sum(last_seq), 0) FROM workspaces) AS messages,
           (SELECT count(*) FROM devices WHERE revoked_at IS NULL AND last_seen_at >= ?) AS activeDevices`,
      ),
      findDevice: db.prepare('SELECT role, revoked_at AS revokedAt FROM devices WHERE id = ? AND workspace_id = ?'),
      countOtherClients: db.prepare(
        `SELECT count(*) AS n FROM devices
         WHERE workspace_id = ? AND role = 'client' AND revoked_at IS NULL AND id != ?`,
      ),
      revoke: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ?'),
      dropInvitesOf: db.prepare('DELETE FROM invites WHERE created_by = ? AND used_at IS NULL'),
      lastSeq: db.prepare('SELECT last_seq AS lastSeq FROM workspaces WHERE id = ?'),
      setLastSeq: db.prepare('UPDATE workspaces SET last_seq = ? WHERE id = ?'),
      insertMessage: db.prepare(
        `INSERT INTO messages (workspace_id, seq, hlc, key_id, device_id, body, body_bytes, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, hlc) DO NOTHING`,
      ),
      hlcOwner: db.prepare('SELECT device_id AS device FROM messages WHERE workspace_id = ? AND hlc = ?').pluck(),
      page: db.prepare(
        `SELECT seq, hlc, key_id AS keyId, device_id AS device, body, body_bytes AS bytes
         FROM messages WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      hlcAt: db.prepare('SELECT hlc FROM messages WHERE workspace_id = ? AND seq = ?').pluck(),
    };
    this.statements = s;

    const append = (workspaceId: string, deviceId: string, envelopes: Envelope[], now: number, since: number): AppendResult => {
      const { lastSeq } = s.lastSeq.get(workspaceId) as { lastSeq: number };
      if (since > lastSeq) s.setEpoch.run(newEpoch(), workspaceId);
      let seq = lastSeq;
      let accepted = 0;
      const rejected: Rejected[] = [];
      for (const { hlc, keyId, body } of envelopes) {
        const { changes } = s.insertMessage.run(workspaceId, seq + 1, hlc, keyId, deviceId, body, decodedBytes(body), now);
        if (changes === 1) {
          seq += 1;
          accepted += 1;
        } else if (s.hlcOwner.get(workspaceId, hlc) === deviceId) {
          accepted += 1;
        } else {
          rejected.push({ hlc, reason: 'hlc-taken' });
        }
      }
      if (seq !== lastSeq) s.setLastSeq.run(seq, workspaceId);
      return { accepted, rejected };
    };
    this.appendTx = db.transaction(append);
    this.appendGroupTx = db.transaction((group: PendingAppend[]) =>
      group.map((p) => append(p.workspaceId, p.deviceId, p.envelopes, p.now, p.since)),
    );

    this.redeemTx = db.transaction((codeHash: Buffer, device: NewDevice, now: number): RedeemResult => {
      const invite = s.findInvite.get(codeHash) as
        { workspaceId: string; role: Role; expiresAt: number; usedAt: number | null; epoch: string } | undefined;
      if (!invite) return { ok: false, reason: 'not-found' };
      if (invite.usedAt !== null) return { ok: false, reason: 'used' };
      if (invite.expiresAt <= now) return { ok: false, reason: 'expired' };
      s.useInvite.run(now, device.deviceId, codeHash);
      s.insertDevice.run(device.deviceId, invite.workspaceId, device.deviceName, invite.role, device.tokenHash, device.publicKey, now, now);
      return { ok: true, workspaceId: invite.workspaceId, role: invite.role, epoch: invite.epoch };
    });

    this.revokeTx = db.transaction((workspaceId: string, deviceId: string, now: number): RevokeResult => {
      const target = s.findDevice.get(deviceId, workspaceId) as { role: Role; revokedAt: number | null } | undefined;
      if (!target) return 'not-found';
      if (target.revokedAt !== null) return 'revoked';
      if (target.role === 'client') {
        const { n } = s.countOtherClients.get(workspaceId, deviceId) as { n: number };
        if (n === 0) return 'last-client';
      }
      s.revoke.run(now, deviceId);
      s.dropInvitesOf.run(deviceId);
      return 'revoked';
    });

    this.renewEpochsTx = db.transaction((): number => {
      const ids = s.workspaceIds.all() as string[];
      for (const id of ids) s.setEpoch.run(newEpoch(), id);
      return ids.length;
    });
  }

  /** Resolves with `value` once what was committed so far is durable. */
  private async durable<T>(value: T): Promise<T> {
    if (this.walSync) await this.walSync.flush();
    return value;
  }

  async createWorkspace(workspaceId: string, device: NewDevice, now: number): Promise<{ epoch: string }> {
    const s = this.statements;
    const epoch = newEpoch();
    this.db.transaction(() => {
      s.insertWorkspace.run(workspaceId, now, epoch);
      s.insertDevice.run(device.deviceId, workspaceId, device.deviceName, 'client', device.tokenHash, device.publicKey, now, now);
    })();
    return this.durable({ epoch });
  }

  async authenticate(tokenHash: Buffer, limit: DeviceLimit): Promise<(AuthenticatedDevice & { take: TokenTake }) | null> {
    const device = this.statements.authenticate.get(tokenHash) as AuthenticatedDevice | undefined;
    if (!device) return null;
    return { ...device, take: await this.takeToken(`device:${device.deviceId}`, limit.perMinute, limit.now) };
  }

  async touchDevice(deviceId: string, now: number): Promise<void> {
    this.statements.touch.run(now, deviceId);
  }

  async createInvite(invite: NewInvite, now: number): Promise<void> {
    const { codeHash, workspaceId, role, createdBy, expiresAt } = invite;
    this.statements.insertInvite.run(codeHash, workspaceId, role, createdBy, now, expiresAt);
    await this.durable(undefined);
  }

  async redeemInvite(codeHash: Buffer, device: NewDevice, now: number): Promise<RedeemResult> {
    return this.durable(this.redeemTx.immediate(codeHash, device, now));
  }

  async listDevices(workspaceId: string): Promise<DeviceRecord[]> {
    return this.statements.listDevices.all(workspaceId) as DeviceRecord[];
  }

  async revokeDevice(workspaceId: string, deviceId: string, now: number): Promise<RevokeResult> {
    return this.durable(this.revokeTx.immediate(workspaceId, deviceId, now));
  }

  async workspaceEpoch(workspaceId: string): Promise<string> {
    return this.statements.epoch.get(workspaceId) as string;
  }

  async renewEpochs(): Promise<number> {
    return this.durable(this.renewEpochsTx.immediate());
  }

  async setDeviceKey(deviceId: string, publicKey: string, keyProof: string | null): Promise<DeviceKeyResult> {
    const { changes } = this.statements.setKey.run({ deviceId, publicKey, keyProof });
    return this.durable(changes === 1 ? 'stored' : 'exists');
  }

  async revokeInvites(workspaceId: string, now: number): Promise<number> {
    return this.durable(this.statements.revokeInvites.run(workspaceId, now).changes);
  }

  // Not awaited for durability: a bucket lost in a crash only starts full again.
  async takeToken(key: string, perMinute: number, now: number): Promise<TokenTake> {
    if (now - this.lastSweep >= BUCKET_REFILL_MS) {
      this.lastSweep = now;
      this.statements.sweepBuckets.run(now - BUCKET_REFILL_MS);
    }
    const row = this.statements.takeToken.get({ key, cap: perMinute, now, refillMs: BUCKET_REFILL_MS }) as {
      tokens: number;
      allowed: number;
    };
    return { allowed: row.allowed === 1, tokens: row.tokens };
  }

  appendMessages(workspaceId: string, deviceId: string, envelopes: Envelope[], now: number, since: number): Promise<AppendResult> {
    if (envelopes.length === 0) return Promise.resolve({ accepted: 0, rejected: [] });
    return new Promise((resolve, reject) => {
      this.pendingAppends.push({ workspaceId, deviceId, envelopes, now, since, resolve, reject });
      if (this.pendingAppends.length === 1) setImmediate(this.commitPendingAppends);
    });
  }

  private readonly commitPendingAppends = (): void => {
    const group = this.pendingAppends;
    this.pendingAppends = [];
    let results: AppendResult[];
    try {
      results = this.appendGroupTx.immediate(group);
    } catch {
      // One failing append must not fail its neighbours: retry each alone, each with its own outcome.
      for (const p of group) {
        try {
          this.durable(this.appendTx.immediate(p.workspaceId, p.deviceId, p.envelopes, p.now, p.since)).then(p.resolve, p.reject);
        } catch (error) {
          p.reject(error);
        }
      }
      return;
    }
    this.durable(results).then(
      () => group.forEach((p, i) => p.resolve(results[i])),
      (error: unknown) => group.forEach((p) => p.reject(error)),
    );
  };

  async readMessages(workspaceId: string, since: number, limit: number, maxBodyBytes: number, check?: CursorCheck): Promise<Page> {
    const log = this.statements.logEnd.get(workspaceId) as { lastSeq: number; epoch: string };
    let epoch = log.epoch;
    const atSince = since > 0 ? ((this.statements.hlcAt.get(workspaceId, since) as string | undefined) ?? null) : null;
    const otherLog = check !== undefined && since > 0 && (check.epoch === undefined || check.epoch === log.epoch) && atSince !== check.hlc;
    if (since > log.lastSeq || otherLog) {
      epoch = newEpoch();
      this.statements.setEpoch.run(epoch, workspaceId);
      await this.durable(undefined);
    }
    const messages: StoredMessage[] = [];
    let bytes = 0;
    let more = false;
    // iterate() rather than all(): a page of large bodies stops early instead of loading 1,001 rows.
    for (const row of this.statements.page.iterate(workspaceId, since, limit + 1) as Iterable<StoredMessage & { bytes: number }>) {
      if (messages.length === limit || (messages.length > 0 && bytes + row.bytes > maxBodyBytes)) {
        more = true;
        break;
      }
      bytes += row.bytes;
      messages.push({ seq: row.seq, hlc: row.hlc, keyId: row.keyId, device: row.device, body: row.body });
    }
    return { messages, more, epoch, atSince };
  }

  async activity(seenSince: number): Promise<{ messages: number; activeDevices: number }> {
    return this.statements.activity.get(seenSince) as { messages: number; activeDevices: number };
  }

  async close(): Promise<void> {
    if (this.pendingAppends.length > 0) this.commitPendingAppends();
    if (this.walSync) await this.walSync.flush();
    this.walSync?.close();
    if (this.db.open) this.db.close();
  }
}
