// @vitest-environment happy-dom
// Issue 14: a task with a long thread and a long time log opens at the newest messages and entries;
// the older ones follow right after the paint, in order, each entry's delete button naming its own entry.
import { cleanup, render, waitFor, within } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { FIRST_PAINT_COMMENTS } from '../../components/comments-thread';
import { SidePanelApp } from '../../components/side-panel-app';
import { FIRST_PAINT_ENTRIES } from '../../components/time-log';
import { addComment, createTask, logManualTime, setPanelRoute } from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { fakePlatform, freshDb, makeConnection, makeTask } from './helpers';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function longTask() {
  const db = await freshDb();
  await setConnection(db, makeConnection());
  const task = makeTask({ status: 'in-progress' });
  await createTask(db, task);
  const start = Date.parse('2026-11-01T09:00:00Z');
  for (let i = 0; i < messages; i++) await addComment(db, task.id, `Nachricht ${i}`, new Date(start + i * 60_000));
  for (let i = 0; i < entries; i++) {
    const date = `2026-11-${String(1 + i).padStart(2, '0')}`; // one a day: the log's order is by day
    await logManualTime(db, { taskId: task.id, minutes: 5 + i, date, note: `Eintrag ${i}` });
  }
  await setPanelRoute(db, { view: 'task', id: task.id });
  return db;
}

const messages = FIRST_PAINT_COMMENTS + 9;
const entries = FIRST_PAINT_ENTRIES + 7;

/** The thread's messages and the log's rows as shown, each row with its delete button's name. */
function shown(container: Element) {
  return {
    thread: [...container.querySelectorAll('.thread > li')].map((li) => li.textContent ?? ''),
    rows: [...container.querySelectorAll('.time-entries > li')].map((row) => ({
      text: row.textContent ?? '',
      name:
        within(row as HTMLElement)
          .getByRole('button')
          .getAttribute('aria-label') ?? '',
    })),
  };
}

it('first renders the newest messages and entries, each delete button naming its own entry', async () => {
  // No frame is ever painted: what shows is the first render.
  vi.stubGlobal('requestAnimationFrame', () => 0);
  const db = await longTask();
  const { container } = render(<SidePanelApp db={db} platform={fakePlatform()} />);
  await waitFor(() => expect(container.querySelectorAll('.time-entries > li').length).toBeGreaterThan(0));
  await waitFor(() => expect(container.querySelectorAll('.thread > li').length).toBeGreaterThan(0));
  const { thread, rows } = shown(container);
  expect(thread).toHaveLength(FIRST_PAINT_COMMENTS);
  thread.forEach((text, i) => expect(text).toContain(`Nachricht ${messages - FIRST_PAINT_COMMENTS + i}`));
  expect(rows).toHaveLength(FIRST_PAINT_ENTRIES);
  rows.forEach(({ text, name }, i) => {
    const n = entries - FIRST_PAINT_ENTRIES + i;
    expect(text).toContain(`Eintrag ${n}`);
    expect(name).toContain(`Eintrag ${n})`);
  });
});

it('then renders every message and entry, oldest first, with the right names', async () => {
  const db = await longTask();
  const { container } = render(<SidePanelApp db={db} platform={fakePlatform()} />);
  await waitFor(() => expect(container.querySelectorAll('.thread > li')).toHaveLength(messages), { timeout: 3000 });
  await waitFor(() => expect(container.querySelectorAll('.time-entries > li')).toHaveLength(entries));
  const { thread, rows } = shown(container);
  thread.forEach((text, i) => expect(text).toContain(`Nachricht ${i}`));
  rows.forEach(({ text, name }, i) => {
    expect(text).toContain(`Eintrag ${i}`);
    expect(name).toContain(`Eintrag ${i})`);
  });
});
