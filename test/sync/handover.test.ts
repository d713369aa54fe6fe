// The handover flow (issue 11) with three devices through the real endpoint on SQLite and the real
// sync engine: client, outgoing assistant (Anna), successor (Bea). After the final rotation Anna,
// with every key she ever held and a full dump of the server, decrypts nothing new; Bea reads the
// package and the open tasks; past comments and time entries keep their authors.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newId } from '../../lib/model';
import { addComment, addInstruction, addTimeEntry, createTask, getRecord, listRecords, type Db } from '../../lib/store';
import {
  generateHandoverContent,
  openHandover,
  packageForSuccessor,
  saveHandoverContent,
  setHandoverReady,
} from '../../lib/store/handover';
import { getLevelSettings, setKindLevel } from '../../lib/store/levels';
import { getConnection } from '../../lib/sync/connection';
import { decryptBody, fromBase64Url, importWorkspaceKey } from '../../lib/sync/crypto';
import { finishHandover, HandoverError, startHandover } from '../../lib/sync/handover';
import { getSyncState, runSync } from '../../lib/sync/loop';
import { createInvitation, createWorkspace, joinWorkspace, listDevices } from '../../lib/sync/pairing';
import { withTaskNote } from '../../lib/handover/package';
import { makeTask } from '../ui/helpers';
import { useSqliteEndpoint } from '../support/sqlite-endpoint';

const MARKER = 'NACH-DER-UEBERGABE-71c2';

const endpoint = useSqliteEndpoint();

const open = endpoint.open;
const idOf = async (db: Db) => (await getConnection(db))!.deviceId;
const sync = async (...dbs: Db[]) => {
  for (const db of dbs) {
    const result = await runSync(db, { force: true });
    if (result.outcome !== 'synced') throw new Error(`sync ${JSON.stringify(result)}: ${JSON.stringify((await getSyncState(db)).error)}`);
  }
};

/** A client with Anna working for it: an open task with a thread and logged time, a standing task, a finished one, an instruction. */
async function workspaceWithAnna() {
  const client = await open('client');
  await createWorkspace(client, endpoint.origin, 'Kanzlei');
  const anna = await open('anna');
  await joinWorkspace(anna, (await createInvitation(client)).invitation, 'Anna');
  await listDevices(client);
  const open1 = await createTask(client, makeTask({ id: newId(), title: 'Gutachten Müller', status: 'in-progress', due: '2026-12-01' }));
  const standing = await createTask(
    client,
    makeTask({
      id: newId(),
      title: 'Wochenbericht',
      recurrence: { rule: 'DTSTART;VALUE=DATE:20261102\nRRULE:FREQ=WEEKLY;BYDAY=MO', anchor: 'schedule' },
    }),
  );
  const finished = await createTask(client, makeTask({ id: newId(), title: 'Alte Recherche', status: 'done' }));
  await addInstruction(client, 'Quellen', 'Immer Quellen angeben.');
  await setKindLevel(client, 'research', 3);
  await sync(client, anna);
  await addComment(anna, open1.id, 'Soll ich das BGH-Urteil einbeziehen?', new Date('2026-11-25T09:00:00.000Z'));
  await addTimeEntry(anna, { taskId: open1.id, minutes: 45, date: '2026-11-25', note: 'Recherche' });
  await addTimeEntry(anna, { taskId: standing.id, minutes: 30, date: '2026-11-16', note: '' });
  await addTimeEntry(anna, { taskId: standing.id, minutes: 50, date: '2026-11-23', note: '' });
  await sync(anna, client);
  return { client, anna, open1, standing, finished };
}

describe('handover to a successor', () => {
  it('current state only: the successor reads the package and open tasks, the outgoing device nothing written after the final rotation', async () => {
    const { client, anna, open1, standing, finished } = await workspaceWithAnna();
    const annaId = await idOf(anna);

    const started = await startHandover(client, {
      outgoingDevice: annaId,
      mode: 'current-state',
      overlapUntil: '2026-12-15',
      keepLevels: false,
    });
    // The key was renewed before the invitation was made: it carries k2, never k1.
    expect(started.rotation?.keyId).toBe('k2');
    expect(started.invitation).toContain('.k2.');
    await sync(client);

    const bea = await open('bea');
    await joinWorkspace(bea, started.invitation, 'Bea');
    const beaId = await idOf(bea);
    await sync(anna, bea);
    // Overlap: both assistants work; Anna sees the handover opened in her name.
    const requested = await openHandover(anna);
    expect(requested).toMatchObject({
      id: started.handover.id,
      authorDevice: annaId,
      ready: false,
      mode: 'current-state',
      overlapUntil: '2026-12-15',
    });
    expect(await packageForSuccessor(bea)).toBeNull();

    // Anna drafts the package from her data, adds her notes and marks it ready.
    const draft = await generateHandoverContent(anna, requested!.id, '2026-11-27', new Date('2026-11-27T12:00:00.000Z'));
    const edited = {
      ...withTaskNote(draft, open1.id, 'Mandant ruft meist freitags an.'),
      generalNote: 'Berichte immer als PDF.',
      access: [{ what: 'beA-Postfach', where: 'Passwortmanager, Ordner Kanzlei', shared: true }],
    };
    expect(await saveHandoverContent(anna, requested!.id, edited)).toBeNull();
    await setHandoverReady(anna, requested!.id, true);
    await sync(anna, client);
    const review = await getRecord(client, 'handover', started.handover.id);
    expect(review?.ready).toBe(true);
    expect(review?.content?.openTasks.map((t) => t.title)).toEqual(['Gutachten Müller']);
    expect(review?.content?.openTasks[0].lastWord).toMatchObject({ side: 'assistant', excerpt: 'Soll ich das BGH-Urteil einbeziehen?' });
    // Nobody settled Monday the 23rd: that occurrence is still owed, so it is the next date (lib/standing).
    expect(review?.content?.standingTasks[0]).toMatchObject({ title: 'Wochenbericht', averageMinutes: 40, nextDate: '2026-11-23' });

    // One confirmation: Anna's device goes and the key is renewed; the levels go one lower per kind.
    const rotation = await finishHandover(client, started.handover.id);
    expect(rotation.keyId).toBe('k3');
    expect(rotation.recipients).toContain(beaId);
    expect(rotation.recipients).not.toContain(annaId);
    expect((await getLevelSettings(client)).levels).toMatchObject({ research: 2, other: 1 });
    await createTask(client, makeTask({ id: 'nachher', title: `Neu ${MARKER}` }));
    await sync(client, bea);

    // The successor: the package first, the open and standing tasks, not the finished one, no older key.
    expect((await getConnection(bea))!.currentKeyId).toBe('k3');
    // What was written under k1 is passed over, not reported as unreadable: she was never meant to hold it.
    expect(await bea.count('quarantine')).toBe(0);
    expect(Object.keys((await getConnection(bea))!.keys).sort()).toEqual(['k2', 'k3']);
    const handed = await packageForSuccessor(bea);
    expect(handed?.content?.generalNote).toBe('Berichte immer als PDF.');
    expect(handed?.finishedAt).toBeTruthy();
    const beaTasks = (await listRecords(bea, 'task')).records.map((t) => t.id);
    expect(beaTasks).toEqual(expect.arrayContaining([open1.id, standing.id, 'nachher']));
    expect(beaTasks).not.toContain(finished.id);
    expect((await getLevelSettings(bea)).levels.research).toBe(2);

    // Anna is out: her sync is refused, and nothing written after the rotation opens with what she holds.
    expect((await runSync(anna, { force: true })).outcome).toBe('failed');
    const annaKeys = Object.values((await getConnection(anna))!.keys);
    expect(annaKeys).not.toContain((await getConnection(client))!.keys.k3);
    const dump = new Database(endpoint.databaseFile, { readonly: true });
    const workspaceId = (await getConnection(client))!.workspaceId;
    const messages = dump
      .prepare('SELECT hlc, key_id, device_id, body FROM messages WHERE workspace_id = ? AND key_id = ?')
      .all(workspaceId, 'k3') as { hlc: string; key_id: string; device_id: string; body: string }[];
    dump.close();
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      for (const raw of annaKeys) {
        const key = await importWorkspaceKey(fromBase64Url(raw));
        for (const keyId of ['k1', 'k2', 'k3']) {
          await expect(decryptBody(key, { workspaceId, hlc: m.hlc, keyId, authorDeviceId: m.device_id }, m.body)).rejects.toThrow();
        }
      }
    }

    // Billing and history stay right: Anna's comment and time entries keep her as their author.
    const comments = (await listRecords(client, 'comment')).records;
    expect(comments.map((c) => c.authorDevice)).toEqual([annaId]);
    const entries = (await listRecords(client, 'timeEntry')).records;
    expect(entries.map((e) => e.authorDevice)).toEqual([annaId, annaId, annaId]);
  });

  it('with history: the successor also receives the older generations; levels kept when the client says so', async () => {
    const { client, anna } = await workspaceWithAnna();
    const annaId = await idOf(anna);
    const started = await startHandover(client, { outgoingDevice: annaId, mode: 'with-history', overlapUntil: null, keepLevels: true });
    expect(started.rotation).toBeNull();
    expect(started.invitation).not.toContain('.k2.');
    await sync(client);
    const bea = await open('bea');
    await joinWorkspace(bea, started.invitation, 'Bea');
    await sync(anna);
    const id = (await openHandover(anna))!.id;
    expect(await saveHandoverContent(anna, id, await generateHandoverContent(anna, id, '2026-11-27'))).toBeNull();
    await setHandoverReady(anna, id, true);
    await sync(anna, client);

    await finishHandover(client, id);
    await sync(client, bea);
    expect(Object.keys((await getConnection(bea))!.keys).sort()).toEqual(['k1', 'k2']);
    expect((await getLevelSettings(bea)).levels.research).toBe(3);
    // History: the comment Anna wrote before is readable for Bea, with Anna as author.
    expect((await listRecords(bea, 'comment')).records.map((c) => c.authorDevice)).toEqual([annaId]);
  });

  it('refuses to finish before a trusted successor joined, and an assistant cannot start one', async () => {
    const { client, anna } = await workspaceWithAnna();
    const started = await startHandover(client, {
      outgoingDevice: await idOf(anna),
      mode: 'current-state',
      overlapUntil: null,
      keepLevels: false,
    });
    await expect(finishHandover(client, started.handover.id)).rejects.toEqual(new HandoverError('no-successor'));
    await expect(
      startHandover(anna, { outgoingDevice: await idOf(anna), mode: 'current-state', overlapUntil: null, keepLevels: false }),
    ).rejects.toEqual(new HandoverError('not-client'));
    // Nothing was revoked: Anna still syncs.
    await sync(anna);
  });
});
