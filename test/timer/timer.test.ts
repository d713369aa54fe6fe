import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  elapsedMinutes,
  moveStartBack,
  needsConfirmation,
  resolveIdle,
  stopTimer,
  switchTimer,
  type RunningTimer,
} from '../../lib/timer/timer';

const at = (iso: string) => Date.parse(iso);
const CET = { offsetMinutes: 60 };
const timer: RunningTimer = { id: 't1', taskId: 'task-a', occurrence: null, deviceId: 'dev-anna', startedAt: '2026-03-02T09:40:00.000Z' };

describe('elapsed time', () => {
  it('is computed from startedAt, to the nearest minute, never negative', () => {
    const cases: [string, number][] = [
      ['2026-03-02T09:40:00.000Z', 0],
      ['2026-03-02T09:40:29.000Z', 0],
      ['2026-03-02T09:40:30.000Z', 1],
      ['2026-03-02T10:25:10.000Z', 45],
      ['2026-03-02T09:00:00.000Z', 0],
    ];
    for (const [now, minutes] of cases) expect(elapsedMinutes(timer, at(now)), now).toBe(minutes);
  });
});

describe('stopping a timer', () => {
  it('writes an entry with start, end, minutes, local day, note, source, author and rate', () => {
    const result = stopTimer(timer, at('2026-03-02T11:10:00.000Z'), { note: 'Gutachten', rateCents: 4500, zone: CET });
    expect(result).toEqual({
      ok: true,
      entry: {
        taskId: 'task-a',
        occurrence: null,
        start: '2026-03-02T09:40:00.000Z',
        end: '2026-03-02T11:10:00.000Z',
        minutes: 90,
        date: '2026-03-02',
        note: 'Gutachten',
        source: 'timer',
        authorDevice: 'dev-anna',
        rateCents: 4500,
      },
    });
  });

  it('dates the entry by the local day of its start, in the zone given', () => {
    const late: RunningTimer = { ...timer, startedAt: '2026-03-02T23:30:00.000Z' };
    const now = at('2026-03-03T00:30:00.000Z');
    const day = (zone: Parameters<typeof stopTimer>[2]) => {
      const result = stopTimer(late, now, zone);
      return result.ok ? result.entry.date : result.reason;
    };
    expect(day({ zone: { offsetMinutes: 0 } })).toBe('2026-03-02');
    expect(day({ zone: CET })).toBe('2026-03-03');
    expect(day({ zone: { timeZone: 'Europe/Berlin' } })).toBe('2026-03-03');
    expect(day({ zone: { timeZone: 'America/New_York' } })).toBe('2026-03-02');
  });

  it('keeps the occurrence of a standing task and defaults note and rate', () => {
    const result = stopTimer({ ...timer, occurrence: '2026-03-02' }, at('2026-03-02T10:00:00.000Z'), { zone: CET });
    expect(result.ok && result.entry).toMatchObject({ occurrence: '2026-03-02', note: '', rateCents: null, minutes: 20 });
  });

  it('stops at an explicit end', () => {
    const result = stopTimer(timer, at('2026-03-02T18:00:00.000Z'), { endAt: '2026-03-02T12:00:00+01:00', zone: CET });
    expect(result.ok && result.entry).toMatchObject({ end: '2026-03-02T11:00:00.000Z', minutes: 80 });
  });

  it('refuses what cannot be an entry, with a reason', () => {
    const now = at('2026-03-02T12:00:00.000Z');
    const cases: [RunningTimer, Parameters<typeof stopTimer>[2], string][] = [
      [timer, { endAt: '2026-03-02T12:30:00.000Z' }, 'in-future'],
      [timer, { endAt: '2026-03-02T09:00:00.000Z' }, 'end-before-start'],
      [timer, { endAt: '2026-03-02T09:40:20.000Z' }, 'under-a-minute'],
      [timer, { endAt: 'yesterday' }, 'malformed'],
      [{ ...timer, startedAt: 'soon' }, {}, 'malformed'],
      [{ ...timer, startedAt: '2026-03-01T11:59:00.000Z' }, {}, 'over-a-day'],
    ];
    for (const [t, options, reason] of cases) expect(stopTimer(t, now, options), reason).toEqual({ ok: false, reason });
    expect(stopTimer({ ...timer, startedAt: '2026-03-01T12:00:00.000Z' }, now, { zone: CET }).ok).toBe(true);
  });

  it('gives minutes equal to the rounded span for any span from one minute to a day (property)', () => {
    const start = at(timer.startedAt);
    fc.assert(
      fc.property(fc.integer({ min: 30_000, max: 24 * 3_600_000 + 29_999 }), (span) => {
        const result = stopTimer(timer, start + span, { zone: CET });
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.entry.minutes).toBe(Math.round(span / 60_000));
          expect(Date.parse(result.entry.end) - Date.parse(result.entry.start)).toBe(span);
        }
      }),
    );
  });
});

describe('coming back after being idle', () => {
  const idleSince = '2026-03-02T10:40:00.000Z';
  const returnedAt = '2026-03-02T12:10:00.000Z';

  it('keep changes nothing', () => {
    expect(resolveIdle(timer, idleSince, returnedAt, 'keep')).toEqual({ ok: true, change: { stop: null, entries: [], start: null } });
  });

  it('stop-at-idle ends the entry when the person left', () => {
    const result = resolveIdle(timer, idleSince, returnedAt, 'stop-at-idle', { note: 'n', zone: CET });
    expect(result.ok && result.change.stop).toBe('t1');
    expect(result.ok && result.change.start).toBe(null);
    expect(result.ok && result.change.entries).toMatchObject([{ start: timer.startedAt, end: idleSince, minutes: 60, note: 'n' }]);
  });

  it('discard writes the time before the break and starts anew on return', () => {
    const result = resolveIdle({ ...timer, occurrence: '2026-03-02' }, idleSince, returnedAt, 'discard', { zone: CET });
    expect(result.ok && result.change).toMatchObject({
      stop: 't1',
      entries: [{ end: idleSince, minutes: 60, occurrence: '2026-03-02' }],
      start: { taskId: 'task-a', occurrence: '2026-03-02', deviceId: 'dev-anna', startedAt: returnedAt },
    });
  });

  it('logs nothing when the person was idle before the timer started', () => {
    const result = resolveIdle(timer, '2026-03-02T09:00:00.000Z', returnedAt, 'stop-at-idle', { zone: CET });
    expect(result).toEqual({ ok: true, change: { stop: 't1', entries: [], start: null } });
  });

  it('refuses a return before the idle start and malformed instants', () => {
    expect(resolveIdle(timer, returnedAt, idleSince, 'discard')).toEqual({ ok: false, reason: 'end-before-start' });
    expect(resolveIdle(timer, 'later', returnedAt, 'discard')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('a timer running long', () => {
  it('asks after 8 hours by default, or after the limit given', () => {
    const cases: [string, number | undefined, boolean][] = [
      ['2026-03-02T17:39:59.000Z', undefined, false],
      ['2026-03-02T17:40:00.000Z', undefined, true],
      ['2026-03-02T11:40:00.000Z', 2, true],
      ['2026-03-02T11:39:00.000Z', 2, false],
    ];
    for (const [now, limit, asks] of cases) expect(needsConfirmation(timer, at(now), limit), now).toBe(asks);
  });
});

describe('moving the start back ("I forgot to start")', () => {
  const now = at('2026-03-02T12:00:00.000Z');

  it('sets the start to an earlier (or later) moment up to now', () => {
    expect(moveStartBack(timer, '2026-03-02T08:00:00+01:00', now)).toEqual({
      ok: true,
      timer: { ...timer, startedAt: '2026-03-02T07:00:00.000Z' },
    });
    expect(moveStartBack(timer, '2026-03-02T12:00:00.000Z', now).ok).toBe(true);
  });

  it('refuses the future, more than a day back, and nonsense', () => {
    const cases: [string, string][] = [
      ['2026-03-02T12:00:01.000Z', 'in-future'],
      ['2026-03-01T11:59:59.000Z', 'too-early'],
      ['8:00', 'malformed'],
      ['2026-02-30T08:00:00.000Z', 'malformed'],
    ];
    for (const [start, reason] of cases) expect(moveStartBack(timer, start, now), start).toEqual({ ok: false, reason });
  });
});

describe('starting a timer while another runs', () => {
  const now = at('2026-03-02T10:10:00.000Z');
  const target = { taskId: 'task-b', deviceId: 'dev-anna' };

  it('stops the one running on this device into an entry and starts the new one', () => {
    const result = switchTimer(timer, target, now, { zone: CET, rateCents: 4000 });
    expect(result).toEqual({
      ok: true,
      change: {
        stop: 't1',
        entries: [
          {
            taskId: 'task-a',
            occurrence: null,
            start: timer.startedAt,
            end: '2026-03-02T10:10:00.000Z',
            minutes: 30,
            date: '2026-03-02',
            note: '',
            source: 'timer',
            authorDevice: 'dev-anna',
            rateCents: 4000,
          },
        ],
        start: { taskId: 'task-b', occurrence: null, deviceId: 'dev-anna', startedAt: '2026-03-02T10:10:00.000Z' },
      },
    });
  });

  it('only starts when nothing runs, or the running timer is another device’s', () => {
    const start = { taskId: 'task-b', occurrence: null, deviceId: 'dev-anna', startedAt: '2026-03-02T10:10:00.000Z' };
    expect(switchTimer(null, target, now)).toEqual({ ok: true, change: { stop: null, entries: [], start } });
    expect(switchTimer({ ...timer, deviceId: 'dev-other' }, target, now)).toEqual({ ok: true, change: { stop: null, entries: [], start } });
  });

  it('changes nothing when the same task and occurrence already run', () => {
    expect(switchTimer(timer, { taskId: 'task-a', deviceId: 'dev-anna' }, now)).toEqual({
      ok: true,
      change: { stop: null, entries: [], start: null },
    });
    expect(
      switchTimer(timer, { taskId: 'task-a', occurrence: '2026-03-02', deviceId: 'dev-anna' }, now, { zone: CET }).ok && 'switched',
    ).toBe('switched');
  });

  it('stops a timer of under a minute without an entry', () => {
    const result = switchTimer(timer, target, at('2026-03-02T09:40:10.000Z'));
    expect(result.ok && result.change.entries).toEqual([]);
    expect(result.ok && result.change.stop).toBe('t1');
  });
});
