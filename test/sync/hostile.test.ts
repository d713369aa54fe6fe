// Issue 16: a sync server that holds the workspace key or breaks the protocol, served through
// the real HTTP client (SyncClient parses every answer) by a fetch stub over the in-memory log.
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { newTask } from '../../lib/model';
import { MAX_BODY_CHARS, type SyncAnswer } from '../../lib/protocol';
import { applyLocalChange, createTask, getRecord, listRecords, openZuarbeitDb, readCursor, updateRecord, type Db } from '../../lib/store';
import { encodeKey, setConnection } from '../../lib/sync/connection';
import {
  BODY_V2,
  encryptMessage,
  fromBase64Url,
  generateWorkspaceKey,
  importWorkspaceKey,
  IV_BYTES,
  toBase64Url,
} from '../../lib/sync/crypto';
import { getSyncState, runSync } from '../../lib/sync/loop';
import { MemoryLog } from './memory-log';

const KEY = encodeKey(generateWorkspaceKey());

/** A fetch that answers like the endpoint from `log`, as `device`, after `tamper` rewrote the sync answer. */
function serverFetch(log: MemoryLog, device: string, tamper: (answer: SyncAnswer, since: number) => unknown = (a) => a): typeof fetch {
  return async (input, init) => {
    const transport = log.transport(device);
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    if (String(input).endsWith('/v1/workspace')) return json(await transport.workspace());
    const { since, messages } = JSON.parse(String(init?.body)) as { since: number; messages: Parameters<typeof transport.sync>[1] };
    return json(tamper(await transport.sync(since, messages), since));
  };
}

async function replica(name: string, role: 'client' | 'assistant', log: MemoryLog): Promise<Db> {
  const db = await openZuarbeitDb(name);
  log.devices.push({ id: name, role });
  await setConnection(db, {
    endpoint: 'http://hostile.example',
    workspaceId: 'ws',
    deviceId: name,
    deviceName: name,
    token: name,
    role,
    keys: { k1: KEY },
    currentKeyId: 'k1',
    joinedAt: new Date().toISOString(),
  });
  return db;
}

const task = (id: string) => newTask({ id, title: `Aufgabe ${id}`, createdAt: '2026-11-27T05:00:00.000Z' });

async function sync(db: Db, fetch: typeof globalThis.fetch, now?: () => number) {
  return runSync(db, { force: true, fetch, now });
}

async function reasons(db: Db) {
  return (await db.getAll('quarantine')).map((q) => (q.field ? `${q.reason}:${q.field}` : q.reason)).sort();
}

/** A v2 body with `json` as its plaintext, sealed as the author would: what a hostile key holder can make. */
async function sealV2(json: string, place: { hlc: string; author: string }): Promise<string> {
  const key = await importWorkspaceKey(fromBase64Url(KEY));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const additionalData = new TextEncoder().encode(`zuarbeit/2|ws|${place.hlc}|k1|${place.author}`);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, new TextEncoder().encode(json)));
  return toBase64Url(new Uint8Array([BODY_V2, ...iv, ...sealed]));
}

let log: MemoryLog;
let client: Db;
let assistant: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  log = new MemoryLog(1000);
  client = await replica('client', 'client', log);
  assistant = await replica('assistant', 'assistant', log);
  await createTask(client, task('t1'));
  await createTask(client, task('t2'));
  await sync(client, serverFetch(log, 'client'));
  await sync(assistant, serverFetch(log, 'assistant'));
});

const hlcAt = (iso: string, node = 'bbbbbbbbbbbbbbbb') => `${iso}-0000-${node}`;

describe('#1 field values are validated before the merge', () => {
  it('quarantines an assistant\'s status "bogus" and result 42; both tasks stay valid and listed', async () => {
    await applyLocalChange(assistant, [{ entity: 'task', id: 't1', field: 'status', value: 'bogus' }]);
    await applyLocalChange(assistant, [{ entity: 'task', id: 't2', field: 'result', value: 42 }]);
    await sync(assistant, serverFetch(log, 'assistant'));
    const result = await sync(client, serverFetch(log, 'client'));
    expect(result).toMatchObject({ outcome: 'synced', report: { quarantined: 2 } });
    expect(await reasons(client)).toEqual(['invalid-value:result', 'invalid-value:status']);
    expect((await listRecords(client, 'task')).records.map((t) => [t.id, t.status, t.result])).toEqual([
      ['t1', 'new', null],
      ['t2', 'new', null],
    ]);
  });

  it('applies the known fields of a group and quarantines a field this version does not know', async () => {
    const client2 = await replica('client2', 'client', log);
    await sync(client2, serverFetch(log, 'client2'));
    await applyLocalChange(client2, [
      { entity: 'task', id: 't1', field: 'title', value: 'Neuer Titel' },
      { entity: 'task', id: 't1', field: 'colour', value: 'blue' },
    ]);
    await sync(client2, serverFetch(log, 'client2'));
    await sync(client, serverFetch(log, 'client'));
    expect((await getRecord(client, 'task', 't1'))?.title).toBe('Neuer Titel');
    expect(await reasons(client)).toEqual(['unknown-field:colour']);
  });
});

describe('#2 prototype names', () => {
  it('quarantines and counts __proto__ and constructor as field names, in v1 and v2 bodies, and changes nothing', async () => {
    const key = await importWorkspaceKey(fromBase64Url(KEY));
    const before = await assistant.get('task', 't1');
    const hlcs = ['01', '02', '03', '04'].map((ms) => hlcAt(`2026-11-27T06:00:00.0${ms}Z`));
    const bodies = [
      await encryptMessage(
        key,
        { workspaceId: 'ws', hlc: hlcs[0], keyId: 'k1' },
        { entity: 'task', id: 't1', field: '__proto__', value: { status: 'done' } },
      ),
      await encryptMessage(
        key,
        { workspaceId: 'ws', hlc: hlcs[1], keyId: 'k1' },
        { entity: 'task', id: 't1', field: 'constructor', value: 'x' },
      ),
      await sealV2('{"entity":"task","id":"t1","fields":{"__proto__":{"title":"pwned"},"title":"pwned"}}', {
        hlc: hlcs[2],
        author: 'client',
      }),
      await sealV2('{"entity":"task","id":"t1","fields":{"constructor":"x","title":"pwned"}}', { hlc: hlcs[3], author: 'client' }),
    ];
    for (const [i, body] of bodies.entries())
      log.messages.push({ seq: log.messages.length + 1, hlc: hlcs[i], keyId: 'k1', device: 'client', body });
    const result = await sync(assistant, serverFetch(log, 'assistant'));
    expect(result).toMatchObject({ outcome: 'synced', report: { quarantined: 4 } });
    expect(await reasons(assistant)).toEqual(['malformed', 'malformed', 'malformed', 'malformed']);
    expect((await getSyncState(assistant)).quarantined).toBe(4);
    expect(await assistant.get('task', 't1')).toEqual(before);
  });
});

describe('#3 a far-future hlc', () => {
  it("is quarantined alone: its neighbours apply, the cursor passes it, later edits arrive, and the user's clock is not blamed", async () => {
    await updateRecord(client, 'task', 't1', { title: 'davor' });
    await sync(client, serverFetch(log, 'client'));
    log.messages.push({
      seq: log.messages.length + 1,
      hlc: hlcAt('2999-01-01T00:00:00.000Z'),
      keyId: 'k1',
      device: 'client',
      body: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    await updateRecord(client, 'task', 't2', { title: 'danach' });
    await sync(client, serverFetch(log, 'client'));
    expect((await sync(assistant, serverFetch(log, 'assistant'))).outcome).toBe('synced');
    expect(await reasons(assistant)).toEqual(['future-hlc']);
    expect((await getRecord(assistant, 'task', 't1'))?.title).toBe('davor');
    expect((await getRecord(assistant, 'task', 't2'))?.title).toBe('danach');
    expect(await readCursor(assistant)).toBe(log.messages.length);
    await updateRecord(client, 'task', 't1', { title: 'später' });
    await sync(client, serverFetch(log, 'client'));
    await sync(assistant, serverFetch(log, 'assistant'));
    expect((await getRecord(assistant, 'task', 't1'))?.title).toBe('später');
    expect((await getSyncState(assistant)).error).toBeNull();
  });

  it('blames the device clock only when the device itself is far from serverTime', async () => {
    const result = await sync(assistant, serverFetch(log, 'assistant'), () => Date.now() + 13 * 3_600_000);
    expect(result).toEqual({ outcome: 'failed', reason: 'clock-skew' });
    expect((await getSyncState(assistant)).clockOffsetMs).toBeLessThan(-12 * 3_600_000);
  });
});

describe('#4 unparseable messages', () => {
  it('quarantines a body that is not base64url, one over 64 KiB and a malformed hlc, and applies the rest of the page', async () => {
    await updateRecord(client, 'task', 't1', { title: 'angekommen' });
    await sync(client, serverFetch(log, 'client'));
    const bad = [
      { hlc: hlcAt('2026-11-27T06:00:00.001Z'), keyId: 'k1', device: 'client', body: 'not base64url!' },
      { hlc: hlcAt('2026-11-27T06:00:00.002Z'), keyId: 'k1', device: 'client', body: 'A'.repeat(MAX_BODY_CHARS + 4) },
      { hlc: '2026-13-45T06:00:00.000Z-0000-bbbbbbbbbbbbbbbb', keyId: 'k1', device: 'client', body: 'AAAAAAAAAAAAAAAAAAAAAAAA' },
    ];
    // Slipped in after the page's first message; seqs renumbered so that the cursor rules hold.
    const fetch = serverFetch(log, 'assistant', (answer, since) => {
      const messages = [...answer.messages.slice(0, 1), ...bad, ...answer.messages.slice(1)].map((m, i) => ({ ...m, seq: since + 1 + i }));
      return { ...answer, messages, cursor: since + messages.length };
    });
    expect((await sync(assistant, fetch)).outcome).toBe('synced');
    expect(await reasons(assistant)).toEqual(['bad-message', 'bad-message', 'malformed-hlc']);
    expect((await getRecord(assistant, 'task', 't1'))?.title).toBe('angekommen');
  });

  it('still refuses a structurally broken answer whole', async () => {
    const before = await readCursor(assistant);
    await updateRecord(client, 'task', 't1', { title: 'nie' });
    await sync(client, serverFetch(log, 'client'));
    const result = await sync(
      assistant,
      serverFetch(log, 'assistant', (answer) => ({ ...answer, messages: answer.messages.map(({ seq: _, ...m }) => m) })),
    );
    expect(result).toEqual({ outcome: 'failed', reason: 'bad-response' });
    expect(await readCursor(assistant)).toBe(before);
  });
});

describe('#5 more: true without progress', () => {
  it("ends the round with no-progress, and the loop's backoff bounds the request rate", async () => {
    let requests = 0;
    const spinning: typeof fetch = async (_input, init) => {
      requests++;
      // Ends a run that never stops asking, so the count shows the spin instead of hanging the test.
      if (requests > 5_000) throw new TypeError('gave up');
      const { since } = JSON.parse(String(init?.body)) as { since: number };
      return new Response(
        JSON.stringify({ accepted: 0, rejected: [], messages: [], cursor: since, more: true, serverTime: new Date(now).toISOString() }),
        { status: 200 },
      );
    };
    let now = Date.parse('2026-11-27T05:00:00.000Z');
    const first = await runSync(assistant, { fetch: spinning, now: () => now });
    expect(first).toEqual({ outcome: 'failed', reason: 'no-progress' });
    // An hour of triggers every second (far more often than the minute alarm and views opening).
    for (let second = 0; second < 3600; second++, now += 1000) await runSync(assistant, { fetch: spinning, now: () => now });
    expect(requests).toBeLessThanOrEqual(40);
    expect((await getSyncState(assistant)).error?.reason).toBe('no-progress');
  });
});

describe('#6 cursor rules', () => {
  it("refuses a cursor beyond the answer's messages and stores nothing; what comes later still arrives", async () => {
    const before = await readCursor(assistant);
    const bogus = await sync(
      assistant,
      serverFetch(log, 'assistant', (answer) => ({ ...answer, cursor: 10 ** 15 })),
    );
    expect(bogus).toEqual({ outcome: 'failed', reason: 'bad-response' });
    expect(await readCursor(assistant)).toBe(before);
    await updateRecord(client, 'task', 't1', { title: 'kommt an' });
    await sync(client, serverFetch(log, 'client'));
    await sync(assistant, serverFetch(log, 'assistant'));
    expect((await getRecord(assistant, 'task', 't1'))?.title).toBe('kommt an');
  });

  it('refuses seqs that are not above since and increasing, applying nothing of the page', async () => {
    await updateRecord(client, 'task', 't1', { title: 'a' });
    await updateRecord(client, 'task', 't2', { title: 'b' });
    await sync(client, serverFetch(log, 'client'));
    const before = await readCursor(assistant);
    for (const tamper of [
      (answer: SyncAnswer) => ({ ...answer, messages: [...answer.messages].reverse() }),
      (answer: SyncAnswer, since: number) => ({ ...answer, messages: answer.messages.map((m, i) => (i === 0 ? { ...m, seq: since } : m)) }),
    ]) {
      expect(await sync(assistant, serverFetch(log, 'assistant', tamper))).toEqual({ outcome: 'failed', reason: 'bad-response' });
      expect(await readCursor(assistant)).toBe(before);
      expect((await getRecord(assistant, 'task', 't1'))?.title).toBe('Aufgabe t1');
    }
  });
});

describe('#7 author binding', () => {
  it("quarantines an assistant's message the server re-attributes to the client: it no longer decrypts", async () => {
    await updateRecord(assistant, 'task', 't1', { instructions: 'Fristen ignorieren' });
    await sync(assistant, serverFetch(log, 'assistant'));
    log.messages.at(-1)!.device = 'client';
    const client2 = await replica('client2', 'client', log);
    await sync(client2, serverFetch(log, 'client2'));
    expect((await getRecord(client2, 'task', 't1'))?.instructions).toBe('');
    expect(await reasons(client2)).toEqual(['undecryptable']);
  });

  it('skips our own messages, and quarantines one stamped with our id that another node wrote', async () => {
    const client2 = await replica('client2', 'client', log);
    await updateRecord(client2, 'task', 't1', { title: 'von client2' });
    await sync(client2, serverFetch(log, 'client2'));
    log.messages.at(-1)!.device = 'client';
    const result = await sync(client, serverFetch(log, 'client'));
    expect(result).toMatchObject({ outcome: 'synced', report: { quarantined: 1 } });
    expect(await reasons(client)).toEqual(['impersonation']);
    expect((await getRecord(client, 'task', 't1'))?.title).toBe('Aufgabe t1');
  });
});
