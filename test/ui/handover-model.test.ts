// The handover view models and the successor's first-page store (issue 11): stages and their
// sentences, refusals by name, the export file, editor row helpers, "seen once" per device.
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { withoutBlankEntries } from '../../lib/handover/package';
import { handoverText } from '../../lib/handover/text';
import type { Handover, HandoverContent } from '../../lib/model';
import { createHandover, markHandoverSeen, saveHandoverContent, setHandoverReady, welcomePackage } from '../../lib/store/handover';
import { setConnection } from '../../lib/sync/connection';
import { HandoverError } from '../../lib/sync/handover';
import { SyncError } from '../../lib/sync/client';
import {
  handoverExportFile,
  handoverFailureSentence,
  handoverProgress,
  handoverStage,
  packageRefusalSentence,
  patchAt,
  removeAt,
} from '../../lib/ui/handover';
import { freshDb, makeConnection, useLocale } from './helpers';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const content: HandoverContent = {
  generatedAt: '2026-11-27T12:00:00.000Z',
  instructions: [],
  standingTasks: [],
  openTasks: [{ taskId: 't1', title: 'Gutachten', status: 'in-progress', due: null, lastWord: null }],
  contacts: [],
  access: [],
  taskNotes: [],
  generalNote: 'PDF.',
  openQuestions: '',
};

const handover = (overrides: Partial<Handover> = {}): Handover => ({
  id: 'h1',
  authorDevice: 'anna',
  createdAt: '2026-11-27T10:00:00.000Z',
  mode: 'current-state',
  overlapUntil: null,
  keepLevels: false,
  devicesBefore: ['client', 'anna'],
  content: null,
  ready: false,
  ...overrides,
});
const names: Record<string, string> = { anna: 'Anna', bea: 'Bea' };
const nameOf = (id: string) => names[id] ?? id;

describe('handover progress on the client page', () => {
  it('waits for a successor, then for the package, then may finish', () => {
    expect(handoverStage(handover(), [])).toBe('waiting-successor');
    expect(handoverStage(handover({ ready: true, content }), [])).toBe('waiting-successor');
    expect(handoverStage(handover(), ['bea'])).toBe('waiting-package');
    // Marked ready without a package is no package.
    expect(handoverStage(handover({ ready: true }), ['bea'])).toBe('waiting-package');
    expect(handoverStage(handover({ ready: true, content }), ['bea'])).toBe('ready');

    const before = handoverProgress(handover({ overlapUntil: '2026-12-15' }), [], nameOf, 'en', '2026-11-27');
    expect(before).toEqual({
      lines: [
        'The successor has not joined yet.',
        'Waiting for “Anna” to mark the handover package ready.',
        'Both assistants work side by side until Dec 15.',
      ],
      canFinish: false,
    });
    const waiting = handoverProgress(handover(), ['bea'], nameOf, 'en', '2026-11-27');
    expect(waiting.lines[0]).toBe('The successor has joined: Bea.');
    // The client may finish without the package (the outgoing assistant may be gone already).
    expect(waiting.canFinish).toBe(true);
    expect(handoverProgress(handover({ ready: true, content }), ['bea'], nameOf, 'en', '2026-11-27').lines[1]).toBe(
      'The handover package is ready. Please review it, then finish the handover.',
    );
  });

  it('names each refusal, and other failures as the endpoint sentence', () => {
    expect(handoverFailureSentence(new HandoverError('no-successor'))).toMatch(
      /^The successor has not joined yet, or her device is not trusted/,
    );
    expect(handoverFailureSentence(new HandoverError('not-assistant'))).toBe(
      'The chosen device is no active assistant of this workspace (any more).',
    );
    expect(handoverFailureSentence(new HandoverError('unknown-handover'))).toBe('This handover is finished or was cancelled.');
    expect(handoverFailureSentence(new HandoverError('not-client'))).toBe('Only a client device can hand over.');
    expect(handoverFailureSentence(new SyncError('revoked', 'gone'))).toMatch(/This device was removed from the workspace/);
    expect(packageRefusalSentence('too-large')).toBe('The package is too long to send. Please shorten the notes.');
  });
});

describe('in German', () => {
  it('says the progress and names the export in formal, gender-neutral German', () => {
    useLocale('de');
    try {
      const progress = handoverProgress(handover({ overlapUntil: '2026-12-15' }), ['bea'], nameOf, 'de', '2026-11-27');
      expect(progress.lines).toEqual([
        'Die Nachfolge ist beigetreten: Bea.',
        'Warten, bis „Anna“ das Übergabepaket als fertig markiert.',
        // A German short month ends with a period: the date is not the sentence's end.
        'Beide Assistenzen arbeiten bis 15. Dez. parallel.',
      ]);
      expect(handoverFailureSentence(new HandoverError('unknown-handover'))).toBe(
        'Diese Übergabe ist abgeschlossen oder wurde abgebrochen.',
      );
      const md = handoverExportFile(content, 'markdown', handoverText('de', 'de', '2026-11-27')).text;
      expect(md).toMatch(/^# Übergabepaket\n/);
      expect(md).toContain('## Ungeschriebene Regeln');
    } finally {
      useLocale('en');
    }
  });
});

describe('export file and editor rows', () => {
  it('names the file after the day and carries the format', () => {
    const words = handoverText('en', 'en', '2026-11-27');
    const md = handoverExportFile(content, 'markdown', words);
    expect(md).toMatchObject({ name: 'zuarbeit-handover-2026-11-27.md', type: 'text/markdown;charset=utf-8' });
    expect(md.text).toMatch(/^# Handover package\n/);
    expect(md.text).toContain('- **Gutachten**');
    const json = handoverExportFile(content, 'json', words);
    expect(json.name).toBe('zuarbeit-handover-2026-11-27.json');
    expect(JSON.parse(json.text)).toMatchObject({ format: 'zuarbeit-handover', version: 1, generalNote: 'PDF.' });
  });

  it('patches and removes one row; rows left blank are dropped on save', () => {
    const rows = [{ name: 'A' }, { name: 'B' }];
    expect(patchAt(rows, 1, { name: 'C' })).toEqual([{ name: 'A' }, { name: 'C' }]);
    expect(removeAt(rows, 0)).toEqual([{ name: 'B' }]);
    const edited = {
      ...content,
      contacts: [
        { name: ' ', reach: '', note: '' },
        { name: 'Frau Kunz', reach: '0151', note: '' },
      ],
      access: [
        { what: '', where: '', shared: true },
        { what: 'beA', where: 'Safe', shared: false },
      ],
    };
    const cleaned = withoutBlankEntries(edited);
    expect(cleaned.contacts.map((c) => c.name)).toEqual(['Frau Kunz']);
    expect(cleaned.access.map((a) => a.what)).toEqual(['beA']);
  });
});

describe('the successor’s first page', () => {
  it('shows a ready package once, only to an assistant that joined after the handover began', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'bea' }));
    const h = await createHandover(db, {
      outgoingDevice: 'anna',
      mode: 'current-state',
      overlapUntil: null,
      keepLevels: false,
      devicesBefore: ['client', 'anna'],
    });
    expect(await welcomePackage(db)).toBeNull();
    expect(await saveHandoverContent(db, h.id, content)).toBeNull();
    expect(await welcomePackage(db)).toBeNull();
    await setHandoverReady(db, h.id, true);
    expect((await welcomePackage(db))?.id).toBe(h.id);
    await markHandoverSeen(db, h.id);
    expect(await welcomePackage(db)).toBeNull();
    // A package too large for one message is refused and nothing changes.
    expect(
      await saveHandoverContent(db, h.id, {
        ...content,
        generalNote: 'x'.repeat(4000),
        taskNotes: Array.from({ length: 20 }, (_, i) => ({ taskId: `t${i}`, note: 'y'.repeat(4000) })),
      }),
    ).toBe('too-large');
  });

  it('is not shown to the client, nor to an assistant who was there before', async () => {
    for (const connection of [
      makeConnection({ role: 'client', deviceId: 'client' }),
      makeConnection({ role: 'assistant', deviceId: 'carla' }),
    ]) {
      const db = await freshDb();
      await setConnection(db, connection);
      const h = await createHandover(db, {
        outgoingDevice: 'anna',
        mode: 'current-state',
        overlapUntil: null,
        keepLevels: false,
        devicesBefore: ['client', 'anna', 'carla'],
      });
      await saveHandoverContent(db, h.id, content);
      await setHandoverReady(db, h.id, true);
      expect(await welcomePackage(db)).toBeNull();
    }
  });
});
