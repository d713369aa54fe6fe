// One assistant device in two clients' workspaces (issue 13), each workspace on its own endpoint
// (one on SQLite, one on PostgreSQL): tasks never cross over, and a workspace whose endpoint is
// down shows its own problem while the other keeps syncing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { newTask } from '../../lib/model';
import { addComment, createTask, listComments, listRecords, openZuarbeitDb, type Db } from '../../lib/store';
import { addWorkspace, listWorkspaces, openRegistry, workspaceDb, type WorkspaceEntry } from '../../lib/store/workspaces';
import { getSyncState, runSync } from '../../lib/sync/loop';
import { createInvitation, createWorkspace, joinWorkspace } from '../../lib/sync/pairing';
import { syncWorkspaces } from '../../lib/sync/workspaces';
import { postgresDatabase, sqliteDatabase, startEndpoint, type RunningEndpoint, type TestDatabase } from '../support/endpoint';

describe('one assistant, two clients, two endpoints', () => {
  const databases: TestDatabase[] = [];
  let kanzleiEndpoint: RunningEndpoint;
  let praxisEndpoint: RunningEndpoint;
  let kanzlei: Db;
  let praxis: Db;
  let assistantWorkspaces: WorkspaceEntry[];

  beforeAll(async () => {
    globalThis.indexedDB = new IDBFactory();
    databases.push(sqliteDatabase(), await postgresDatabase());
    kanzleiEndpoint = await startEndpoint(databases[0].url);
    praxisEndpoint = await startEndpoint(databases[1].url);
    kanzlei = await openZuarbeitDb('client-kanzlei');
    praxis = await openZuarbeitDb('client-praxis');
    // The assistant's one extension: the first workspace plus one more.
    const registry = await openRegistry('assistant-registry', 'assistant-first');
    await addWorkspace(registry, { label: 'Praxis Dr. Weber' });
    assistantWorkspaces = await listWorkspaces(registry);
  });
  afterAll(async () => {
    await kanzleiEndpoint?.stop();
    await praxisEndpoint?.stop();
    for (const database of databases) await database.drop();
  });

  const assistantDbs = () => Promise.all(assistantWorkspaces.map((entry) => workspaceDb(entry)));
  const syncAssistant = () =>
    syncWorkspaces(
      assistantWorkspaces.map((entry) => ({ id: entry.id, open: () => workspaceDb(entry) })),
      { force: true },
    );

  it('keeps each client’s tasks in its own workspace and answers go back to the right client', async () => {
    await createWorkspace(kanzlei, kanzleiEndpoint.origin, 'Kanzlei Nowag');
    await createWorkspace(praxis, praxisEndpoint.origin, 'Praxis Weber');
    const [inKanzlei, inPraxis] = await assistantDbs();
    await joinWorkspace(inKanzlei, (await createInvitation(kanzlei)).invitation, 'Anna');
    await joinWorkspace(inPraxis, (await createInvitation(praxis)).invitation, 'Anna');

    await createTask(kanzlei, newTask({ id: 'k1', title: 'Urteil zusammenfassen' }));
    await createTask(praxis, newTask({ id: 'p1', title: 'Abrechnung prüfen' }));
    expect((await runSync(kanzlei, { force: true })).outcome).toBe('synced');
    expect((await runSync(praxis, { force: true })).outcome).toBe('synced');

    const results = await syncAssistant();
    expect(results.map((r) => r.result.outcome)).toEqual(['synced', 'synced']);
    expect((await listRecords(inKanzlei, 'task')).records.map((t) => t.id)).toEqual(['k1']);
    expect((await listRecords(inPraxis, 'task')).records.map((t) => t.id)).toEqual(['p1']);

    await addComment(inKanzlei, 'k1', 'Welches Gericht?');
    await syncAssistant();
    await runSync(kanzlei, { force: true });
    await runSync(praxis, { force: true });
    expect((await listComments(kanzlei, 'k1')).records.map((c) => c.body)).toEqual(['Welches Gericht?']);
    expect(await praxis.count('comment')).toBe(0);
    expect((await listRecords(praxis, 'task')).records.map((t) => t.id)).toEqual(['p1']);
  });

  it('a workspace whose endpoint is down shows its own problem; the other keeps syncing', async () => {
    const [inKanzlei, inPraxis] = await assistantDbs();
    await kanzleiEndpoint.kill();
    try {
      await createTask(praxis, newTask({ id: 'p2', title: 'Termin verschieben' }));
      await runSync(praxis, { force: true });
      const results = await syncAssistant();
      expect(results.map((r) => r.result.outcome)).toEqual(['failed', 'synced']);
      expect((await getSyncState(inKanzlei)).error?.reason).toBe('offline');
      expect((await getSyncState(inPraxis)).error).toBeNull();
      expect((await listRecords(inPraxis, 'task')).records.map((t) => t.id).sort()).toEqual(['p1', 'p2']);
    } finally {
      await kanzleiEndpoint.start();
    }
    const again = await syncAssistant();
    expect(again.map((r) => r.result.outcome)).toEqual(['synced', 'synced']);
    expect((await getSyncState(inKanzlei)).error).toBeNull();
  });
});
