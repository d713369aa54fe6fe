/**
 * Scale-out (issue 16): two endpoint processes on one PostgreSQL behind a round-robin proxy, as an
 * operator would run them behind a load balancer. Concurrent writers push through the proxy while
 * readers follow the cursor through it, so every reader's requests alternate between the instances:
 * no reader may miss or see twice a message. And the rate limits, counted in the database, hold for
 * the pair as for one instance (per-process buckets would each allow the full budget).
 */
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, StoredMessage } from '../../lib/protocol';
import { startEndpoint, type RunningEndpoint } from '../support/endpoint';
import { Api, createPgDatabase, envelopes, node, type Answer, type TestDatabase } from './helpers';

const WORKSPACES = 2;
const WRITERS = 3;
const READERS = 2;
const BATCHES = 20;
const BATCH_SIZE = 5;
const DEVICE_LIMIT = 200;
const IP_LIMIT = 40;

interface Proxy {
  url: string;
  /** Requests forwarded to each upstream so far. */
  forwarded: number[];
  close(): Promise<void>;
}

/** A round-robin HTTP proxy on loopback: request i goes to upstream i mod n, headers passed through as sent. */
async function roundRobinProxy(upstreams: string[]): Promise<Proxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const forwarded = upstreams.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming, answer) => {
    const index = next++ % upstreams.length;
    forwarded[index]++;
    const target = new URL(upstreams[index]);
    const outgoing = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent },
      (upstream) => {
        answer.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(answer);
      },
    );
    outgoing.on('error', () => answer.writeHead(502).end());
    incoming.pipe(outgoing);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    close: () =>
      new Promise((done) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries a request the endpoint rate-limited, after its Retry-After, as a real client does. */
async function patiently(send: () => Promise<Answer>): Promise<Answer> {
  for (;;) {
    const answer = await send();
    if (answer.status !== 429) return answer;
    await sleep(Number(answer.headers.get('retry-after')) * 1000);
  }
}

describe('two endpoint instances on one PostgreSQL behind a round-robin proxy', () => {
  let db: TestDatabase;
  const instances: RunningEndpoint[] = [];
  let proxy: Proxy;
  let api: Api;

  beforeAll(async () => {
    db = await createPgDatabase();
    const env = {
      ZUARBEIT_RATE_LIMIT_DEVICE: String(DEVICE_LIMIT),
      ZUARBEIT_RATE_LIMIT_IP: String(IP_LIMIT),
      ZUARBEIT_TRUST_PROXY: 'true',
    };
    // One after the other: the second also finds the schema migrated by the first.
    for (let i = 0; i < 2; i++) instances.push(await startEndpoint(db.url, env));
    // Every insert sleeps a little before its commit: wider windows for a seq to become visible out of order.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`
      CREATE FUNCTION jitter() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_sleep(random() * 0.004); RETURN NULL; END $$;
      CREATE TRIGGER jitter AFTER INSERT ON messages FOR EACH STATEMENT EXECUTE FUNCTION jitter();
    `);
    await admin.end();
    proxy = await roundRobinProxy(instances.map((i) => i.origin));
    api = new Api(proxy.url);
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(instances.map((i) => i.stop()));
    await db?.drop();
  });

  it('hands every reader following the cursor each message exactly once, in seq order', async () => {
    type Device = { deviceId: string; token: string };
    const workspaces: { writers: Device[]; readers: Device[]; written: Map<string, string> }[] = [];
    for (let w = 0; w < WORKSPACES; w++) {
      const client = await api.newWorkspace();
      const writers = [client, ...(await Promise.all(Array.from({ length: WRITERS - 1 }, () => api.addDevice(client.token, 'client'))))];
      const readers = await Promise.all(Array.from({ length: READERS }, () => api.addDevice(client.token, 'assistant')));
      workspaces.push({ writers, readers, written: new Map<string, string>() });
    }

    let writing = true;
    const writes = workspaces.flatMap((ws, w) =>
      ws.writers.map(async (writer, k) => {
        let cursor = 0;
        for (let b = 0; b < BATCHES; b++) {
          const batch: Envelope[] = envelopes(b * BATCH_SIZE, BATCH_SIZE, { node: node(1 + w * 16 + k) });
          const answer = await patiently(() => api.sync(writer.token, cursor, batch));
          expect(answer.status).toBe(200);
          expect(answer.body.accepted).toBe(BATCH_SIZE);
          cursor = answer.body.cursor;
          for (const e of batch) ws.written.set(e.hlc, writer.deviceId);
        }
      }),
    );

    const reads = workspaces.flatMap((ws) =>
      ws.readers.map(async (reader) => {
        const seen: StoredMessage[] = [];
        let cursor = 0;
        let epoch: string | undefined;
        for (let drained = false; !drained;) {
          const stillWriting = writing;
          const answer = await patiently(() => api.sync(reader.token, cursor));
          expect(answer.status).toBe(200);
          epoch ??= answer.body.epoch;
          // A cursor always within the log: the epoch never changes under readers that follow it.
          expect(answer.body.epoch).toBe(epoch);
          seen.push(...answer.body.messages);
          cursor = answer.body.cursor;
          drained = !stillWriting && !answer.body.more;
          if (!answer.body.more) await sleep(30);
        }
        return seen;
      }),
    );

    await Promise.all(writes);
    writing = false;
    const readerLogs = await Promise.all(reads);

    const perWorkspace = WRITERS * BATCHES * BATCH_SIZE;
    readerLogs.forEach((seen, r) => {
      const { written } = workspaces[Math.floor(r / READERS)];
      expect(written.size).toBe(perWorkspace);
      const seqs = seen.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seen).toHaveLength(perWorkspace);
      expect(new Map(seen.map((m) => [m.hlc, m.device]))).toEqual(written);
    });
    // Both instances served a fair share.
    for (const count of proxy.forwarded) expect(count).toBeGreaterThan(perWorkspace / BATCH_SIZE);
  }, 120_000);

  it('holds the per-IP limit for the pair: the budget once, not once per instance', async () => {
    // A fresh address (the instances trust X-Forwarded-For, which the proxy passes on as sent).
    const headers = { 'x-forwarded-for': '198.51.100.77' };
    const answers = [];
    for (let i = 0; i < 2 * IP_LIMIT; i++) answers.push(await api.request('GET', '/v1/workspace', { token: 'A'.repeat(43), headers }));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(IP_LIMIT);
    // Refill is 40 a minute; the requests take a few seconds.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(IP_LIMIT + 5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(IP_LIMIT - 5);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  }, 60_000);

  it('holds the per-device limit for the pair', async () => {
    const { token } = await api.newWorkspace();
    const started = performance.now();
    const statuses: number[] = [];
    // What two separate per-process counters would both let through.
    const total = 2 * DEVICE_LIMIT;
    let sent = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < total) {
          sent++;
          statuses.push((await api.request('GET', '/v1/workspace', { token })).status);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const allowed = statuses.filter((s) => s === 200).length;
    // The full budget, plus what refilled meanwhile (10 a second), and never the doubled budget of two separate counters.
    expect(allowed).toBeGreaterThanOrEqual(DEVICE_LIMIT);
    expect(allowed).toBeLessThanOrEqual(DEVICE_LIMIT + Math.ceil(seconds * (DEVICE_LIMIT / 60)) + 1);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  }, 60_000);
});
