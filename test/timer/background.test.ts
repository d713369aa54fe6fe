import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { refreshBadge } from '../../lib/background/badge';
import { userActionHandlers } from '../../lib/background/handlers';
import { TIMER_COMMAND } from '../../lib/background/timer-command';
import { IDLE_AFTER_SECONDS, followIdle } from '../../lib/background/timer-idle';
import { TIMER_COLOUR, WAITING_COLOUR } from '../../lib/background/timer-badge';
import { createTask, getIdleAway, listRecords, listRunningTimers, openZuarbeitDb, setPanelRoute, startTimer } from '../../lib/store';
import { newTask } from '../../lib/model';

const T0 = Date.parse('2026-03-10T09:00:00.000Z');

function deps(db: ReturnType<typeof openZuarbeitDb>, now: number) {
  return { currentDb: () => db, runCapture: vi.fn(), openPanel: vi.fn(async () => undefined), newId: () => 'x', now: () => new Date(now) };
}

describe('timer in the background', () => {
  it('the shortcut toggles the timer of the task open in the side panel', async () => {
    const db = openZuarbeitDb('bg-command');
    await setPanelRoute(await db, { view: 'task', id: 't1' });
    await userActionHandlers(deps(db, T0)).onCommand(TIMER_COMMAND, undefined);
    expect((await listRunningTimers(await db)).map((t) => t.taskId)).toEqual(['t1']);
    await userActionHandlers(deps(db, T0 + 25 * 60_000)).onCommand(TIMER_COMMAND, undefined);
    expect(await listRunningTimers(await db)).toEqual([]);
    expect((await listRecords(await db, 'timeEntry')).records.map((e) => e.minutes)).toEqual([25]);
  });

  it('idle detection remembers when the person left (the interval before the event) and when they came back', async () => {
    const db = openZuarbeitDb('bg-idle');
    await startTimer(await db, { taskId: 't1' }, T0);
    let listener: ((state: 'active' | 'idle' | 'locked') => void) | undefined;
    let now = T0 + 60 * 60_000;
    const idle = { setDetectionInterval: vi.fn(), onStateChanged: { addListener: (l: typeof listener) => (listener = l) } };
    followIdle(
      idle,
      () => db,
      () => now,
    );
    expect(idle.setDetectionInterval).toHaveBeenCalledWith(IDLE_AFTER_SECONDS);
    listener!('locked');
    await vi.waitFor(async () => expect(await getIdleAway(await db)).not.toBeNull());
    now += 30 * 60_000;
    listener!('active');
    await vi.waitFor(async () => expect((await getIdleAway(await db))?.returnedAt).toBe(new Date(now).toISOString()));
    expect((await getIdleAway(await db))?.idleSince).toBe(new Date(T0 + 60 * 60_000 - IDLE_AFTER_SECONDS * 1000).toISOString());
  });

  it('the badge keeps its count and turns green with a title naming the task while a timer runs', async () => {
    const db = await openZuarbeitDb('bg-badge');
    await createTask(
      db,
      newTask({
        id: 't1',
        title: 'Gutachten Müller',
        kind: 'research',
        instructions: '',
        source: { type: 'manual', url: null, title: '', capturedAt: new Date(T0).toISOString() },
        createdAt: new Date(T0).toISOString(),
      }),
    );
    const toolbar = {
      setBadgeText: vi.fn(async () => undefined),
      setBadgeBackgroundColor: vi.fn(async () => undefined),
      setTitle: vi.fn(async () => undefined),
    };
    await refreshBadge(db, toolbar);
    expect(toolbar.setBadgeBackgroundColor).toHaveBeenLastCalledWith({ color: WAITING_COLOUR });
    await startTimer(db, { taskId: 't1' }, T0);
    const count = await refreshBadge(db, toolbar);
    expect(toolbar.setBadgeBackgroundColor).toHaveBeenLastCalledWith({ color: TIMER_COLOUR });
    expect(toolbar.setTitle).toHaveBeenLastCalledWith({ title: expect.stringContaining('running: “Gutachten Müller” since') });
    expect(toolbar.setBadgeText).toHaveBeenLastCalledWith({ text: count === 0 ? '' : String(count) });
  });
});
