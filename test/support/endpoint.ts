// Starts the real sync endpoint (server/src/index.ts) as its own process on a free loopback
// port, so tests can stop, kill and restart it. SQLite in a temp dir by default, or a fresh
// PostgreSQL database on this machine's server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PG_ADMIN_URL = process.env.ZUARBEIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise<void>((ok) => server.close(() => ok()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export interface TestDatabase {
  url: string;
  /** The SQLite file, when the adapter is SQLite. */
  file?: string;
  drop(): Promise<void>;
}

/** A temporary SQLite file. */
export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'zuarbeit-test-'));
  const file = join(dir, 'zuarbeit.db');
  return { url: `sqlite:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh PostgreSQL database; fails (never skips) when PostgreSQL is not reachable. */
export async function postgresDatabase(): Promise<TestDatabase> {
  const name = `zuarbeit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL} (start it; see README): ${String(error)}`);
  });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface RunningEndpoint {
  origin: string;
  start(): Promise<void>;
  /** SIGTERM and wait (graceful). */
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-request. */
  kill(): Promise<void>;
}

/** Starts `server/src/index.ts` on a free port against `databaseUrl`. */
export async function startEndpoint(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningEndpoint> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const origin = `http://127.0.0.1:${port}`;
  const stopWith = async (signal: NodeJS.Signals) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill(signal);
    await exited;
  };
  const endpoint: RunningEndpoint = {
    origin,
    async start() {
      child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/index.ts')], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      for (let i = 0; i < 300; i++) {
        if (child.exitCode !== null) throw new Error(`The endpoint exited with ${child.exitCode}`);
        try {
          if ((await fetch(`${origin}/healthz`)).ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('The endpoint did not start within 30 s');
    },
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
  await endpoint.start();
  return endpoint;
}
