// Issue 11: the convergence property with key rotations at random points, through the real
// endpoint (SQLite). A client, a second client device and two assistants write, sync and rotate
// in random orders; at the end every device is on the newest generation, holds the same records,
// and no device set aside a message as unreadable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { newTask, type Entity } from '../../lib/model';
import { addComment, createTask, getRecord, openZuarbeitDb, updateRecord, type Db } from '../../lib/store';
import { getConnection } from '../../lib/sync/connection';
import { runSync } from '../../lib/sync/loop';
import { confirmDevice, createInvitation, createWorkspace, joinWorkspace, listDevices } from '../../lib/sync/pairing';
import { rotateWorkspaceKeyHere } from '../../lib/sync/rotation';
import { sqliteDatabase, startEndpoint, type RunningEndpoint, type TestDatabase } from '../support/endpoint';

type Name = 'client' | 'client2' | 'anna' | 'ben';
const NAMES: Name[] = ['client', 'client2', 'anna', 'ben'];
const anyone = fc.constantFrom<Name>(...NAMES);

const op = fc.oneof(
  fc.record({ kind: fc.constant('task' as const), who: fc.constantFrom<Name>('client', 'client2'), task: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    kind: fc.constant('title' as const),
    who: fc.constantFrom<Name>('client', 'client2'),
    task: fc.integer({ min: 0, max: 2 }),
    title: fc.string({ maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant('status' as const), who: fc.constantFrom<Name>('anna', 'ben'), task: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    kind: fc.constant('comment' as const),
    who: anyone,
    task: fc.integer({ min: 0, max: 2 }),
    body: fc.string({ minLength: 1, maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant('sync' as const), who: anyone }),
  fc.record({ kind: fc.constant('rotate' as const), who: fc.constantFrom<Name>('client', 'client2') }),
);

async function records(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const entity of ['task', 'comment'] as Entity[])
    for (const record of await db.getAll(entity)) out[`${entity}/${record.id}`] = record.data;
  return out;
}

describe('rotation at random points (property, real endpoint)', () => {
  let database: TestDatabase;
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    database = sqliteDatabase();
    endpoint = await startEndpoint(database.url, { ZUARBEIT_RATE_LIMIT_DEVICE: '100000', ZUARBEIT_RATE_LIMIT_IP: '100000' });
  });
  afterAll(async () => {
    await endpoint?.stop();
    await database?.drop();
  });

  it('every device ends on the newest generation with the same records, and none sets a message aside', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        run++;
        globalThis.indexedDB = new IDBFactory();
        const dbs = {} as Record<Name, Db>;
        for (const name of NAMES) dbs[name] = await openZuarbeitDb(`rotation-${run}-${name}`);
        await createWorkspace(dbs.client, endpoint.origin, 'Kanzlei');
        // Invited from the first client device, so it trusts each of them; client2 trusts them once it has listed them.
        await joinWorkspace(dbs.client2, (await createInvitation(dbs.client, 'client')).invitation, 'Kanzlei-Laptop');
        for (const name of ['anna', 'ben'] as const) await joinWorkspace(dbs[name], (await createInvitation(dbs.client)).invitation, name);
        await listDevices(dbs.client);
        // Every device compares the others' fingerprints once and confirms those it does not trust yet
        // (the Connection page asks to): keys are wrapped only for, and taken only from, trusted devices.
        for (const name of NAMES) {
          for (const device of await listDevices(dbs[name])) if (device.trust.state !== 'trusted') await confirmDevice(dbs[name], device);
        }
        const sync = async (name: Name) => {
          const result = await runSync(dbs[name], { force: true });
          expect(result.outcome, `${name}: ${JSON.stringify(result)}`).toBe('synced');
        };
        for (const step of ops) {
          const db = dbs[step.who];
          const id = `t${'task' in step ? step.task : 0}`;
          if (step.kind === 'task') {
            if (!(await getRecord(db, 'task', id))) await createTask(db, newTask({ id, title: `Aufgabe ${id}` }));
          } else if (step.kind === 'title') {
            if (await getRecord(db, 'task', id)) await updateRecord(db, 'task', id, { title: step.title || 'leer' });
          } else if (step.kind === 'status') {
            if (await getRecord(db, 'task', id)) await updateRecord(db, 'task', id, { status: 'in-progress' });
          } else if (step.kind === 'comment') {
            if (await getRecord(db, 'task', id)) await addComment(db, id, step.body);
          } else if (step.kind === 'sync') await sync(step.who);
          else {
            // A client device rotates after taking in what the log holds (as the Connection page does).
            await sync(step.who);
            await listDevices(db);
            expect((await rotateWorkspaceKeyHere(db)).untrusted).toEqual([]);
          }
        }
        for (let round = 0; round < 2; round++) for (const name of NAMES) await sync(name);

        const connections = await Promise.all(NAMES.map(async (name) => (await getConnection(dbs[name]))!));
        const newest = connections.map((c) => c.currentKeyId);
        expect(new Set(newest).size, `generations ${newest.join(', ')}`).toBe(1);
        const expected = await records(dbs.client);
        for (const name of NAMES) {
          expect(await records(dbs[name]), name).toEqual(expected);
          expect(await dbs[name].count('quarantine'), `${name} set messages aside`).toBe(0);
        }
        for (const name of NAMES) dbs[name].close();
      }),
      { numRuns: 30 },
    );
  }, 600_000);
});
