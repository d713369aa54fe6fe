// Entries, never totals (issue 10): two devices logging time at once both count after sync, and
// the client's and the assistants' reports of the month are identical. Runs the real sync engine
// against the in-memory log of test/sync.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import {
  createTask,
  listRecords,
  loadReportData,
  logManualTime,
  setHourlyRate,
  setKnownDevices,
  startTimer,
  stopRunningTimer,
} from '../../lib/store';
import { syncOnce } from '../../lib/sync/engine';
import { SyncError } from '../../lib/sync/client';
import { buildReport } from '../../lib/ui/report';
import { newTask } from '../../lib/model';
import { MemoryLog } from '../sync/memory-log';
import { openReplicas } from '../sync/replicas';

type Replica = 'client' | 'anna' | 'annaLaptop';
const ROLES: Record<Replica, 'client' | 'assistant'> = { client: 'client', anna: 'assistant', annaLaptop: 'assistant' };
const NAMES = Object.keys(ROLES) as Replica[];
const TASKS = ['t0', 't1'];
const START = Date.parse('2026-03-10T08:00:00.000Z');

const op = fc.oneof(
  fc.record({
    kind: fc.constant('start' as const),
    who: fc.constantFrom<Replica>('anna', 'annaLaptop'),
    task: fc.integer({ min: 0, max: 1 }),
  }),
  fc.record({ kind: fc.constant('stop' as const), who: fc.constantFrom<Replica>('anna', 'annaLaptop') }),
  fc.record({
    kind: fc.constant('manual' as const),
    who: fc.constantFrom<Replica>('client', 'anna', 'annaLaptop'),
    task: fc.integer({ min: 0, max: 1 }),
    minutes: fc.integer({ min: 1, max: 600 }),
  }),
  fc.record({ kind: fc.constant('rate' as const), cents: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant('sync' as const), who: fc.constantFrom<Replica>(...NAMES), drop: fc.boolean() }),
);

describe('time entries across devices (property)', () => {
  it('every entry any device wrote counts on every device, and all reports of the month are identical', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 16 }), fc.integer({ min: 1, max: 4 }), async (ops, pageSize) => {
        run++;
        globalThis.indexedDB = new IDBFactory();
        const log = new MemoryLog(pageSize);
        const dbs = await openReplicas(log, ROLES, { prefix: `${run}-`, joinedAt: START });
        for (const name of NAMES) {
          await setKnownDevices(
            dbs[name],
            NAMES.map((id) => ({ id, role: ROLES[id], name: id })),
          );
        }
        for (const id of TASKS) {
          await createTask(
            dbs.client,
            newTask({
              id,
              title: `Aufgabe ${id}`,
              kind: 'research',
              instructions: '',
              source: { type: 'manual', url: null, title: '', capturedAt: new Date(START).toISOString() },
              createdAt: new Date(START).toISOString(),
            }),
          );
        }
        // Every entry written anywhere: the sum of all of them must be what every device counts.
        const written = new Map<string, number>();
        let clock = START;
        for (const step of ops) {
          clock += 7 * 60_000;
          if (step.kind === 'start') {
            const outcome = await startTimer(dbs[step.who], { taskId: TASKS[step.task] }, clock);
            if (outcome.ok) for (const e of outcome.entries) written.set(e.id, e.minutes);
          } else if (step.kind === 'stop') {
            const outcome = await stopRunningTimer(dbs[step.who], clock);
            if (outcome.ok) for (const e of outcome.entries) written.set(e.id, e.minutes);
          } else if (step.kind === 'manual') {
            const entry = await logManualTime(
              dbs[step.who],
              { taskId: TASKS[step.task], minutes: step.minutes, date: '2026-03-10', note: '' },
              clock,
            );
            written.set(entry.id, entry.minutes);
          } else if (step.kind === 'rate') {
            await setHourlyRate(dbs.client, step.cents, new Date(clock));
          } else {
            let flip = 0;
            await syncOnce(dbs[step.who], log.transport(step.who, { dropResponse: () => step.drop && flip++ % 2 === 0 })).catch(
              (error: unknown) => {
                if (!(error instanceof SyncError) || error.reason !== 'offline') throw error;
              },
            );
          }
        }
        for (let round = 0; round < 2; round++) for (const name of NAMES) await syncOnce(dbs[name], log.transport(name));

        const expected = [...written.values()].reduce((a, b) => a + b, 0);
        const reports = [];
        for (const name of NAMES) {
          const entries = (await listRecords(dbs[name], 'timeEntry')).records;
          expect(new Set(entries.map((e) => e.id)), name).toEqual(new Set(written.keys()));
          const report = buildReport(await loadReportData(dbs[name]), '2026-03', { step: 15, mode: 'up' });
          expect(report.total.minutes, name).toBe(expected);
          reports.push(report);
          expect(await dbs[name].count('quarantine')).toBe(0);
        }
        expect(reports[1]).toEqual(reports[0]);
        expect(reports[2]).toEqual(reports[0]);
        for (const db of Object.values(dbs)) db.close();
      }),
      { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 40) },
    );
  }, 300_000);

  it('two devices logging at once: both entries count (no total to overwrite)', async () => {
    globalThis.indexedDB = new IDBFactory();
    const log = new MemoryLog();
    const dbs = await openReplicas(log, ROLES, { prefix: 'pair-', joinedAt: START });
    await startTimer(dbs.anna, { taskId: 't0' }, START);
    await startTimer(dbs.annaLaptop, { taskId: 't0' }, START);
    await stopRunningTimer(dbs.anna, START + 30 * 60_000);
    await stopRunningTimer(dbs.annaLaptop, START + 45 * 60_000);
    for (let round = 0; round < 2; round++) for (const name of NAMES) await syncOnce(dbs[name], log.transport(name));
    const minutes = (await listRecords(dbs.client, 'timeEntry')).records.map((e) => e.minutes).sort((a, b) => a - b);
    expect(minutes).toEqual([30, 45]);
  });
});
