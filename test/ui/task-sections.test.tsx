// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AFTER_PAINT_ROWS, FIRST_PAINT_ROWS, MORE_ROWS, TaskSections } from '../../components/task-sections';
import type { TaskListModel, TaskRowModel } from '../../lib/ui/task-list';

afterEach(cleanup);

const row = (i: number): TaskRowModel => ({
  type: 'task',
  id: `t${i}`,
  title: `Aufgabe ${i}`,
  kind: 'research',
  status: 'in-progress',
  domain: null,
  documentType: null,
  due: null,
  priority: 'normal',
});

function model(open: number): TaskListModel {
  return { waiting: [], open: Array.from({ length: open }, (_, i) => row(i)), done: [], standing: [], total: open };
}

const rows = () => document.querySelectorAll('[data-row]').length;
const props = { doneExpanded: false, onToggleDone: () => {}, onOpen: () => {}, today: '2026-12-01', locale: 'en' };

describe('task sections (issue 14: the rows follow the screen, not the store)', () => {
  it('while browsing renders the first rows, a bounded number after the paint, and the rest on demand', async () => {
    const count = AFTER_PAINT_ROWS + MORE_ROWS + 30;
    render(<TaskSections model={model(count)} query="" {...props} />);
    expect(rows()).toBe(FIRST_PAINT_ROWS);
    await waitFor(() => expect(rows()).toBe(AFTER_PAINT_ROWS));
    // The count names everything, the button what is not shown yet.
    expect(screen.getByRole('heading', { name: /Open/ }).textContent).toMatch(new RegExp(`${count}`));
    fireEvent.click(screen.getByRole('button', { name: `Show more (${count - AFTER_PAINT_ROWS} not shown yet)` }));
    await waitFor(() => expect(rows()).toBe(AFTER_PAINT_ROWS + MORE_ROWS));
    fireEvent.click(screen.getByRole('button', { name: /Show more/ }));
    await waitFor(() => expect(rows()).toBe(count));
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();
  });

  it('puts "show more" after the first section cut short and counts only the rows that can be shown', async () => {
    const waiting = Array.from({ length: FIRST_PAINT_ROWS + 5 }, (_, i) => row(1000 + i));
    const list: TaskListModel = { ...model(10), waiting, done: [row(5000)] };
    render(<TaskSections model={list} query="aufgabe" {...props} />);
    const more = screen.getByRole('button', { name: 'Show more (15 not shown yet)' });
    // Right after the waiting rows, before the "Open" heading.
    expect(more.closest('section')?.querySelector('h2')?.textContent).toMatch(/Waiting/);
  });
});
