// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RepeatEditor } from '../../components/repeat-editor';
import { StandingSection } from '../../components/standing-section';
import { newTask, type StandingRule } from '../../lib/model';
import { standingPart } from '../../lib/ui/standing';
import { buildTaskList } from '../../lib/ui/task-list';

afterEach(cleanup);

describe('the Repeats editor', () => {
  it('builds a weekly rule from a preset, says it as a sentence with the next three dates, and saves it', () => {
    const onChange = vi.fn<(r: StandingRule | null) => void>();
    render(<RepeatEditor recurrence={null} createdAt="2026-12-01T08:00:00.000Z" today="2026-12-07" locale="en" onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Repeats', { selector: 'select' }), { target: { value: 'weekly' } });
    expect(onChange).toHaveBeenLastCalledWith({ rule: 'DTSTART;VALUE=DATE:20261207\nRRULE:FREQ=WEEKLY;BYDAY=MO', anchor: 'schedule' });
    expect(screen.getByRole('status').textContent).toContain('Every Monday, from 7 December 2026');
    expect(screen.getByRole('status').textContent).toContain('Dec 7, Dec 14, Dec 21');
    fireEvent.click(screen.getByLabelText('from the day it was done'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ anchor: 'completion' }));
  });

  it('says what is wrong with a custom rule instead of crashing, and saves nothing', () => {
    const onChange = vi.fn();
    render(<RepeatEditor recurrence={null} createdAt="2026-12-01T08:00:00.000Z" today="2026-12-07" locale="en" onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Repeats', { selector: 'select' }), { target: { value: 'custom' } });
    onChange.mockClear();
    fireEvent.input(screen.getByLabelText('Rule'), { target: { value: 'DTSTART;VALUE=DATE:20261207\nRRULE:FREQ=HOURLY' } });
    expect(screen.getByRole('alert').textContent).not.toBe('');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('opens a stored rule on its preset', () => {
    const rule = 'DTSTART;VALUE=DATE:20261231\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1';
    render(
      <RepeatEditor
        recurrence={{ rule, anchor: 'schedule' }}
        createdAt="2026-12-01T08:00:00.000Z"
        today="2026-12-07"
        locale="en"
        onChange={() => undefined}
      />,
    );
    expect((screen.getByLabelText('Repeats', { selector: 'select' }) as HTMLSelectElement).value).toBe('monthly-last-day');
  });
});

describe('standing tasks in the popup', () => {
  const rule = { rule: 'DTSTART;VALUE=DATE:20261207\nRRULE:FREQ=WEEKLY;BYDAY=MO', anchor: 'schedule' as const };
  const standing = newTask({ id: 's', title: 'Weekly report', recurrence: rule });
  const oneOff = newTask({ id: 'o', title: 'Once', status: 'accepted' });

  it('lists each standing task once with its current day, and a due occurrence waits for the assistant like a new task', () => {
    const data = { tasks: [standing], occurrences: [], ready: true };
    const early = buildTaskList([standing, oneOff], [], 'assistant', '', new Map(), standingPart(data, 'assistant', '2026-12-01'));
    expect(early.standing.map((r) => [r.id, r.day])).toEqual([['s', '2026-12-07']]);
    expect(early.waiting).toEqual([]);
    expect(early.open.map((r) => r.id)).toEqual(['o']);
    const due = buildTaskList([standing, oneOff], [], 'assistant', '', new Map(), standingPart(data, 'assistant', '2026-12-22'));
    expect(due.waiting.map((r) => [r.id, r.due, r.status])).toEqual([['s', '2026-12-21', 'new']]);
    expect(due.standing).toEqual([]);
    const pending = buildTaskList(
      [standing],
      [],
      'assistant',
      '',
      new Map(),
      standingPart({ ...data, ready: false }, 'assistant', '2026-12-22'),
    );
    expect(pending.waiting).toEqual([]);
    expect(pending.standing[0]).toMatchObject({ pending: true, day: null });
  });

  it('shows the day and says overdue, and opens the task', () => {
    const onOpen = vi.fn();
    render(
      <StandingSection
        rows={[{ id: 's', title: 'Weekly report', day: '2026-12-14', status: 'in-progress', overdue: true, pending: false }]}
        onOpen={onOpen}
        today="2026-12-22"
        locale="en"
      />,
    );
    expect(screen.getByRole('heading').textContent).toContain('Standing');
    const row = screen.getByRole('button');
    expect(row.textContent).toContain('Overdue since Dec 14');
    fireEvent.click(row);
    expect(onOpen).toHaveBeenCalledWith('s');
  });
});
