// bench/rotation: time to rotate the workspace key of a workspace with 10,000 tasks in "current
// state only" mode (the rotation message through the real endpoint on loopback, SQLite, then the
// open and standing tasks re-published into the outbox), with two assistants to wrap for.
// Prints figures; asserts nothing. Client storage is fake-indexeddb (Node), slower than a browser's.
// Run: npx tsx bench/rotation/run.ts (BENCH_TASKS to change the size).
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { newTask } from '../../lib/model';
import { applyLocalChange, openZuarbeitDb, type FieldChange } from '../../lib/store';
import { SyncClient } from '../../lib/sync/client';
import { getConnection } from '../../lib/sync/connection';
import { createInvitation, createWorkspace, joinWorkspace, listDevices } from '../../lib/sync/pairing';
import { rotateWorkspaceKey } from '../../lib/sync/rotation';
import { sqliteDatabase, startEndpoint } from '../../test/support/endpoint';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);

const database = sqliteDatabase();
const endpoint = await startEndpoint(database.url);
try {
  const client = await openZuarbeitDb('bench-client');
  await createWorkspace(client, endpoint.origin, 'Kanzlei');
  for (const name of ['Anna', 'Bea'])
    await joinWorkspace(await openZuarbeitDb(`bench-${name}`), (await createInvitation(client)).invitation, name);
  await listDevices(client);

  const changes: FieldChange[] = [];
  for (let i = 0; i < TASKS; i++) {
    // A quarter finished: current state only leaves those out.
    const task = newTask({
      id: `task-${i}`,
      title: `Aufgabe ${i}: Schriftsatz prüfen`,
      kind: 'research',
      instructions: 'Bitte die Fristen prüfen. '.repeat(3),
    });
    const status = i % 4 === 0 ? 'done' : 'in-progress';
    for (const [field, value] of Object.entries({ ...task, status }))
      if (field !== 'id') changes.push({ entity: 'task', id: task.id, field, value });
  }
  await applyLocalChange(client, changes);
  await client.clear('outbox');

  const connection = (await getConnection(client))!;
  const http = new SyncClient({ endpoint: connection.endpoint, token: connection.token });
  const started = performance.now();
  const result = await rotateWorkspaceKey(client, http);
  const total = performance.now() - started;
  const outbox = await client.count('outbox');
  console.log(
    `rotation of ${TASKS} tasks (current state only): ${total.toFixed(0)} ms; ${result.republished} records re-published, ${outbox} outbox entries, wrapped for ${result.recipients.length} devices`,
  );
} finally {
  await endpoint.stop();
  await database.drop();
}
