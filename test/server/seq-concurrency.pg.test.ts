/**
 * DESIGN.md, "seq": a reader following the cursor never skips a message that commits later.
 * Several endpoint instances (each with its own pg pool) write one workspace concurrently while a
 * reader on another instance follows the cursor. A trigger makes every insert sleep a few random
 * milliseconds before its commit, widening the window in which a wrongly allocated seq would
 * become visible out of order.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../lib/protocol';
import type { Storage } from '../../server/src/storage/types';
import { envelopes, node, postgresFixture, serve, type TestServer } from './helpers';

const WRITERS = 4;
const BATCHES = 30;
const BATCH_SIZE = 5;

describe('seq allocation on PostgreSQL under concurrent writers', () => {
  let fixture: Awaited<ReturnType<typeof postgresFixture>>;
  const storages: Storage[] = [];
  const servers: TestServer[] = [];

  beforeAll(async () => {
    fixture = await postgresFixture();
    for (let i = 0; i <= WRITERS; i++) {
      const storage = await fixture.open();
      storages.push(storage);
      servers.push(await serve(storage));
    }
    const admin = new pg.Client({ connectionString: fixture.url });
    await admin.connect();
    await admin.query(`
      CREATE FUNCTION jitter() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_sleep(random() * 0.004); RETURN NULL; END $$;
      CREATE TRIGGER jitter AFTER INSERT ON messages FOR EACH STATEMENT EXECUTE FUNCTION jitter();
    `);
    await admin.end();
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(storages.map((s) => s.close()));
    await fixture?.cleanup();
  });

  it('lets a reader see every message exactly once, in seq order, without gaps', async () => {
    const [readerServer, ...writerServers] = servers;
    const client = await readerServer.api.newWorkspace();
    const writers = await Promise.all(writerServers.map(() => readerServer.api.addDevice(client.token, 'assistant')));

    let writing = true;
    const written = new Set<string>();
    const writes = writers.map(async (writer, w) => {
      const api = writerServers[w].api;
      for (let b = 0; b < BATCHES; b++) {
        const batch = envelopes(b * BATCH_SIZE, BATCH_SIZE, { node: node(100 + w) });
        const answer = await api.sync(writer.token, 0, batch);
        expect(answer.status).toBe(200);
        expect(answer.body.accepted).toBe(BATCH_SIZE);
        for (const e of batch) written.add(e.hlc);
      }
    });

    const seen: StoredMessage[] = [];
    let cursor = 0;
    let reads = 0;
    const read = async () => {
      // Keep reading until the writers are done and one more pass finds nothing new.
      for (let drained = false; !drained; reads++) {
        const stillWriting = writing;
        const answer = await readerServer.api.sync(client.token, cursor);
        expect(answer.status).toBe(200);
        seen.push(...answer.body.messages);
        cursor = answer.body.cursor;
        drained = !stillWriting && !answer.body.more;
      }
    };

    const reader = read();
    await Promise.all(writes);
    writing = false;
    await reader;

    const total = WRITERS * BATCHES * BATCH_SIZE;
    expect(written.size).toBe(total);
    expect(reads).toBeGreaterThan(WRITERS);
    expect(seen.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
    expect(new Set(seen.map((m) => m.hlc))).toEqual(written);
  });
});
