/**
 * PostgreSQL adapter (pg): several stateless endpoint instances share one database. Every query
 * is a named (server-side prepared) statement; seq is allocated per workspace by the writing
 * statement itself, which locks the workspace's counter row (DESIGN.md, "seq").
 */
import pg from 'pg';
import type { Envelope, Rejected, Role, StoredMessage } from '../../../lib/protocol';
import { decodedBytes } from './body-size';
import { newEpoch } from './epoch';
import { postgresMigrations } from './migrations/postgres';
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

const INT8_OID = 20;
/** Times (epoch ms) and seqs are bigint columns; every value this schema holds is a safe integer. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
/** Any constant works: it only keeps two instances from migrating at once. */
const MIGRATION_LOCK = 0x7a756172;

export interface PostgresOptions {
  /** Connections per endpoint instance. */
  poolSize?: number;
}

/** Connects to PostgreSQL and migrates the schema (serialised across instances by an advisory lock). */
export async function openPostgresStorage(connectionString: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    types,
    // Named statements skip re-parsing, but a cached generic plan is made once, when the tables may
    // still be small (a sequential scan then), and never revisited as they grow: plan every execution.
    options: '-c plan_cache_mode=force_custom_plan',
  });
  // An idle connection that dies (database restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStorage(pool);
}

async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)',
    );
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = rows[0].version ?? 0;
    for (const migration of postgresMigrations) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await migration.backfill?.(client);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    }
  });
}

async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A connection whose ROLLBACK fails is in an unknown state: destroy it instead of pooling it.
    await client.query('ROLLBACK').then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw error;
  }
}

/** A bucket after refilling for the time since its last use ($2 capacity, $3 now, $4 BUCKET_REFILL_MS). */
const refilled = 'least($2::float8, r.tokens + greatest(0, $3::int8 - r.updated_at) * $2::float8 / $4::float8)';
/**
 * Takes a token or refuses, in the one upsert that also creates the bucket: it locks the bucket's
 * row, so instances take turns per bucket and none reads a count another is about to change.
 * SET expressions read the old row.
 */
const takeFromBucket = `INSERT INTO rate_limits AS r (key, tokens, updated_at, allowed)
    SELECT key, $2::float8 - 1, $3::int8, true FROM bucket
    ON CONFLICT (key) DO UPDATE SET
      tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
      allowed = ${refilled} >= 1,
      updated_at = greatest(r.updated_at, $3::int8)
    RETURNING tokens, allowed`;

/**
 * The log's epoch, renewed first ($3: the new epoch) when the cursor $2 is beyond its counter, or
 * when the device's cursor check ($6: the hlc it counted at $2, $7: its epoch) finds another
 * message there in the same epoch (docs/protocol.md, "Cursor check").
 */
const currentEpoch = `renewed AS (
      UPDATE workspaces SET epoch = $3 WHERE id = $1 AND (
        last_seq < $2
        OR ($6::text IS NOT NULL AND $2 > 0 AND ($7::text IS NULL OR epoch = $7)
          AND NOT EXISTS (SELECT 1 FROM messages WHERE workspace_id = $1 AND seq = $2 AND hlc = $6))
      ) RETURNING epoch
    ), current AS (
      SELECT epoch FROM renewed
      UNION ALL
      SELECT epoch FROM workspaces WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM renewed)
    )`;

const SQL = {
  /** Authenticates and takes from the device's bucket in one round trip: it is every request's first query. */
  authenticate: `WITH device AS (
      SELECT id, workspace_id, role, last_seen_at, revoked_at FROM devices WHERE token_hash = $1
    ), bucket AS (
      SELECT 'device:' || id AS key FROM device
    ), take AS (${takeFromBucket})
    SELECT id AS "deviceId", workspace_id AS "workspaceId", role, last_seen_at AS "lastSeenAt", revoked_at AS "revokedAt",
      take.tokens, take.allowed
    FROM device, take`,
  takeToken: `WITH bucket AS (SELECT $1::text AS key) ${takeFromBucket}`,
  insertDevice: `INSERT INTO devices (id, workspace_id, name, role, token_hash, public_key, created_at, last_seen_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
  /** Matches only when the key is unset, or equal with a proof that is unset, absent or equal. */
  setKey: `UPDATE devices SET public_key = $2, key_proof = coalesce(key_proof, $3)
    WHERE id = $1 AND (public_key IS NULL OR (public_key = $2 AND (key_proof IS NULL OR $3::text IS NULL OR key_proof = $3)))`,
  renewEpochs: 'UPDATE workspaces w SET epoch = v.epoch FROM unnest($1::text[], $2::text[]) AS v (id, epoch) WHERE w.id = v.id',
  /**
   * One statement: the UPDATE locks the workspace's counter row and reserves as many seqs as there
   * are new hlcs; the INSERT numbers them from there. A concurrent writer of the same workspace
   * waits for this statement's commit and then reads the bumped counter, so seqs become visible
   * in order. `fresh` is judged on the statement's snapshot: an hlc that a concurrent writer
   * commits meanwhile is skipped by ON CONFLICT and leaves a harmless gap in the seqs. The same
   * UPDATE renews the epoch when the request's cursor ($8) is beyond the counter before this push.
   */
  append: `WITH incoming AS (
      SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::int4[]) WITH ORDINALITY AS e (hlc, key_id, body, bytes, ord)
    ), fresh AS (
      SELECT incoming.*, row_number() OVER (ORDER BY ord) AS n FROM incoming
      WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.workspace_id = $1 AND m.hlc = incoming.hlc)
    ), counter AS (
      UPDATE workspaces SET last_seq = last_seq + (SELECT count(*) FROM fresh), epoch = CASE WHEN last_seq < $8 THEN $9 ELSE epoch END
      WHERE id = $1
      RETURNING last_seq - (SELECT count(*) FROM fresh) AS base
    )
    INSERT INTO messages (workspace_id, seq, hlc, key_id, device_id, body, body_bytes, received_at)
    SELECT $1, counter.base + fresh.n, fresh.hlc, fresh.key_id, $2, fresh.body, fresh.bytes, $7
    FROM counter, fresh
    ON CONFLICT (workspace_id, hlc) DO NOTHING
    RETURNING hlc`,
  hlcOwners: 'SELECT hlc, device_id AS device FROM messages WHERE workspace_id = $1 AND hlc = ANY ($2::text[])',
  /**
   * The page window picks seqs and sizes only (no bodies in the window's work memory); bodies are
   * joined for the rows that fit. `total` is how many rows the limited window held. The epoch comes
   * along (one row with null message fields when the page is empty). Its UPDATE matches only a
   * cursor beyond the counter, so an ordinary pull neither writes nor waits for a writer's lock.
   */
  page: `WITH ${currentEpoch}, page AS (
      SELECT m.seq, m.hlc, m.key_id AS "keyId", m.device_id AS device, m.body, w.total
      FROM (
        SELECT seq, sum(body_bytes) OVER (ORDER BY seq) - body_bytes AS before, count(*) OVER () AS total
        FROM (SELECT seq, body_bytes FROM messages WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $4) s
      ) w
      JOIN messages m ON m.workspace_id = $1 AND m.seq = w.seq
      WHERE w.before < $5
    )
    SELECT current.epoch, (SELECT hlc FROM messages WHERE workspace_id = $1 AND seq = $2) AS "atSince", page.*
    FROM current LEFT JOIN page ON true ORDER BY page.seq`,
} as const;

export class PostgresStorage implements Storage {
  readonly kind = 'postgres';

  private lastSweep = 0;

  constructor(private readonly pool: pg.Pool) {}

  async createWorkspace(workspaceId: string, device: NewDevice, now: number): Promise<{ epoch: string }> {
    const epoch = newEpoch();
    await transaction(this.pool, async (client) => {
      await client.query('INSERT INTO workspaces (id, created_at, epoch) VALUES ($1, $2, $3)', [workspaceId, now, epoch]);
      await client.query({
        name: 'insert-device',
        text: SQL.insertDevice,
        values: [device.deviceId, workspaceId, device.deviceName, 'client', device.tokenHash, device.publicKey, now],
      });
    });
    return { epoch };
  }

  async authenticate(tokenHash: Buffer, limit: DeviceLimit): Promise<(AuthenticatedDevice & { take: TokenTake }) | null> {
    await this.sweepBuckets(limit.now);
    const { rows } = await this.pool.query<AuthenticatedDevice & TokenTake>({
      name: 'authenticate',
      text: SQL.authenticate,
      values: [tokenHash, limit.perMinute, limit.now, BUCKET_REFILL_MS],
    });
    if (rows.length === 0) return null;
    const { tokens, allowed, ...device } = rows[0];
    return { ...device, take: { tokens, allowed } };
  }

  async touchDevice(deviceId: string, now: number): Promise<void> {
    await this.pool.query({ name: 'touch', text: 'UPDATE devices SET last_seen_at = $1 WHERE id = $2', values: [now, deviceId] });
  }

  async createInvite(invite: NewInvite, now: number): Promise<void> {
    const { codeHash, workspaceId, role, createdBy, expiresAt } = invite;
    await this.pool.query(
      `INSERT INTO invites (code_hash, workspace_id, role, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [codeHash, workspaceId, role, createdBy, now, expiresAt],
    );
  }

  async redeemInvite(codeHash: Buffer, device: NewDevice, now: number): Promise<RedeemResult> {
    return transaction(this.pool, async (client): Promise<RedeemResult> => {
      const { rows } = await client.query<{ workspaceId: string; role: Role; expiresAt: number; usedAt: number | null; epoch: string }>(
        `SELECT i.workspace_id AS "workspaceId", i.role, i.expires_at AS "expiresAt", i.used_at AS "usedAt", w.epoch
         FROM invites i JOIN workspaces w ON w.id = i.workspace_id WHERE i.code_hash = $1 FOR UPDATE OF i`,
        [codeHash],
      );
      const invite = rows[0];
      if (!invite) return { ok: false, reason: 'not-found' };
      if (invite.usedAt !== null) return { ok: false, reason: 'used' };
      if (invite.expiresAt <= now) return { ok: false, reason: 'expired' };
      await client.query('UPDATE invites SET used_at = $1, used_by = $2 WHERE code_hash = $3', [now, device.deviceId, codeHash]);
      await client.query({
        name: 'insert-device',
        text: SQL.insertDevice,
        values: [device.deviceId, invite.workspaceId, device.deviceName, invite.role, device.tokenHash, device.publicKey, now],
      });
      return { ok: true, workspaceId: invite.workspaceId, role: invite.role, epoch: invite.epoch };
    });
  }

  async listDevices(workspaceId: string): Promise<DeviceRecord[]> {
    const { rows } = await this.pool.query<DeviceRecord>({
      name: 'list-devices',
      text: `SELECT id, name, role, created_at AS "createdAt", last_seen_at AS "lastSeenAt", revoked_at AS "revokedAt",
          public_key AS "publicKey", key_proof AS "keyProof"
        FROM devices WHERE workspace_id = $1 ORDER BY created_at, id`,
      values: [workspaceId],
    });
    return rows;
  }

  async workspaceEpoch(workspaceId: string): Promise<string> {
    const { rows } = await this.pool.query<{ epoch: string }>({
      name: 'epoch',
      text: 'SELECT epoch FROM workspaces WHERE id = $1',
      values: [workspaceId],
    });
    return rows[0].epoch;
  }

  async renewEpochs(): Promise<number> {
    return transaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: string }>('SELECT id FROM workspaces');
      await client.query(SQL.renewEpochs, [rows.map((r) => r.id), rows.map(() => newEpoch())]);
      return rows.length;
    });
  }

  async setDeviceKey(deviceId: string, publicKey: string, keyProof: string | null): Promise<DeviceKeyResult> {
    const { rowCount } = await this.pool.query({ name: 'set-key', text: SQL.setKey, values: [deviceId, publicKey, keyProof] });
    return rowCount === 1 ? 'stored' : 'exists';
  }

  async revokeInvites(workspaceId: string, now: number): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM invites WHERE workspace_id = $1 AND used_at IS NULL AND expires_at > $2', [
      workspaceId,
      now,
    ]);
    return rowCount ?? 0;
  }

  async takeToken(key: string, perMinute: number, now: number): Promise<TokenTake> {
    await this.sweepBuckets(now);
    const { rows } = await this.pool.query<TokenTake>({
      name: 'take-token',
      text: SQL.takeToken,
      values: [key, perMinute, now, BUCKET_REFILL_MS],
    });
    return rows[0];
  }

  /** Every instance sweeps about once a minute; a bucket untouched that long is full anyway. */
  private async sweepBuckets(now: number): Promise<void> {
    if (now - this.lastSweep < BUCKET_REFILL_MS) return;
    this.lastSweep = now;
    await this.pool.query({
      name: 'sweep-buckets',
      text: 'DELETE FROM rate_limits WHERE updated_at <= $1',
      values: [now - BUCKET_REFILL_MS],
    });
  }

  async revokeDevice(workspaceId: string, deviceId: string, now: number): Promise<RevokeResult> {
    return transaction(this.pool, async (client): Promise<RevokeResult> => {
      // Serialises revocations within a workspace, so two clients cannot revoke each other at once.
      await client.query('SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
      const { rows } = await client.query<{ role: Role; revokedAt: number | null }>(
        'SELECT role, revoked_at AS "revokedAt" FROM devices WHERE id = $1 AND workspace_id = $2',
        [deviceId, workspaceId],
      );
      const target = rows[0];
      if (!target) return 'not-found';
      if (target.revokedAt !== null) return 'revoked';
      if (target.role === 'client') {
        const others = await client.query<{ n: number }>(
          `SELECT count(*) AS n FROM devices
           WHERE workspace_id = $1 AND role = 'client' AND revoked_at IS NULL AND id <> $2`,
          [workspaceId, deviceId],
        );
        if (others.rows[0].n === 0) return 'last-client';
      }
      await client.query('UPDATE devices SET revoked_at = $1 WHERE id = $2', [now, deviceId]);
      await client.query('DELETE FROM invites WHERE created_by = $1 AND used_at IS NULL', [deviceId]);
      return 'revoked';
    });
  }

  async appendMessages(workspaceId: string, deviceId: string, envelopes: Envelope[], now: number, since: number): Promise<AppendResult> {
    if (envelopes.length === 0) return { accepted: 0, rejected: [] };
    // Within one request the first envelope of an hlc wins; a repeat counts as accepted (same device).
    const unique = new Map<string, Envelope>();
    for (const envelope of envelopes) if (!unique.has(envelope.hlc)) unique.set(envelope.hlc, envelope);
    const batch = [...unique.values()];
    const { rows } = await this.pool.query<{ hlc: string }>({
      name: 'append',
      text: SQL.append,
      values: [
        workspaceId,
        deviceId,
        batch.map((e) => e.hlc),
        batch.map((e) => e.keyId),
        batch.map((e) => e.body),
        batch.map((e) => decodedBytes(e.body)),
        now,
        since,
        newEpoch(),
      ],
    });
    if (rows.length === batch.length) return { accepted: envelopes.length, rejected: [] };
    const stored = new Set(rows.map((r) => r.hlc));
    const existing = batch.filter((e) => !stored.has(e.hlc)).map((e) => e.hlc);
    const owners = await this.pool.query<{ hlc: string; device: string }>({
      name: 'hlc-owners',
      text: SQL.hlcOwners,
      values: [workspaceId, existing],
    });
    const taken = new Set(owners.rows.filter((r) => r.device !== deviceId).map((r) => r.hlc));
    const rejected: Rejected[] = [];
    for (const envelope of envelopes) if (taken.has(envelope.hlc)) rejected.push({ hlc: envelope.hlc, reason: 'hlc-taken' });
    return { accepted: envelopes.length - rejected.length, rejected };
  }

  async readMessages(workspaceId: string, since: number, limit: number, maxBodyBytes: number, check?: CursorCheck): Promise<Page> {
    const { rows } = await this.pool.query<{ epoch: string; atSince: string | null } & (StoredMessage & { total: number })>({
      name: 'page',
      text: SQL.page,
      values: [workspaceId, since, newEpoch(), limit + 1, maxBodyBytes, check?.hlc ?? null, check?.epoch ?? null],
    });
    const epoch = rows[0].epoch;
    const atSince = since > 0 ? rows[0].atSince : null;
    if (rows[0].seq === null) return { messages: [], more: false, epoch, atSince };
    const total = rows[0].total;
    const kept = rows.length > limit ? rows.slice(0, limit) : rows;
    const messages = kept.map(({ seq, hlc, keyId, device, body }) => ({ seq, hlc, keyId, device, body }));
    return { messages, more: total > messages.length, epoch, atSince };
  }

  async activity(seenSince: number): Promise<{ messages: number; activeDevices: number }> {
    // sum() of bigint is numeric, which pg hands over as text.
    const { rows } = await this.pool.query<{ messages: string; activeDevices: number }>(
      `SELECT (SELECT coalesce(sum(last_seq), 0) FROM workspaces) AS messages,
         (SELECT count(*) FROM devices WHERE revoked_at IS NULL AND last_seen_at >= $1) AS "activeDevices"`,
      [seenSince],
    );
    return { messages: Number(rows[0].messages), activeDevices: rows[0].activeDevices };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
