/**
 * Shared set-up of the server tests: storages on a temp SQLite file or a fresh PostgreSQL database,
 * a real listening endpoint on 127.0.0.1, and a small typed client for the HTTP API.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '../../lib/protocol';
import { createApp, type AppConfig } from '../../server/src/app';
import { silentLogger, type Logger } from '../../server/src/http/logging';
import { startServer } from '../../server/src/http/server';
import { openPostgresStorage } from '../../server/src/storage/postgres';
import { openSqliteStorage } from '../../server/src/storage/sqlite';
import type { Storage } from '../../server/src/storage/types';
import { postgresDatabase } from '../support/endpoint';
export type { TestDatabase } from '../support/endpoint';

/** A randomly named PostgreSQL database for one test file; fails (never skips) when unreachable. */
export const createPgDatabase = postgresDatabase;

export interface StorageFixture {
  kind: 'sqlite' | 'postgres';
  /** Opens one more storage on the same database (another "instance"). */
  open(): Promise<Storage>;
  cleanup(): Promise<void>;
}

export function sqliteFixture(): StorageFixture {
  const dir = mkdtempSync(join(tmpdir(), 'zuarbeit-test-'));
  return {
    kind: 'sqlite',
    open: async () => openSqliteStorage(join(dir, 'data', 'zuarbeit.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function postgresFixture(): Promise<StorageFixture & { url: string }> {
  const db = await createPgDatabase();
  return { kind: 'postgres', url: db.url, open: () => openPostgresStorage(db.url, { poolSize: 4 }), cleanup: db.drop };
}

/** Both storage adapters, for `describe.each(adapters)`: every suite that can differ by adapter runs on both. */
export const adapters = [
  ['sqlite', async (): Promise<StorageFixture> => sqliteFixture()],
  ['postgres', (): Promise<StorageFixture> => postgresFixture()],
] as const;

export const generousLimits: AppConfig = { rateLimitDevice: 1_000_000, rateLimitIp: 1_000_000, trustProxy: false };

export interface TestServer {
  url: string;
  api: Api;
  close(): Promise<void>;
}

/** Serves an app on 127.0.0.1 with an ephemeral port. Closing it leaves the storage open. */
export async function serve(
  storage: Storage,
  options: { config?: Partial<AppConfig>; now?: () => number; logger?: Logger } = {},
): Promise<TestServer> {
  const logger = options.logger ?? silentLogger;
  const app = createApp({ storage, logger, now: options.now, config: { ...generousLimits, ...options.config } });
  const running = await startServer(app, { hostname: '127.0.0.1', port: 0, logger });
  return { url: running.url, api: new Api(running.url), close: () => running.close(1_000) };
}

export interface Answer<T = any> {
  status: number;
  // Answers are checked field by field in the tests; `any` keeps those checks short.
  body: T;
  headers: Headers;
}

/** A thin client of the HTTP API that never throws on an error status. */
export class Api {
  constructor(readonly url: string) {}

  async request(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Left as text: the test that cares asserts on it.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  createWorkspace(deviceName = 'Kanzlei-Laptop', extra: Record<string, unknown> = {}) {
    return this.request('POST', '/v1/workspaces', { json: { deviceName, ...extra } });
  }
  invite(token: string, role: 'client' | 'assistant' = 'assistant', ttlHours?: number) {
    return this.request('POST', '/v1/invites', { token, json: ttlHours === undefined ? { role } : { role, ttlHours } });
  }
  join(code: string, deviceName = 'Assistenz', extra: Record<string, unknown> = {}) {
    return this.request('POST', '/v1/join', { json: { code, deviceName, ...extra } });
  }
  setKey(token: string, json: { publicKey: unknown; keyProof?: unknown }) {
    return this.request('PUT', '/v1/devices/me/key', { token, json });
  }
  revokeInvites(token: string) {
    return this.request('DELETE', '/v1/invites', { token });
  }
  workspace(token: string) {
    return this.request('GET', '/v1/workspace', { token });
  }
  revoke(token: string, deviceId: string) {
    return this.request('DELETE', `/v1/devices/${encodeURIComponent(deviceId)}`, { token });
  }
  sync(token: string, since: number, messages: Envelope[] = [], check: { sinceHlc?: string; sinceEpoch?: string } = {}) {
    return this.request('POST', '/v1/sync', { token, json: { since, ...check, messages } });
  }

  /** A workspace with its client device; throws unless created. */
  async newWorkspace(): Promise<{ workspaceId: string; deviceId: string; token: string; epoch: string }> {
    const answer = await this.createWorkspace();
    if (answer.status !== 201) throw new Error(`create workspace: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Invites and joins one more device; throws unless joined. */
  async addDevice(clientToken: string, role: 'client' | 'assistant' = 'assistant') {
    const invite = await this.invite(clientToken, role);
    if (invite.status !== 201) throw new Error(`invite: ${invite.status}`);
    const joined = await this.join(invite.body.code);
    if (joined.status !== 201) throw new Error(`join: ${joined.status}`);
    return joined.body as { workspaceId: string; deviceId: string; token: string; role: string; epoch: string };
  }
}

/** A node id per call site: `node(1)` is `0000000000000001`. */
export function node(n: number): string {
  return n.toString(16).padStart(16, '0');
}

/** A well-formed envelope; `i` makes the hlc unique for a node (one millisecond apart). */
export function envelope(i: number, options: { node?: string; at?: number; bodyBytes?: number; keyId?: string } = {}): Envelope {
  const at = (options.at ?? Date.UTC(2026, 0, 1)) + i;
  return {
    hlc: `${new Date(at).toISOString()}-0000-${options.node ?? node(1)}`,
    keyId: options.keyId ?? 'k1',
    body: randomBytes(options.bodyBytes ?? 40).toString('base64url'),
  };
}

export function envelopes(from: number, count: number, options: Parameters<typeof envelope>[1] = {}): Envelope[] {
  return Array.from({ length: count }, (_, k) => envelope(from + k, options));
}

/** A real ECDH P-256 public key as the wire carries it: the raw uncompressed point, base64url (87 characters). */
export function publicKey(): string {
  const { publicKey: key } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return key.export({ format: 'der', type: 'spki' }).subarray(-65).toString('base64url');
}

/** A join proof's shape: 32 bytes, base64url (43 characters). */
export function keyProof(): string {
  return randomBytes(32).toString('base64url');
}

/** A clock the test moves. */
export function testClock(start = Date.now()) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) };
}
