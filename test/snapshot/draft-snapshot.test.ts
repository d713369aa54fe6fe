import { describe, expect, it } from 'vitest';
import { buildDraft } from '../../lib/clip/draft';
import { parseCaptureResult } from '../../lib/clip/capture';
import { snapshotPartSchema, snapshotSchema, taskDraftSchema, type TaskDraft } from '../../lib/model';
import { decodeText } from '../../lib/snapshot/codec';
import { partId, snapshotRecords, snapshotSize, withPageSnapshot } from '../../lib/snapshot/draft-snapshot';

const now = new Date('2026-03-02T10:00:00.000Z');

function pageDraft(target: 'page' | 'selection' = 'page'): TaskDraft {
  return buildDraft({
    target,
    pageUrl: 'https://recht.example/urteil',
    pageTitle: 'Urteil',
    selectionText: target === 'selection' ? 'Leitsatz' : undefined,
    capture: null,
    id: 'draft-1',
    now,
  });
}

const captured = { text: '## Leitsatz\n\nEin Anspruch besteht.', title: 'Urteil', siteName: 'Recht', shortened: false };

describe('the snapshot in the draft', () => {
  it('a page clip keeps it, included; a selection carries it, left out until asked', () => {
    const page = withPageSnapshot(pageDraft(), captured, 'page');
    expect(page).toMatchObject({
      snapshotText: captured.text,
      snapshot: { title: 'Urteil', siteName: 'Recht', shortened: false, include: true },
    });
    expect(taskDraftSchema.parse(page)).toEqual(page);
    const selection = withPageSnapshot(pageDraft('selection'), captured, 'selection');
    expect(selection.snapshot?.include).toBe(false);
    expect(selection.snapshotText).toBe(captured.text);
  });

  it('a page that refused scripting or had no text still makes a draft that says why', () => {
    expect(withPageSnapshot(pageDraft(), null, 'page')).toMatchObject({ snapshotMissing: 'not-captured' });
    expect(withPageSnapshot(pageDraft(), { missing: 'no-readable-content' }, 'page')).toMatchObject({
      snapshotMissing: 'no-readable-content',
    });
    expect(withPageSnapshot(pageDraft('selection'), null, 'selection')).toEqual(pageDraft('selection'));
    expect(withPageSnapshot(pageDraft(), captured, 'other')).toEqual(pageDraft());
  });

  it('a capture with a malformed or oversized snapshot counts as no capture', () => {
    const page = { title: 'Urteil' };
    expect(parseCaptureResult({ page, selection: null, snapshot: captured })?.snapshot).toEqual(captured);
    expect(parseCaptureResult({ page, selection: null })?.snapshot).toBeUndefined();
    for (const snapshot of [
      { text: 'x'.repeat(500_001), shortened: true },
      { text: '', shortened: false },
      { text: 'x' },
      { missing: 'other' },
      '<p>html</p>',
    ]) {
      expect(parseCaptureResult({ page, selection: null, snapshot })).toBeNull();
    }
  });

  it('shows its UTF-8 size', () => {
    expect(snapshotSize('abc')).toBe(3);
    expect(snapshotSize('äß€😀')).toBe(new TextEncoder().encode('äß€😀').length);
  });

  it('becomes a snapshot record and parts on delegating, which reassemble to the (edited) text', async () => {
    const draft = { ...withPageSnapshot(pageDraft(), captured, 'page'), snapshotText: '## Leitsatz\n\n[Mandant 1] hat einen Anspruch.' };
    const records = await snapshotRecords(draft, 'task-1');
    expect(records).not.toBeNull();
    const { snapshot, parts } = records!;
    expect(snapshotSchema.parse(snapshot)).toEqual({
      id: 'task-1',
      taskId: 'task-1',
      url: 'https://recht.example/urteil',
      capturedAt: now.toISOString(),
      title: 'Urteil',
      siteName: 'Recht',
      shortened: false,
      bytes: snapshot.bytes,
      sha256: snapshot.sha256,
      parts: 1,
    });
    expect(parts.map((part) => snapshotPartSchema.parse(part).id)).toEqual([partId('task-1', 0)]);
    expect(
      await decodeText(
        snapshot,
        parts.map((part) => part.data),
      ),
    ).toEqual({ ok: true, text: draft.snapshotText });
  });

  it('nothing to send for a selection without "include the whole page", or without text', async () => {
    expect(await snapshotRecords(withPageSnapshot(pageDraft('selection'), captured, 'selection'), 't')).toBeNull();
    expect(await snapshotRecords(pageDraft(), 't')).toBeNull();
  });
});
