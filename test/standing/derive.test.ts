import { describe, expect, it } from 'vitest';
import { newTask, occurrenceSchema, recurrenceSchema, taskSchema, type Occurrence, type StandingRule } from '../../lib/model';
import { buildRule } from '../../lib/recurrence';
import { deriveStanding, HISTORY_LIMIT } from '../../lib/standing/derive';
import { occurrenceId, parseOccurrenceId, standingRuleOf } from '../../lib/standing/rule';

// 2026-12-07 is a Monday.
const MONDAYS = buildRule({ kind: 'weekly', weekdays: ['MO'], start: '2026-12-07' });
const weekly = (anchor: StandingRule['anchor'] = 'schedule', rule = MONDAYS) =>
  newTask({ id: 't1', title: 'Weekly report', recurrence: { rule, anchor }, createdAt: '2026-12-01T08:00:00.000Z' });
const occ = (day: string, status: Occurrence['status'], extra: Partial<Occurrence> = {}): Occurrence => ({
  id: occurrenceId('t1', day),
  taskId: 't1',
  day,
  status,
  ...extra,
});

describe('the rule of a standing task', () => {
  it('reads the form older devices wrote, counted from the day the task was created', () => {
    const task = newTask({ id: 't', title: 'x', recurrence: { every: 'week', interval: 2 }, createdAt: '2026-12-02T23:30:00.000Z' });
    expect(taskSchema.safeParse(task).success).toBe(true);
    expect(standingRuleOf(task)).toEqual({ rule: 'DTSTART;VALUE=DATE:20261202\nRRULE:FREQ=WEEKLY;INTERVAL=2', anchor: 'schedule' });
    expect(deriveStanding(task, [], '2026-12-20')?.current?.day).toBe('2026-12-16');
  });

  it('refuses a rule the engine cannot evaluate, and an unknown anchor', () => {
    expect(recurrenceSchema.safeParse({ rule: 'RRULE:FREQ=WEEKLY', anchor: 'schedule' }).success).toBe(false);
    expect(recurrenceSchema.safeParse({ rule: MONDAYS, anchor: 'sometimes' }).success).toBe(false);
    expect(recurrenceSchema.safeParse({ rule: MONDAYS, anchor: 'completion' }).success).toBe(true);
    expect(standingRuleOf(newTask({ id: 't', title: 'x' }))).toBeNull();
  });

  it('names each occurrence by task and day, both ways', () => {
    expect(occurrenceId('a:b', '2026-12-07')).toBe('a:b:2026-12-07');
    expect(parseOccurrenceId('a:b:2026-12-07')).toEqual({ taskId: 'a:b', day: '2026-12-07' });
    expect(parseOccurrenceId('a:2026-12')).toBeNull();
    expect(occurrenceSchema.safeParse(occ('2026-12-07', 'skipped')).success).toBe(true);
    expect(occurrenceSchema.safeParse(occ('2026-12-07', 'lost' as never)).success).toBe(false);
  });
});

describe('the current occurrence (schedule anchor)', () => {
  it('is the next one to come before the first day, with the three after it', () => {
    const state = deriveStanding(weekly(), [], '2026-12-01')!;
    expect(state.current).toMatchObject({ id: 't1:2026-12-07', day: '2026-12-07', status: 'new', stored: false });
    expect(state).toMatchObject({ due: false, overdue: false, upcoming: ['2026-12-14', '2026-12-21', '2026-12-28'] });
    expect(state.history).toEqual([]);
  });

  it('is due on its day', () => {
    expect(deriveStanding(weekly(), [], '2026-12-07')).toMatchObject({ due: true, overdue: false, current: { day: '2026-12-07' } });
  });

  it('shows a missed stretch once, as the latest day that came, the earlier ones missed', () => {
    const state = deriveStanding(weekly(), [], '2026-12-30')!;
    expect(state).toMatchObject({ overdue: true, current: { day: '2026-12-28' } });
    expect(state.history.map((h) => [h.day, h.status])).toEqual([
      ['2026-12-21', 'missed'],
      ['2026-12-14', 'missed'],
      ['2026-12-07', 'missed'],
    ]);
  });

  it('moves to the next day once the current one is done, and not back to the missed ones', () => {
    const state = deriveStanding(weekly(), [occ('2026-12-28', 'done', { doneOn: '2026-12-30' })], '2026-12-30')!;
    expect(state).toMatchObject({ due: false, overdue: false, current: { day: '2027-01-04' } });
    expect(state.lastDone).toMatchObject({ day: '2026-12-28', doneOn: '2026-12-30' });
    expect(state.history[0]).toMatchObject({ day: '2026-12-28', status: 'done' });
  });

  it('skips one occurrence on request', () => {
    const state = deriveStanding(weekly(), [occ('2026-12-07', 'skipped')], '2026-12-08')!;
    expect(state.current?.day).toBe('2026-12-14');
    expect(state.lastDone).toBeNull();
  });

  it('keeps an occurrence someone started current after later ones came', () => {
    const state = deriveStanding(weekly(), [occ('2026-12-07', 'in-progress')], '2026-12-22')!;
    expect(state).toMatchObject({ overdue: true, current: { day: '2026-12-07', status: 'in-progress', stored: true } });
  });

  it('done early, the next one follows the done one', () => {
    const state = deriveStanding(weekly(), [occ('2026-12-14', 'done', { doneOn: '2026-12-10' })], '2026-12-10')!;
    expect(state.current?.day).toBe('2026-12-21');
  });

  it('ends with the rule', () => {
    const rule = buildRule({ kind: 'weekly', weekdays: ['MO'], start: '2026-12-07', end: { count: 2 } });
    expect(deriveStanding(weekly('schedule', rule), [occ('2026-12-14', 'done')], '2026-12-20')).toMatchObject({
      current: null,
      due: false,
      upcoming: [],
    });
  });

  it('ignores deleted records, records of other tasks and records whose id does not name them', () => {
    const records = [
      occ('2026-12-07', 'done', { deleted: true }),
      { ...occ('2026-12-07', 'done'), taskId: 't2', id: 't2:2026-12-07' },
      { ...occ('2026-12-07', 'done'), id: 't1:2026-12-14' },
    ];
    expect(deriveStanding(weekly(), records, '2026-12-08')?.current?.day).toBe('2026-12-07');
  });

  it('keeps the history short for a daily rule that ran for years', () => {
    const daily = buildRule({ kind: 'every', unit: 'day', start: '2020-01-01' });
    const state = deriveStanding(weekly('schedule', daily), [], '2026-12-08')!;
    expect(state.current?.day).toBe('2026-12-08');
    expect(state.history).toHaveLength(HISTORY_LIMIT);
    expect(state.history[0].day).toBe('2026-12-07');
  });
});

describe('the current occurrence (completion anchor)', () => {
  const every3 = buildRule({ kind: 'every', unit: 'day', interval: 3, start: '2026-12-01' });

  it('starts on the first day and stays there, overdue, until done: nothing to miss', () => {
    const state = deriveStanding(weekly('completion', every3), [], '2026-12-20')!;
    expect(state).toMatchObject({ overdue: true, current: { day: '2026-12-01' }, upcoming: ['2026-12-04', '2026-12-07', '2026-12-10'] });
    expect(state.history).toEqual([]);
  });

  it('counts the next day from the day it was done', () => {
    const state = deriveStanding(weekly('completion', every3), [occ('2026-12-01', 'done', { doneOn: '2026-12-09' })], '2026-12-09')!;
    expect(state.current?.day).toBe('2026-12-12');
  });

  it('counts from the day when done before it, never landing on the done one again', () => {
    const state = deriveStanding(weekly('completion', every3), [occ('2026-12-01', 'done', { doneOn: '2026-11-20' })], '2026-11-20')!;
    expect(state.current?.day).toBe('2026-12-04');
  });

  it('counts a skipped one from its day, and stops after COUNT settled ones', () => {
    const twice = buildRule({ kind: 'every', unit: 'day', interval: 3, start: '2026-12-01', end: { count: 2 } });
    const skipped = [occ('2026-12-01', 'skipped')];
    expect(deriveStanding(weekly('completion', twice), skipped, '2026-12-02')).toMatchObject({
      current: { day: '2026-12-04' },
      upcoming: [],
    });
    expect(
      deriveStanding(weekly('completion', twice), [...skipped, occ('2026-12-04', 'done', { doneOn: '2026-12-04' })], '2026-12-05')?.current,
    ).toBeNull();
  });
});

describe('who may write an occurrence (merge role rules)', () => {
  const change = (field: string, value: unknown, id = 't1:2026-12-07') => ({ entity: 'occurrence' as const, id, field, value });

  it('lets the assistant complete an occurrence like a task, creating its record, but not skip it or move it', async () => {
    const { mayWrite, checkField } = await import('../../lib/sync/merge');
    for (const [field, value] of [
      ['status', 'done'],
      ['result', { text: 'r', links: [] }],
      ['doneOn', '2026-12-08'],
      ['taskId', 't1'],
      ['day', '2026-12-07'],
    ] as const) {
      expect(mayWrite('assistant', 'a', change(field, value), undefined), field).toBe(true);
      expect(checkField('occurrence', field, value), field).toBeNull();
    }
    expect(mayWrite('assistant', 'a', change('status', 'skipped'), undefined)).toBe(false);
    expect(mayWrite('assistant', 'a', change('status', 'archived'), undefined)).toBe(false);
    expect(mayWrite('assistant', 'a', change('taskId', 't2'), undefined)).toBe(false);
    expect(mayWrite('assistant', 'a', change('day', '2026-12-14'), undefined)).toBe(false);
    expect(mayWrite('assistant', 'a', change('deleted', true), undefined)).toBe(false);
    expect(mayWrite('client', 'c', change('status', 'skipped'), undefined)).toBe(true);
  });
});
