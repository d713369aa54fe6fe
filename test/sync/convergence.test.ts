import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import type { Entity } from '../../lib/model';
import { addComment, applyLocalChange, type Db } from '../../lib/store';
import { syncOnce } from '../../lib/sync/engine';
import { SyncError } from '../../lib/sync/client';
import { MemoryLog } from './memory-log';
import { openReplicas } from './replicas';

type ReplicaName = 'client' | 'assistant' | 'client2';
const ROLES: Record<ReplicaName, 'client' | 'assistant'> = { client: 'client', assistant: 'assistant', client2: 'client' };

const op = fc.oneof(
  fc.record({
    kind: fc.constant('task' as const),
    who: fc.constantFrom<ReplicaName>('client', 'client2'),
    task: fc.integer({ min: 0, max: 2 }),
    title: fc.string({ maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    who: fc.constantFrom<ReplicaName>('client', 'assistant', 'client2'),
    task: fc.integer({ min: 0, max: 2 }),
    status: fc.constantFrom('accepted', 'in-progress', 'question', 'review', 'done'),
  }),
  fc.record({
    kind: fc.constant('result' as const),
    who: fc.constant<ReplicaName>('assistant'),
    task: fc.integer({ min: 0, max: 2 }),
    text: fc.string({ maxLength: 6 }),
  }),
  // Grouped writes: several fields of one record under one hlc, large enough at times to be split into two groups.
  fc.record({
    kind: fc.constant('edit' as const),
    who: fc.constantFrom<ReplicaName>('client', 'client2'),
    task: fc.integer({ min: 0, max: 2 }),
    title: fc.string({ maxLength: 6 }),
    size: fc.constantFrom(0, 10, 20_000),
  }),
  fc.record({
    kind: fc.constant('comment' as const),
    who: fc.constantFrom<ReplicaName>('client', 'assistant', 'client2'),
    task: fc.integer({ min: 0, max: 2 }),
    body: fc.string({ minLength: 1, maxLength: 6 }),
  }),
  // The endpoint restored from an older backup, with or without the operator renewing epochs: a device
  // whose cursor the restored log grows past again notices the re-used seqs by the cursor check.
  fc.record({ kind: fc.constant('restore' as const), keep: fc.integer({ min: 0, max: 12 }), renew: fc.boolean() }),
  fc.record({
    kind: fc.constant('sync' as const),
    who: fc.constantFrom<ReplicaName>('client', 'assistant', 'client2'),
    dropRequest: fc.boolean(),
    dropResponse: fc.boolean(),
  }),
);

async function snapshot(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const entity of ['task', 'comment', 'instruction', 'timeEntry'] as Entity[]) {
    for (const record of await db.getAll(entity)) out[`${entity}/${record.id}`] = { data: record.data, clocks: record.clocks };
  }
  return out;
}

describe('convergence (property)', () => {
  it('three replicas converge to one state and lose no change any of them held, whatever the network does and whatever a restore drops, with groups split across pages', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 14 }), fc.integer({ min: 1, max: 5 }), async (ops, pageSize) => {
        run++;
        globalThis.indexedDB = new IDBFactory();
        const log = new MemoryLog(pageSize, { epoch: 'e0' });
        const replicas = await openReplicas(log, ROLES, { prefix: `${run}-` });
        // Every write any replica made, to check that the newest write of each field survives everywhere.
        const writes: { key: string; hlc: string; value: unknown }[] = [];
        const written = (groups: { entity: string; id: string; hlc: string; fields: Record<string, unknown> }[]) => {
          for (const g of groups)
            for (const [field, value] of Object.entries(g.fields)) writes.push({ key: `${g.entity}/${g.id}/${field}`, hlc: g.hlc, value });
        };
        const record = async (db: Db, changes: Parameters<typeof applyLocalChange>[1]) => written(await applyLocalChange(db, changes));
        for (const step of ops) {
          if (step.kind === 'restore') {
            log.restore(step.keep, step.renew);
            continue;
          }
          const db = replicas[step.who];
          const taskId = `t${'task' in step ? step.task : 0}`;
          if (step.kind === 'task') await record(db, [{ entity: 'task', id: taskId, field: 'title', value: step.title }]);
          else if (step.kind === 'status') await record(db, [{ entity: 'task', id: taskId, field: 'status', value: step.status }]);
          else if (step.kind === 'result')
            await record(db, [{ entity: 'task', id: taskId, field: 'result', value: { text: step.text, links: [] } }]);
          else if (step.kind === 'edit') {
            await record(db, [
              { entity: 'task', id: taskId, field: 'title', value: step.title },
              { entity: 'task', id: taskId, field: 'instructions', value: 'ü'.repeat(step.size) },
              { entity: 'task', id: taskId, field: 'result', value: { text: 'ß'.repeat(step.size), links: [] } },
              { entity: 'task', id: taskId, field: 'priority', value: 'high' },
            ]);
          } else if (step.kind === 'comment') {
            const before = await db.getAll('outbox');
            await addComment(db, taskId, step.body);
            written((await db.getAll('outbox')).slice(before.length));
          } else {
            let flip = 0;
            const transport = log.transport(step.who, {
              dropRequest: () => step.dropRequest && flip++ % 2 === 0,
              dropResponse: () => step.dropResponse && flip++ % 3 === 0,
            });
            await syncOnce(db, transport).catch((error: unknown) => {
              if (!(error instanceof SyncError) || error.reason !== 'offline') throw error;
            });
          }
        }
        // The network heals: everyone syncs until nothing moves.
        for (let round = 0; round < 2; round++) {
          for (const name of Object.keys(ROLES) as ReplicaName[]) await syncOnce(replicas[name], log.transport(name));
        }
        const states = await Promise.all((Object.keys(ROLES) as ReplicaName[]).map((n) => snapshot(replicas[n])));
        expect(states[1]).toEqual(states[0]);
        expect(states[2]).toEqual(states[0]);
        const newest = new Map<string, { hlc: string; value: unknown }>();
        for (const w of writes) if (!newest.has(w.key) || newest.get(w.key)!.hlc < w.hlc) newest.set(w.key, w);
        for (const [k, w] of newest) {
          const [entity, id, field] = k.split('/');
          expect((states[0][`${entity}/${id}`] as { data: Record<string, unknown> }).data[field]).toEqual(w.value);
        }
        for (const db of Object.values(replicas)) {
          expect(await db.count('outbox')).toBe(0);
          expect(await db.count('quarantine')).toBe(0);
          db.close();
        }
      }),
      { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 1500) },
    );
  }, 300_000);
});
