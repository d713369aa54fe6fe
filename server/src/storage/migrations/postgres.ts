/** Versioned schema of the PostgreSQL adapter; append a migration, never edit an applied one. */
import type { Migration } from './types';

export const postgresMigrations: Migration[] = [
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
];
