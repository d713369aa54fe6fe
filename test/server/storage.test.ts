/**
 * Storage set-up and what a database dump reveals, for both adapters; and the real entrypoint
 * (server/src/index.ts) starting on a fresh SQLite path and stopping on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../server/src/storage/migrations/postgres';
import { sqliteMigrations } from '../../server/src/storage/migrations/sqlite';
import { openStorage } from '../../server/src/storage/open';
import { openSqliteStorage } from '../../server/src/storage/sqlite';
import { createPgDatabase, envelope, node, serve, type TestDatabase } from './helpers';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zuarbeit-storage-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('SQLite storage', () => {
  it('creates file and directory, uses WAL, and migrates once', async () => {
    const path = join(tempDir(), 'nested', 'dir', 'zuarbeit.db');
    const first = await openStorage(`sqlite:${path}`);
    await first.close();
    const second = openSqliteStorage(path);
    await second.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1, 2, 3]);
    db.close();
  });

  it('gives workspaces made before protocol v2 an epoch each when migrating', async () => {
    const path = join(tempDir(), 'v1.db');
    const v1 = new Database(path);
    v1.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    v1.exec(sqliteMigrations[0].sql);
    v1.prepare("INSERT INTO schema_migrations VALUES (1, 'v1', 0)").run();
    for (const id of ['w1', 'w2']) {
      v1.prepare('INSERT INTO workspaces (id, created_at) VALUES (?, 0)').run(id);
      v1.prepare(
        "INSERT INTO devices (id, workspace_id, name, role, token_hash, created_at, last_seen_at) VALUES (?, ?, 'x', 'client', ?, 0, 0)",
      ).run(`d-${id}`, id, Buffer.from(id));
    }
    v1.close();
    const storage = openSqliteStorage(path);
    const epochs = [await storage.workspaceEpoch('w1'), await storage.workspaceEpoch('w2')];
    expect((await storage.listDevices('w1'))[0]).toMatchObject({ publicKey: null, keyProof: null });
    await storage.close();
    for (const epoch of epochs) expect(epoch).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(epochs[0]).not.toBe(epochs[1]);
  });

  it('keeps only hashes of tokens and codes, and bodies as sent', async () => {
    const path = join(tempDir(), 'zuarbeit.db');
    const storage = openSqliteStorage(path);
    const server = await serve(storage);
    const client = await server.api.newWorkspace();
    const invite = await server.api.invite(client.token);
    const pushed = envelope(0, { node: node(41) });
    await server.api.sync(client.token, 0, [pushed]);
    await server.close();
    await storage.close();
    const dump = readdirSync(join(path, '..'))
      .map((f) => readFileSync(join(path, '..', f)).toString('latin1'))
      .join('');
    expect(dump).not.toContain(client.token);
    expect(dump).not.toContain(invite.body.code);
    expect(dump).toContain(pushed.body);
  });
});

describe('PostgreSQL storage', () => {
  let db: TestDatabase;
  afterAll(async () => db?.drop());

  it('migrates once even when several instances start at the same time', async () => {
    db = await createPgDatabase();
    const storages = await Promise.all(Array.from({ length: 4 }, () => openStorage(db.url, { poolSize: 2 })));
    await Promise.all(storages.map((s) => s.close()));
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations');
    await client.end();
    expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
  });

  it('gives workspaces made before protocol v2 an epoch each when migrating', async () => {
    const v1 = await createPgDatabase();
    try {
      const client = new pg.Client({ connectionString: v1.url });
      await client.connect();
      await client.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)');
      await client.query(postgresMigrations[0].sql);
      await client.query("INSERT INTO schema_migrations VALUES (1, 'v1', 0)");
      await client.query("INSERT INTO workspaces (id, created_at) VALUES ('w1', 0), ('w2', 0)");
      await client.end();
      const storage = await openStorage(v1.url, { poolSize: 1 });
      const epochs = [await storage.workspaceEpoch('w1'), await storage.workspaceEpoch('w2')];
      await storage.close();
      for (const epoch of epochs) expect(epoch).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(epochs[0]).not.toBe(epochs[1]);
    } finally {
      await v1.drop();
    }
  });
});

describe('the entrypoint', () => {
  it('starts on a fresh SQLite path, logs JSON lines, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      env: { ...process.env, PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'fresh', 'z.db')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${out}`)), 15_000);
      child.stdout.on('data', () => {
        const match = /"url":"(http:[^"]+)"/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect((await fetch(url + '/healthz')).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg)).toEqual(['listening', 'request', 'shutting down', 'stopped']);
    expect(existsSync(join(dir, 'fresh', 'z.db'))).toBe(true);
  });

  it('refuses to start with an invalid environment', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(err).toContain('DATABASE_URL');
  });
});
