/** Versioned schema of the SQLite adapter; append a migration, never edit an applied one. */
import type Database from 'better-sqlite3';
import { newEpoch } from '../epoch';
import type { Migration } from './types';

export const sqliteMigrations: Migration<Database.Database>[] = [
  {
    version: 1,
    name: 'workspaces, devices, invites, messages',
    sql: `
      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        -- The per-workspace seq counter: bumped inside every writing transaction (DESIGN.md, "seq").
        last_seq INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id),
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('client', 'assistant')),
        token_hash BLOB NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX devices_by_workspace ON devices (workspace_id);
      CREATE TABLE invites (
        code_hash BLOB PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id),
        role TEXT NOT NULL CHECK (role IN ('client', 'assistant')),
        created_by TEXT NOT NULL REFERENCES devices (id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        used_by TEXT
      );
      CREATE INDEX invites_by_creator ON invites (created_by);
      CREATE TABLE messages (
        workspace_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        hlc TEXT NOT NULL,
        key_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        body TEXT NOT NULL,
        body_bytes INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (workspace_id, seq)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX messages_by_hlc ON messages (workspace_id, hlc);
    `,
  },
  {
    version: 2,
    name: 'protocol v2: log epochs, device keys',
    sql: `
      -- '' only until the backfill below; createWorkspace always sets an epoch.
      ALTER TABLE workspaces ADD COLUMN epoch TEXT NOT NULL DEFAULT '';
      ALTER TABLE devices ADD COLUMN public_key TEXT;
      ALTER TABLE devices ADD COLUMN key_proof TEXT;
    `,
    backfill: (db) => {
      const ids = db.prepare("SELECT id FROM workspaces WHERE epoch = ''").pluck().all() as string[];
      const setEpoch = db.prepare('UPDATE workspaces SET epoch = ? WHERE id = ?');
      for (const id of ids) setEpoch.run(newEpoch(), id);
    },
  },
  {
    version: 3,
    name: 'rate-limit buckets',
    sql: `
      -- One token bucket per device or client address; rows untouched for a minute are full and swept.
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        updated_at INTEGER NOT NULL,
        allowed INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
