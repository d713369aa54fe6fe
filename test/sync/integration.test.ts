// Two devices, each with its own IndexedDB, sync through the real endpoint process on
// loopback, on SQLite and on the machine's PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import pg from 'pg';
import type { Entity } from '../../lib/model';
import { addComment, createTask, getRecord, listComments, openZuarbeitDb, updateRecord, type Db } from '../../lib/store';
import { clearConnection, getConnection } from '../../lib/sync/connection';
import { getSyncState, runSync } from '../../lib/sync/loop';
import { createInvitation, createWorkspace, joinWorkspace, listDevices, revokeDevice } from '../../lib/sync/pairing';
import { postgresDatabase, sqliteDatabase, startEndpoint, type RunningEndpoint, type TestDatabase } from '../support/endpoint';

const MARKER = 'GEHEIM-7f3a9c';

function task(id: string, title: string) {
  return {
    id,
    title,
    kind: 'research' as const,
    status: 'new' as const,
    instructions: `Bitte ${MARKER} vertraulich behandeln`,
    source: {
      type: 'selection' as const,
      url: `https://example.com/${MARKER}`,
      title: `Seite ${MARKER}`,
      quote: `Zitat ${MARKER}`,
      capturedAt: new Date().toISOString(),
    },
    due: '2026-12-01',
    priority: 'high' as const,
    autonomy: 'ask-first' as const,
    recurrence: null,
    result: null,
    createdAt: new Date().toISOString(),
  };
}

async function snapshot(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const entity of ['task', 'comment', 'instruction', 'timeEntry'] as Entity[]) {
    for (const record of await db.getAll(entity)) out[`${entity}/${record.id}`] = record.data;
  }
  return out;
}

const sync = async (db: Db) => {
  const result = await runSync(db, { force: true });
  if (result.outcome !== 'synced') throw new Error(`sync ${JSON.stringify(result)}: ${JSON.stringify((await getSyncState(db)).error)}`);
  return result.report;
};

describe.each([
  ['SQLite', sqliteDatabase as () => TestDatabase | Promise<TestDatabase>],
  ['PostgreSQL', postgresDatabase],
])('client sync through the real endpoint on %s', (adapter, makeDatabase) => {
  let database: TestDatabase;
  let endpoint: RunningEndpoint;
  let client: Db;
  let assistant: Db;

  beforeAll(async () => {
    globalThis.indexedDB = new IDBFactory();
    database = await makeDatabase();
    endpoint = await startEndpoint(database.url);
    client = await openZuarbeitDb(`client-${adapter}`);
    assistant = await openZuarbeitDb(`assistant-${adapter}`);
  });
  afterAll(async () => {
    client?.close();
    assistant?.close();
    await endpoint?.stop();
    await database?.drop();
  });

  it('pairs a client and an assistant, and carries a task, a question, an answer and a result', async () => {
    // A task delegated before pairing is not lost: it waits in the outbox.
    await createTask(client, task('t1', 'Urteil zusammenfassen'));
    const connection = await createWorkspace(client, endpoint.origin, 'Kanzlei-Laptop');
    expect(connection.role).toBe('client');
    const { invitation, expiresAt } = await createInvitation(client, 'assistant');
    expect(invitation.startsWith(`zuarbeit:${endpoint.origin}#`)).toBe(true);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const joined = await joinWorkspace(assistant, invitation, 'Assistenz');
    expect(joined.role).toBe('assistant');
    expect(joined.workspaceId).toBe(connection.workspaceId);
    await expect(joinWorkspace(await openZuarbeitDb(`third-${adapter}`), invitation, 'Dritte')).rejects.toMatchObject({
      reason: 'invite-invalid',
    });

    await sync(client);
    await sync(assistant);
    expect((await getRecord(assistant, 'task', 't1'))?.title).toBe('Urteil zusammenfassen');

    await addComment(assistant, 't1', 'Welche Instanz ist gemeint?');
    await updateRecord(assistant, 'task', 't1', { status: 'question' });
    await sync(assistant);
    await sync(client);
    expect((await getRecord(client, 'task', 't1'))?.status).toBe('question');
    expect((await listComments(client, 't1')).records.map((c) => c.body)).toEqual(['Welche Instanz ist gemeint?']);

    await addComment(client, 't1', 'Der BGH.');
    await updateRecord(client, 'task', 't1', { status: 'in-progress' });
    await sync(client);
    await sync(assistant);
    expect((await listComments(assistant, 't1')).records.map((c) => c.body)).toEqual(['Welche Instanz ist gemeint?', 'Der BGH.']);

    await updateRecord(assistant, 'task', 't1', {
      result: { text: `Zusammenfassung ${MARKER}`, links: ['https://example.com/r'] },
      status: 'review',
    });
    await sync(assistant);
    await sync(client);
    const reviewed = await getRecord(client, 'task', 't1');
    expect(reviewed?.status).toBe('review');
    expect(reviewed?.result?.text).toBe(`Zusammenfassung ${MARKER}`);
    await updateRecord(client, 'task', 't1', { status: 'done' });
    await sync(client);
    await sync(assistant);
    expect(await snapshot(assistant)).toEqual(await snapshot(client));
  });

  it('survives an endpoint killed mid-sync and offline work on both sides, losing nothing', async () => {
    for (let i = 0; i < 300; i++) await createTask(client, task(`bulk-${i}`, `Aufgabe ${i}`));
    const inFlight = runSync(client, { force: true });
    await new Promise((r) => setTimeout(r, 30));
    await endpoint.kill();
    await inFlight;
    // Offline on both sides.
    await updateRecord(client, 'task', 't1', { title: 'Offline umbenannt' });
    await addComment(assistant, 't1', 'Offline gefragt');
    expect((await runSync(assistant, { force: true })).outcome).toBe('failed');
    expect((await getSyncState(assistant)).error?.reason).toBe('offline');
    expect(await assistant.count('outbox')).toBeGreaterThan(0);
    await endpoint.start();
    for (let round = 0; round < 2; round++) {
      await sync(client);
      await sync(assistant);
    }
    expect(await client.count('outbox')).toBe(0);
    expect(await assistant.count('outbox')).toBe(0);
    const a = await snapshot(client);
    expect(await snapshot(assistant)).toEqual(a);
    expect(Object.keys(a).filter((k) => k.startsWith('task/bulk-'))).toHaveLength(300);
    expect((await getRecord(assistant, 'task', 't1'))?.title).toBe('Offline umbenannt');
    expect((await listComments(client, 't1')).records.map((c) => c.body)).toContain('Offline gefragt');
  });

  it('stores no task text: the database holds only ciphertext', async () => {
    if (database.file) {
      const bytes = Buffer.concat([database.file, `${database.file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
      expect(bytes.length).toBeGreaterThan(10_000);
      for (const needle of [MARKER, 'Urteil zusammenfassen', 'Welche Instanz', 'Offline umbenannt'])
        expect(bytes.includes(Buffer.from(needle))).toBe(false);
    } else {
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      const tables = await db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      let dump = '';
      for (const { table_name } of tables.rows) dump += JSON.stringify((await db.query(`SELECT * FROM "${table_name}"`)).rows);
      await db.end();
      expect(dump.length).toBeGreaterThan(10_000);
      for (const needle of [MARKER, 'Urteil zusammenfassen', 'Welche Instanz', 'Offline umbenannt'])
        expect(dump.includes(needle)).toBe(false);
    }
  });

  it('shows a revoked device that it was removed', async () => {
    const { invitation } = await createInvitation(client, 'assistant');
    const spare = await openZuarbeitDb(`spare-${adapter}`);
    const joined = await joinWorkspace(spare, invitation, 'Ersatzgerät');
    expect((await listDevices(client)).map((d) => d.name)).toContain('Ersatzgerät');
    await revokeDevice(client, joined.deviceId);
    expect((await runSync(spare, { force: true })).outcome).toBe('failed');
    expect((await getSyncState(spare)).error?.reason).toBe('revoked');
    expect((await getConnection(client))?.role).toBe('client');
    spare.close();
  });

  it('brings every task along when the client moves to a new workspace, and an assistant brings nothing', async () => {
    const before = await snapshot(client);
    await clearConnection(client);
    await createWorkspace(client, endpoint.origin, 'Kanzlei-Laptop (neu)');
    await sync(client);
    const { invitation } = await createInvitation(client, 'assistant');
    const successor = await openZuarbeitDb(`successor-${adapter}`);
    await createTask(successor, task('own', 'Eigene Notiz der Assistenz'));
    await joinWorkspace(successor, invitation, 'Neue Assistenz');
    expect(await successor.count('outbox')).toBe(0);
    await sync(successor);
    const received = await snapshot(successor);
    for (const [key, data] of Object.entries(before)) expect(received[key]).toEqual(data);
    expect((await getSyncState(successor)).quarantined).toBe(0);
    await sync(client);
    expect(await getRecord(client, 'task', 'own')).toBeUndefined();
    successor.close();
  });
});
