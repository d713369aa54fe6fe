// Generating the handover package from the data (issue 11): what goes in, in which order, and
// what the outgoing assistant wrote surviving a regeneration.
import { describe, expect, it } from 'vitest';
import { averageMinutes, checkPackage, excerpt, generatePackage, withTaskNote, type PackageInput } from '../../lib/handover/package';
import { HANDOVER_LIMITS, type Comment, type TimeEntry } from '../../lib/model';
import { perKind } from '../../lib/levels';
import { makeTask } from '../ui/helpers';

const WEEKLY = { rule: 'DTSTART;VALUE=DATE:20261102\nRRULE:FREQ=WEEKLY;BYDAY=MO', anchor: 'schedule' as const };

const entry = (taskId: string, minutes: number, date: string, occurrence?: string): TimeEntry => ({
  id: `${taskId}-${date}-${minutes}`,
  taskId,
  minutes,
  date,
  note: '',
  authorDevice: 'anna',
  ...(occurrence ? { occurrence } : {}),
});
const comment = (taskId: string, authorDevice: string, body: string, createdAt: string): Comment => ({
  id: `${taskId}-${createdAt}`,
  taskId,
  body,
  authorDevice,
  createdAt,
});

function input(overrides: Partial<PackageInput> = {}): PackageInput {
  return {
    tasks: [],
    comments: [],
    timeEntries: [],
    instructions: [],
    occurrences: [],
    levels: perKind(() => 1),
    clientDevices: new Set(['kanzlei']),
    today: '2026-11-27',
    now: '2026-11-27T12:00:00.000Z',
    ...overrides,
  };
}

describe('averageMinutes', () => {
  it.each([
    ['no entries', [], null],
    ['one entry per day counts each day as one occurrence', [entry('s', 30, '2026-11-16'), entry('s', 50, '2026-11-23')], 40],
    [
      'two entries on one day are one occurrence',
      [entry('s', 20, '2026-11-16'), entry('s', 40, '2026-11-16'), entry('s', 30, '2026-11-23')],
      45,
    ],
    [
      'entries naming an occurrence count towards it, whatever their day',
      [entry('s', 20, '2026-11-16', 's:2026-11-16'), entry('s', 25, '2026-11-17', 's:2026-11-16')],
      45,
    ],
    ['rounded to whole minutes', [entry('s', 10, '2026-11-16'), entry('s', 11, '2026-11-17')], 11],
  ])('%s', (_, entries, expected) => {
    expect(averageMinutes(entries)).toBe(expected);
  });
});

describe('excerpt', () => {
  it.each([
    ['short text stays', 'Bitte prüfen.', 20, 'Bitte prüfen.'],
    ['line breaks become spaces', 'Erste Zeile\n\nzweite', 40, 'Erste Zeile zweite'],
    ['long text is cut with an ellipsis at the limit', 'abcdefghij', 5, 'abcd…'],
  ])('%s', (_, text, max, expected) => {
    expect(excerpt(text, max)).toBe(expected);
  });
});

describe('generatePackage', () => {
  const open = makeTask({ id: 'offen', title: 'Gutachten', status: 'question', due: '2026-12-03', createdAt: '2026-11-20T10:00:00.000Z' });
  const urgent = makeTask({ id: 'eilig', title: 'Frist', status: 'in-progress', due: '2026-11-28', createdAt: '2026-11-25T10:00:00.000Z' });
  const noRush = makeTask({ id: 'ohne', title: 'Irgendwann', status: 'new', due: null, createdAt: '2026-11-01T10:00:00.000Z' });
  const done = makeTask({ id: 'fertig', status: 'done' });
  const archived = makeTask({ id: 'archiv', status: 'archived' });
  const deleted = makeTask({ id: 'weg', status: 'new', deleted: true });
  const standing = makeTask({
    id: 'woche',
    title: 'Wochenbericht',
    kind: 'presentation',
    recurrence: WEEKLY,
    budgetMinutes: 60,
    level: null,
  });

  it.each([
    [
      'open tasks: due soonest first, "no rush" last; finished and deleted ones left out',
      [open, urgent, noRush, done, archived, deleted],
      ['eilig', 'offen', 'ohne'],
    ],
    ['a standing task is listed as standing, never as open', [standing, open], ['offen']],
  ])('%s', (_, tasks, openIds) => {
    expect(generatePackage(input({ tasks })).openTasks.map((t) => t.taskId)).toEqual(openIds);
  });

  it('gives a standing task its rule, the occurrence owed next, average time, budget and level (the kind default when the task has none)', () => {
    const pkg = generatePackage(
      input({
        tasks: [standing],
        timeEntries: [entry('woche', 30, '2026-11-16'), entry('woche', 60, '2026-11-23')],
        levels: { ...perKind(() => 1), presentation: 3 },
        occurrences: [{ id: 'woche:2026-11-23', taskId: 'woche', day: '2026-11-23', status: 'done', doneOn: '2026-11-23' }],
      }),
    );
    expect(pkg.standingTasks).toEqual([
      {
        taskId: 'woche',
        title: 'Wochenbericht',
        kind: 'presentation',
        rule: WEEKLY.rule,
        nextDate: '2026-11-30',
        averageMinutes: 45,
        budgetMinutes: 60,
        level: 3,
      },
    ]);
  });

  it('takes the last word of each thread, with the side it came from', () => {
    const pkg = generatePackage(
      input({
        tasks: [open, urgent],
        comments: [
          comment('offen', 'anna', 'Frage?', '2026-11-25T09:00:00.000Z'),
          comment('offen', 'kanzlei', 'Antwort: ja, bitte.', '2026-11-26T09:00:00.000Z'),
          comment('eilig', 'anna', 'Läuft.', '2026-11-26T08:00:00.000Z'),
        ],
      }),
    );
    expect(pkg.openTasks.map((t) => [t.taskId, t.lastWord?.side, t.lastWord?.excerpt])).toEqual([
      ['eilig', 'assistant', 'Läuft.'],
      ['offen', 'client', 'Antwort: ja, bitte.'],
    ]);
  });

  it('lists standing instructions in their order, deleted ones left out', () => {
    const pkg = generatePackage(
      input({
        instructions: [
          { id: 'b', title: 'Zweitens', body: 'B', order: 2 },
          { id: 'a', title: 'Erstens', body: 'A', order: 1 },
          { id: 'c', title: 'Weg', body: '', order: 0, deleted: true },
        ],
      }),
    );
    expect(pkg.instructions).toEqual([
      { title: 'Erstens', body: 'A' },
      { title: 'Zweitens', body: 'B' },
    ]);
  });

  it('keeps what the assistant wrote when generated again; a note on a task that left the package goes', () => {
    const first = generatePackage(input({ tasks: [open, urgent] }));
    const written = {
      ...withTaskNote(withTaskNote(first, 'offen', 'Ruft freitags an.'), 'eilig', 'Frist notiert.'),
      generalNote: 'Du-Form nur intern.',
      contacts: [{ name: 'Frau Roth', reach: 'Sekretariat', note: '' }],
      access: [{ what: 'DATEV', where: 'Passwortmanager', shared: true }],
    };
    const again = generatePackage(input({ tasks: [open, { ...urgent, status: 'done' }], now: '2026-11-28T08:00:00.000Z' }), written);
    expect(again.generatedAt).toBe('2026-11-28T08:00:00.000Z');
    expect(again.taskNotes).toEqual([{ taskId: 'offen', note: 'Ruft freitags an.' }]);
    expect(again).toMatchObject({ generalNote: 'Du-Form nur intern.', contacts: written.contacts, access: written.access });
  });

  it('fits one message: with many long instructions their bodies become excerpts, and the result passes the schema', () => {
    const instructions = Array.from({ length: 60 }, (_, i) => ({ id: `i${i}`, title: `Anweisung ${i}`, body: 'x'.repeat(5000), order: i }));
    const pkg = generatePackage(input({ instructions }));
    expect(pkg.instructions).toHaveLength(60);
    expect(pkg.instructions[0].body.length).toBe(HANDOVER_LIMITS.excerpt);
    expect(checkPackage(pkg)).toBeNull();
  });

  it('refuses to save notes that would not fit one message', () => {
    const pkg = generatePackage(input());
    const huge = Array.from({ length: 20 }, (_, i) => ({ taskId: `t${i}`, note: 'n'.repeat(HANDOVER_LIMITS.note) }));
    expect(checkPackage({ ...pkg, taskNotes: huge })).toBe('too-large');
    expect(checkPackage({ ...pkg, generalNote: 'n'.repeat(HANDOVER_LIMITS.note + 1) })).toBe('invalid');
  });
});
