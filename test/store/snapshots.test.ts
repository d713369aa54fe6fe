import { describe, expect, it } from 'vitest';
import { getDraft, getRecord, openZuarbeitDb, saveDraft, takeOutboxBatch, type Db } from '../../lib/store';
import { delegateDraftWithSnapshot, readTaskSnapshot } from '../../lib/store/snapshots';
import { encryptGroup, generateWorkspaceKey, importWorkspaceKey } from '../../lib/sync/crypto';
import { checkField, mayWrite } from '../../lib/sync/merge';
import { snapshotSchema, type TaskDraft } from '../../lib/model';
import { partId } from '../../lib/snapshot/draft-snapshot';
import { makeDraft } from '../ui/helpers';

let counter = 0;
function freshDb(): Promise<Db> {
  return openZuarbeitDb(`snapshots-${++counter}-${Math.random().toString(36).slice(2)}`);
}

/** Text that gzip cannot shrink to one part. */
function longText(chars: number): string {
  let text = '';
  while (text.length < chars) text += `${Math.random().toString(36).slice(2)} `;
  return text.slice(0, chars);
}

function withSnapshot(text: string, include = true): TaskDraft {
  return makeDraft({ snapshotText: text, snapshot: { title: 'Urteil', shortened: false, include } });
}

describe('snapshots in the store', () => {
  it('are delegated with the task in one go, draft gone, and read back as the text', async () => {
    const db = await freshDb();
    const text = longText(200_000);
    const draft = withSnapshot(text);
    await saveDraft(db, draft);
    const task = await delegateDraftWithSnapshot(db, draft);
    expect(await getDraft(db, draft.id)).toBeUndefined();
    const snapshot = await getRecord(db, 'snapshot', task.id);
    expect(snapshot).toMatchObject({
      taskId: task.id,
      url: draft.source.url,
      capturedAt: draft.source.capturedAt,
      title: 'Urteil',
      shortened: false,
    });
    expect(snapshot!.parts).toBeGreaterThan(1);
    expect(await readTaskSnapshot(db, task.id)).toEqual({ state: 'complete', snapshot, text });
    // The task, the snapshot and each part: one outbox group each, every one small enough for one message.
    const batch = await takeOutboxBatch(db, 1000);
    const entities = batch.map((entry) => entry.entity);
    expect(entities.filter((e) => e === 'snapshotPart')).toHaveLength(snapshot!.parts);
    expect(entities).toContain('task');
    const key = await importWorkspaceKey(generateWorkspaceKey());
    for (const entry of batch) {
      // Refused with 'too-large' if a body would pass 64 KiB.
      await encryptGroup(
        key,
        { workspaceId: 'ws', hlc: entry.hlc, keyId: 'k1', authorDeviceId: 'dev' },
        { entity: entry.entity, id: entry.id, fields: entry.fields },
      );
    }
  });

  it('a selection delegated without "include the whole page" has no snapshot', async () => {
    const db = await freshDb();
    const task = await delegateDraftWithSnapshot(db, withSnapshot('Der ganze Text.', false));
    expect(await getRecord(db, 'snapshot', task.id)).toBeUndefined();
    expect(await readTaskSnapshot(db, task.id)).toEqual({ state: 'none' });
  });

  it('a part that has not arrived, or is corrupt, makes the snapshot incomplete', async () => {
    const db = await freshDb();
    const task = await delegateDraftWithSnapshot(db, withSnapshot(longText(120_000)));
    const stored = await db.get('snapshotPart', partId(task.id, 1));
    await db.delete('snapshotPart', partId(task.id, 1));
    expect(await readTaskSnapshot(db, task.id)).toMatchObject({ state: 'incomplete', reason: 'missing-part' });
    const data = stored!.data.data as string;
    await db.put('snapshotPart', { ...stored!, data: { ...stored!.data, data: (data[0] === 'A' ? 'B' : 'A') + data.slice(1) } });
    expect(await readTaskSnapshot(db, task.id)).toMatchObject({ state: 'incomplete', reason: 'corrupt' });
    // A part of another snapshot put in its place is not this snapshot's.
    await db.put('snapshotPart', { ...stored!, data: { ...stored!.data, snapshotId: 'other' } });
    expect(await readTaskSnapshot(db, task.id)).toMatchObject({ state: 'incomplete', reason: 'missing-part' });
  });

  it('only the client writes snapshots; received fields are checked against the model', () => {
    const change = (entity: 'snapshot' | 'snapshotPart', field: string, value: unknown) => ({ entity, id: 't:0', field, value });
    expect(mayWrite('assistant', 'dev-a', change('snapshot', 'sha256', 'a'.repeat(64)), undefined)).toBe(false);
    expect(mayWrite('assistant', 'dev-a', change('snapshotPart', 'data', 'AAAA'), undefined)).toBe(false);
    expect(mayWrite('client', 'dev-c', change('snapshotPart', 'data', 'AAAA'), undefined)).toBe(true);
    expect(checkField('snapshotPart', 'data', 'AAAA')).toBeNull();
    expect(checkField('snapshotPart', 'data', '<script>')).toBe('invalid-value');
    expect(checkField('snapshotPart', 'data', 'A'.repeat(48 * 1024 + 1))).toBe('invalid-value');
    expect(checkField('snapshot', 'sha256', 'nothex')).toBe('invalid-value');
    expect(checkField('snapshot', 'parts', 65)).toBe('invalid-value');
    expect(checkField('snapshot', 'html', '<p>')).toBe('unknown-field');
    expect(Object.keys(snapshotSchema.shape)).toEqual(
      expect.arrayContaining(['id', 'taskId', 'url', 'capturedAt', 'bytes', 'sha256', 'parts', 'shortened']),
    );
  });
});
