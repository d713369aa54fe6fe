// bench/workspaces (issue 13): an assistant's browser in ten clients' workspaces with 1,000 tasks
// each, against the real endpoint on loopback (SQLite): (a) the badge recount across all ten, from
// scratch and after one remote change (the running background's case), (b) one full background sync round of all ten (each already synced, one new
// remote change in each), (c) the first sync of all ten from empty. Medians of a few runs; prints
// figures, asserts nothing. Client storage is fake-indexeddb (in Node), slower than a browser's.
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { sqliteDatabase, startEndpoint } from '../../test/support/endpoint';

// The background's modules name the extension (the badge's title) through the browser's i18n;
// in Node there is none: a fixed message is enough for timing.
Object.assign(globalThis, { chrome: { i18n: { getMessage: () => 'Zuarbeit', getUILanguage: () => 'en' }, runtime: { id: 'bench' } } });

const { newTask } = await import('../../lib/model');
const { addWorkspace, applyLocalChange, openRegistry, openZuarbeitDb, updateRecord, workspaceDb } = await import('../../lib/store');
const { runSync } = await import('../../lib/sync/loop');
const { createInvitation, createWorkspace, joinWorkspace } = await import('../../lib/sync/pairing');
const { recountBadge } = await import('../../lib/background/setup');
const { badgeCounter } = await import('../../lib/background/badge');
const { syncInBackground } = await import('../../lib/background/sync-triggers');
const { registryWorkspaces } = await import('../../lib/background/workspaces');
type Db = Awaited<ReturnType<typeof openZuarbeitDb>>;
type FieldChange = Parameters<typeof applyLocalChange>[1][number];

const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 10);
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t: number) => `${t.toFixed(0)} ms`;

function taskFields(workspace: number, i: number): FieldChange[] {
  const task = newTask({
    id: `task-${workspace}-${i}`,
    title: `Aufgabe ${i}: Schriftsatz prüfen`,
    kind: 'research',
    instructions: 'Bitte die Fristen prüfen und die Quellen angeben.',
    source: { type: 'page', url: `https://example.com/${i}`, title: `Seite ${i}`, capturedAt: new Date().toISOString() },
  });
  // Every sixth task is done, the rest wait for the assistant ("new") or are under way.
  const status = i % 6 === 0 ? 'done' : i % 2 ? 'new' : 'in-progress';
  return Object.entries({ ...task, status })
    .filter(([field]) => field !== 'id')
    .map(([field, value]) => ({ entity: 'task' as const, id: task.id, field, value }));
}

async function synced(db: Db): Promise<void> {
  const result = await runSync(db, { force: true });
  if (result.outcome !== 'synced') throw new Error(`sync failed: ${JSON.stringify(result)}`);
}

const database = sqliteDatabase();
// Thirty devices join from one address: the per-IP limit for unauthenticated requests is lifted here.
const endpoint = await startEndpoint(database.url, { ZUARBEIT_RATE_LIMIT_IP: '100000000', ZUARBEIT_RATE_LIMIT_DEVICE: '100000000' });
let run = 0;

/** An assistant's registry: `WORKSPACES` workspaces, each joined to one client's workspace, nothing pulled yet. */
async function assistantJoining(clients: readonly Db[]) {
  run++;
  const registry = await openRegistry(`bench-registry-${run}`, `bench-first-${run}`);
  for (let i = 1; i < clients.length; i++) await addWorkspace(registry, { label: `Mandant ${i + 1}` });
  const workspaces = registryWorkspaces(async () => registry);
  const entries = await workspaces.list();
  for (const [i, entry] of entries.entries()) {
    const { invitation } = await createInvitation(clients[i], 'assistant');
    await joinWorkspace(await workspaceDb(entry), invitation, `Assistenz ${run}`);
  }
  return workspaces;
}

function syncedAll(results: Awaited<ReturnType<typeof syncInBackground>>): void {
  const failed = results.filter(({ result }) => result.outcome !== 'synced');
  if (failed.length) throw new Error(`not synced: ${JSON.stringify(failed)}`);
}

try {
  let t = performance.now();
  const clients: Db[] = [];
  for (let w = 0; w < WORKSPACES; w++) {
    const client = await openZuarbeitDb(`bench-client-${w}`);
    await createWorkspace(client, endpoint.origin, `Kanzlei ${w + 1}`);
    for (let i = 0; i < TASKS; i += 100) {
      const batch: FieldChange[] = [];
      for (let j = i; j < Math.min(TASKS, i + 100); j++) batch.push(...taskFields(w, j));
      await applyLocalChange(client, batch);
    }
    await synced(client);
    clients.push(client);
  }
  console.log(`seed: ${WORKSPACES} client workspaces × ${TASKS} tasks created and pushed in ${ms(performance.now() - t)}`);

  // (c) First sync of all ten from empty: a fresh assistant device per run.
  const firsts: number[] = [];
  let workspaces: Awaited<ReturnType<typeof assistantJoining>> | undefined;
  for (let r = 0; r < RUNS; r++) {
    workspaces = await assistantJoining(clients);
    t = performance.now();
    syncedAll(await syncInBackground(workspaces, { force: true }));
    firsts.push(performance.now() - t);
  }
  console.log(
    `(c) first sync of all ${WORKSPACES} from empty (${WORKSPACES * TASKS} tasks, in parallel, each under its own lock): median ${ms(median(firsts))} of ${RUNS} [${firsts.map(ms).join(', ')}]`,
  );

  // (b) One full round: each client changes one task, then the assistant's background syncs all ten.
  const rounds: number[] = [];
  const cold: number[] = [];
  const toolbar = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };
  let count = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [w, client] of clients.entries()) {
      await updateRecord(client, 'task', `task-${w}-${r + 1}`, { status: r % 2 ? 'question' : 'accepted' });
      await synced(client);
    }
    t = performance.now();
    syncedAll(await syncInBackground(workspaces!, {}));
    rounds.push(performance.now() - t);
    // (a) The badge recounted from scratch across all ten (a worker that just started).
    t = performance.now();
    count = await recountBadge({ toolbar }, workspaces!);
    cold.push(performance.now() - t);
  }
  console.log(
    `(b) full sync round of all ${WORKSPACES} (one new remote change in each): median ${ms(median(rounds))} of ${ROUNDS} [${rounds.map(ms).join(', ')}]`,
  );
  console.log(
    `(a) badge recount from scratch across all ${WORKSPACES} (${WORKSPACES * TASKS} tasks, ${count} waiting): median ${median(cold).toFixed(1)} ms of ${ROUNDS} [${cold.map((b) => b.toFixed(1)).join(', ')}]`,
  );

  // (a) As the running background does it: one remote change in one workspace, that one recounted, the others' counts kept.
  const counter = badgeCounter();
  await recountBadge({ toolbar }, workspaces!, counter);
  const entries = await workspaces!.list();
  const warm: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const w = r % clients.length;
    await updateRecord(clients[w], 'task', `task-${w}-${r + 20}`, { status: 'question' });
    await synced(clients[w]);
    syncedAll(await syncInBackground(workspaces!, {}));
    counter.forget(entries[w].dbName);
    t = performance.now();
    count = await recountBadge({ toolbar }, workspaces!, counter);
    warm.push(performance.now() - t);
  }
  console.log(
    `(a) badge recount after one remote change (that workspace read again, nine kept; ${count} waiting): median ${median(warm).toFixed(1)} ms of ${ROUNDS} [${warm.map((b) => b.toFixed(1)).join(', ')}]`,
  );
} finally {
  await endpoint.stop();
  await database.drop();
}
// Keep-alive sockets and fake-indexeddb timers would keep the process alive.
process.exit(0);
