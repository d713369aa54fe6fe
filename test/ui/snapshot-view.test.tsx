// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { announceChange, getRecord, saveDraft, setPanelRoute, type Db, type PanelRoute } from '../../lib/store';
import { delegateDraftWithSnapshot } from '../../lib/store/snapshots';
import { partId } from '../../lib/snapshot/draft-snapshot';
import { setConnection } from '../../lib/sync/connection';
import { fakePlatform, freshDb, makeConnection, makeDraft } from './helpers';

afterEach(cleanup);

const HOSTILE =
  '## Leitsatz\n\nDie Revision hat Erfolg. <img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>\n\nZweite REVISION.';

async function openPanel(db: Db, route: PanelRoute) {
  await setPanelRoute(db, route);
  return render(<SidePanelApp db={db} platform={fakePlatform()} />);
}

describe('page as the client saw it', () => {
  it('the draft shows the size and, for a selection, offers the whole page; delegated, the task shows the page', async () => {
    const db = await freshDb();
    const draft = makeDraft({ snapshotText: HOSTILE, snapshot: { title: 'Urteil VI ZR 1/25', shortened: false, include: false } });
    await saveDraft(db, draft);
    await openPanel(db, { view: 'draft', id: draft.id });
    expect(await screen.findByText(/Snapshot of the page: \d+ byte of text\./)).toBeTruthy();
    const include = screen.getByRole('checkbox', { name: 'Include the whole page' }) as HTMLInputElement;
    expect(include.checked).toBe(false);
    fireEvent.click(include);
    fireEvent.click(screen.getByRole('button', { name: 'Delegate' }));

    const section = await screen.findByRole('region', { name: 'Page as the client saw it' });
    expect(within(section).getByRole('link', { name: 'Urteil VI ZR 1/25' }).getAttribute('href')).toBe(draft.source.url);
    fireEvent.click(within(section).getByRole('button', { name: 'Show the page' }));
    const text = await within(section).findByText(/Die Revision hat Erfolg/);
    // Escaped: the page's markup is text, no element of it exists, nothing ran.
    expect(text.textContent).toBe(HOSTILE);
    expect(section.querySelector('img, script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();

    fireEvent.input(within(section).getByRole('searchbox', { name: 'Search in the page' }), { target: { value: 'revision' } });
    expect(await within(section).findByText('2 matches')).toBeTruthy();
    expect(Array.from(section.querySelectorAll('mark'), (mark) => mark.textContent)).toEqual(['Revision', 'REVISION']);
    fireEvent.input(within(section).getByRole('searchbox', { name: 'Search in the page' }), { target: { value: '<script>' } });
    expect(await within(section).findByText('1 match')).toBeTruthy();
    expect(section.querySelector('mark')?.textContent).toBe('<script>');
  });

  it('the assistant sees "snapshot incomplete" while a part is missing, and the page once it arrives', async () => {
    const db = await freshDb();
    let text = '';
    while (text.length < 120_000) text += `${Math.random().toString(36).slice(2)} `;
    const task = await delegateDraftWithSnapshot(db, makeDraft({ snapshotText: text, snapshot: { shortened: true, include: true } }));
    await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'dev-anna', deviceName: 'Anna' }));
    const part = await db.get('snapshotPart', partId(task.id, 0));
    await db.delete('snapshotPart', partId(task.id, 0));
    await openPanel(db, { view: 'task', id: task.id });

    const section = await screen.findByRole('region', { name: 'Page as the client saw it' });
    expect(within(section).getByText(/Shortened: the page had more text/)).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Show the page' }));
    expect(await within(section).findByText(/Snapshot incomplete: not all of its parts have arrived/)).toBeTruthy();
    expect(section.querySelector('blockquote')).toBeNull();

    await db.put('snapshotPart', part!);
    // The sync that brings the part announces it; the view reads again.
    announceChange({ kind: 'snapshotPart', ids: [partId(task.id, 0)] });
    await waitFor(() => expect(section.querySelector('blockquote')?.textContent).toBe(text));
    expect(await getRecord(db, 'snapshot', task.id)).toBeTruthy();
  });

  it('a page clip without a snapshot says why', async () => {
    const db = await freshDb();
    const draft = makeDraft({
      source: { type: 'page', url: 'https://example.com/', title: 'Leer', capturedAt: '2026-11-26T09:00:00.000Z' },
      snapshotMissing: 'no-readable-content',
    });
    await saveDraft(db, draft);
    await openPanel(db, { view: 'draft', id: draft.id });
    expect(await screen.findByText('No snapshot: the page has no readable text.')).toBeTruthy();
  });
});
