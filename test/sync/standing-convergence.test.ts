import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { newTask, type Occurrence } from '../../lib/model';
import { buildRule } from '../../lib/recurrence';
import { createTask, listRecords, setOccurrenceResult, setOccurrenceStatus, updateRecord, type Db } from '../../lib/store';
import { deriveStanding } from '../../lib/standing/derive';
import { occurrenceId } from '../../lib/standing/rule';
import { syncOnce } from '../../lib/sync/engine';
import { SyncError } from '../../lib/sync/client';
import { MemoryLog } from './memory-log';
import { openReplicas } from './replicas';

type ReplicaName = 'client' | 'assistant' | 'client2';
const ROLES: Record<ReplicaName, 'client' | 'assistant'> = { client: 'client', assistant: 'assistant', client2: 'client' };
const NAMES = Object.keys(ROLES) as ReplicaName[];
const MONDAYS = ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'];
const RULES = [
  { rule: buildRule({ kind: 'weekly', weekdays: ['MO'], start: '2026-12-07' }), anchor: 'schedule' as const },
  { rule: buildRule({ kind: 'every', unit: 'week', start: '2026-12-07' }), anchor: 'completion' as const },
  { rule: buildRule({ kind: 'weekly', weekdays: ['MO', 'TH'], start: '2026-12-07' }), anchor: 'schedule' as const },
];
const TODAY = '2026-12-23';

const anyone = fc.constantFrom<ReplicaName>('client', 'assistant', 'client2');
const aClient = fc.constantFrom<ReplicaName>('client', 'client2');
const day = fc.constantFrom(...MONDAYS);
const op = fc.oneof(
  // "Complete the current one": each replica derives it from what it holds, offline.
  fc.record({ kind: fc.constant('complete-current' as const), who: anyone, doneOn: fc.constantFrom('2026-12-22', '2026-12-23') }),
  fc.record({ kind: fc.constant('complete' as const), who: anyone, day, doneOn: fc.constantFrom('2026-12-08', '2026-12-23') }),
  fc.record({ kind: fc.constant('reopen' as const), who: anyone, day }),
  fc.record({ kind: fc.constant('skip' as const), who: aClient, day }),
  fc.record({ kind: fc.constant('result' as const), who: anyone, day, text: fc.string({ maxLength: 4 }) }),
  fc.record({ kind: fc.constant('rule' as const), who: aClient, rule: fc.integer({ min: 0, max: RULES.length - 1 }) }),
  fc.record({ kind: fc.constant('sync' as const), who: anyone, dropRequest: fc.boolean(), dropResponse: fc.boolean() }),
);

async function occurrencesOf(db: Db): Promise<Occurrence[]> {
  return (await listRecords(db, 'occurrence')).records;
}

describe('standing tasks converge (property)', () => {
  it('three replicas completing, skipping and editing offline in any order end with the same occurrences, none duplicated, none lost', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 16 }), fc.integer({ min: 1, max: 4 }), async (ops, pageSize) => {
        run++;
        globalThis.indexedDB = new IDBFactory();
        const log = new MemoryLog(pageSize, { epoch: 'e0' });
        const replicas = await openReplicas(log, ROLES, { prefix: `standing-${run}-` });
        await createTask(
          replicas.client,
          newTask({ id: 't', title: 'Weekly report', recurrence: RULES[0], createdAt: '2026-12-01T08:00:00.000Z' }),
        );
        for (const name of NAMES) await syncOnce(replicas[name], log.transport(name));
        // Every occurrence field any replica wrote, to check that none is lost.
        const written = new Set<string>();
        const write = async (db: Db, action: () => Promise<void>) => {
          const before = await db.getAll('outbox');
          await action();
          for (const g of (await db.getAll('outbox')).slice(before.length)) if (g.entity === 'occurrence') written.add(g.id);
        };
        for (const step of ops) {
          const db = replicas[step.who];
          if (step.kind === 'complete-current') {
            const [task] = (await listRecords(db, 'task')).records;
            const current = deriveStanding(task, await occurrencesOf(db), TODAY)?.current;
            if (current) await write(db, () => setOccurrenceStatus(db, 't', current.day, 'done', step.doneOn));
          } else if (step.kind === 'complete') await write(db, () => setOccurrenceStatus(db, 't', step.day, 'done', step.doneOn));
          else if (step.kind === 'reopen') await write(db, () => setOccurrenceStatus(db, 't', step.day, 'new', TODAY));
          else if (step.kind === 'skip') await write(db, () => setOccurrenceStatus(db, 't', step.day, 'skipped', TODAY));
          else if (step.kind === 'result')
            await write(db, () =>
              setOccurrenceResult(db, { taskId: 't', day: step.day, status: 'review' }, { text: step.text, links: [] }),
            );
          else if (step.kind === 'rule') await updateRecord(db, 'task', 't', { recurrence: RULES[step.rule] });
          else {
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
        for (let round = 0; round < 2; round++) for (const name of NAMES) await syncOnce(replicas[name], log.transport(name));

        const states = await Promise.all(
          NAMES.map(async (name) => {
            const db = replicas[name];
            const [task] = (await listRecords(db, 'task')).records;
            const stored = (await db.getAll('occurrence')).map((r) => ({ id: r.id, data: r.data, clocks: r.clocks }));
            return { stored, derived: deriveStanding(task, await occurrencesOf(db), TODAY) };
          }),
        );
        expect(states[1]).toEqual(states[0]);
        expect(states[2]).toEqual(states[0]);
        const occurrences = await occurrencesOf(replicas.client);
        // One record per occurrence, named by its task and day: nothing duplicated.
        expect(new Set(occurrences.map((o) => `${o.taskId}|${o.day}`)).size).toBe(occurrences.length);
        for (const o of occurrences) expect(o.id).toBe(occurrenceId(o.taskId, o.day));
        // Every occurrence someone changed is there, complete and valid, on every replica: nothing lost.
        expect(occurrences.map((o) => o.id).sort()).toEqual([...written].sort());
        for (const db of Object.values(replicas)) {
          expect(await db.count('outbox')).toBe(0);
          expect(await db.count('quarantine')).toBe(0);
          db.close();
        }
      }),
      { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 150) },
    );
  }, 300_000);
});
