/** Versioned schema of the PostgreSQL adapter; append a migration, never edit an applied one. */
import type pg from 'pg';
import { newEpoch } from '../epoch';
import type { Migration } from './types';

export const postgresMigrations: Migration<pg.PoolClient>[] = [
  {
    version: 1,
    name: 'workspaces, devices, invites, messages',
    sql: `
      CREATE TABLE workspaces (
        id text COLLATE "C" PRIMARY KEY,
        created_at bigint NOT NULL,
        -- The per-workspace seq counter: locked and bumped by every writing statement (DESIGN.md, "seq").
        last_seq bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE devices (
        id text COLLATE "C" PRIMARY KEY,
        workspace_id text COLLATE "C" NOT NULL REFERENCES workspaces (id),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('client', 'assistant')),
        token_hash bytea NOT NULL UNIQUE,
        created_at bigint NOT NULL,
        last_seen_at bigint NOT NULL,
        revoked_at bigint
      );
      CREATE INDEX devices_by_workspace ON devices (workspace_id);
      CREATE TABLE invites (
        code_hash bytea PRIMARY KEY,
        workspace_id text COLLATE "C" NOT NULL REFERENCES workspaces (id),
        role text NOT NULL CHECK (role IN ('client', 'assistant')),
        created_by text COLLATE "C" NOT NULL REFERENCES devices (id),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint,
        used_by text COLLATE "C"
      );
      CREATE INDEX invites_by_creator ON invites (created_by);
      CREATE TABLE messages (
        workspace_id text COLLATE "C" NOT NULL,
        seq bigint NOT NULL,
        hlc text COLLATE "C" NOT NULL,
        key_id text COLLATE "C" NOT NULL,
        device_id text COLLATE "C" NOT NULL,
        body text COLLATE "C" NOT NULL,
        body_bytes integer NOT NULL,
        received_at bigint NOT NULL,
        PRIMARY KEY (workspace_id, seq),
        UNIQUE (workspace_id, hlc)
      );
    `,
  },
  {
    version: 2,
    name: 'protocol v2: log epochs, device keys',
    sql: `
      -- A constant default adds the column without rewriting the table; the backfill replaces it.
      ALTER TABLE workspaces ADD COLUMN epoch text COLLATE "C" NOT NULL DEFAULT '';
      ALTER TABLE devices ADD COLUMN public_key text COLLATE "C", ADD COLUMN key_proof text COLLATE "C";
    `,
    backfill: async (client) => {
      const { rows } = await client.query<{ id: string }>("SELECT id FROM workspaces WHERE epoch = ''");
      await client.query('UPDATE workspaces w SET epoch = v.epoch FROM unnest($1::text[], $2::text[]) AS v (id, epoch) WHERE w.id = v.id', [
        rows.map((r) => r.id),
        rows.map(() => newEpoch()),
      ]);
      // From now on every workspace is created with its epoch; one without would be a bug, so fail loudly.
      await client.query('ALTER TABLE workspaces ALTER COLUMN epoch DROP DEFAULT');
    },
  },
  {
    version: 3,
    name: 'rate-limit buckets',
    sql: `
      -- One token bucket per device or client address, written by every request of every instance.
      -- UNLOGGED: no WAL for it; after a crash or on a failover standby the buckets start full (fail open).
      CREATE UNLOGGED TABLE rate_limits (
        key text COLLATE "C" PRIMARY KEY,
        tokens double precision NOT NULL,
        updated_at bigint NOT NULL,
        allowed boolean NOT NULL
      );
    `,
  },
];
