// Issue 15: notifications decided from the remote changes a sync applied.
import { describe, expect, it, vi } from 'vitest';
import {
  GROUP_ABOVE,
  GROUP_NOTIFICATION_ID,
  noticesFrom,
  notificationsFor,
  notifyApplied,
  parseNotificationId,
  type TaskNotice,
} from '../../lib/background/notifications';
import type { Role, Task } from '../../lib/model';
import {
  applyPulledPage,
  createTask,
  DEFAULT_NOTIFICATION_SETTINGS,
  getNotificationSettings,
  setKnownDevices,
  setNotificationSettings,
  type RemoteChange,
} from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { freshDb, makeConnection, makeTask } from '../ui/helpers';
import { registryWith } from './support';

let tick = 0;
// A minute ahead of now: later than what the test store writes locally, well inside the 24 h limit.
const hlc = () => `${new Date(Date.now() + 60_000).toISOString()}-${(tick++).toString(16).padStart(4, '0')}-9f86d081884c7d65`;
const change = (entity: RemoteChange['entity'], id: string, field: string, value: unknown, device: string): RemoteChange => ({
  entity,
  id,
  field,
  value,
  hlc: hlc(),
  device,
});
/** A new comment, as one group of fields. */
const comment = (taskId: string, device: string, id: string = crypto.randomUUID()) => [
  change('comment', id, 'authorDevice', device, device),
  change('comment', id, 'taskId', taskId, device),
  change('comment', id, 'body', 'Welche Instanz?', device),
  change('comment', id, 'createdAt', '2026-12-01T10:00:00.000Z', device),
];
const ROLES: Record<string, Role> = { 'dev-clara': 'client', 'dev-clara-phone': 'client', 'dev-anna': 'assistant' };
const roleOf = (device: string) => ROLES[device];

describe('what is news (noticesFrom)', () => {
  it('tells the client when the assistant asks, writes or delivers', () => {
    const changes = [
      change('task', 't1', 'status', 'question', 'dev-anna'),
      ...comment('t1', 'dev-anna'),
      ...comment('t2', 'dev-anna'),
      change('task', 't3', 'status', 'review', 'dev-anna'),
      change('task', 't3', 'result', { text: 'Fertig', links: [] }, 'dev-anna'),
    ];
    expect(noticesFrom(changes, 'client', roleOf)).toEqual([
      { taskId: 't1', event: 'asked' },
      { taskId: 't2', event: 'wrote' },
      { taskId: 't3', event: 'delivered' },
    ]);
  });

  it('tells the assistant when the client writes or sets a task back to work, not when it delegates or finishes one', () => {
    const created = makeTask({ id: 'new-task' });
    const changes = [
      ...comment('t1', 'dev-clara'),
      change('task', 't1', 'status', 'in-progress', 'dev-clara'),
      change('task', 't2', 'status', 'in-progress', 'dev-clara'),
      change('task', 't3', 'status', 'done', 'dev-clara'),
      change('task', 't4', 'status', 'archived', 'dev-clara'),
      ...Object.entries(created).map(([field, value]) => change('task', created.id, field, value, 'dev-clara')),
    ];
    expect(noticesFrom(changes, 'assistant', roleOf)).toEqual([
      { taskId: 't1', event: 'wrote' },
      { taskId: 't2', event: 'reopened' },
    ]);
  });

  it('never tells of one’s own side (another device of the same role) nor of unknown devices', () => {
    const changes = [...comment('t1', 'dev-clara-phone'), change('task', 't2', 'status', 'review', 'dev-clara'), ...comment('t3', 'dev-x')];
    expect(noticesFrom(changes, 'client', roleOf)).toEqual([]);
    expect(noticesFrom([...comment('t1', 'dev-anna')], 'assistant', roleOf)).toEqual([]);
  });

  it('does not count a comment deleted in the same changes', () => {
    const [author, taskId, body] = comment('t1', 'dev-anna', 'c1');
    expect(noticesFrom([author, taskId, body, change('comment', 'c1', 'deleted', true, 'dev-anna')], 'client', roleOf)).toEqual([]);
  });
});

describe('what is shown (notificationsFor)', () => {
  const tasks = new Map<string, Pick<Task, 'title' | 'deleted'>>(
    Array.from({ length: 8 }, (_, i) => [`t${i}`, { title: `Urteil ${i} zusammenfassen` }]),
  );
  const on = { enabled: true, content: 'title' as const };

  it('shows nothing while switched off (the default)', () => {
    expect(DEFAULT_NOTIFICATION_SETTINGS).toEqual({ enabled: false, content: 'title' });
    expect(notificationsFor([{ taskId: 't1', event: 'asked' }], tasks, 'client', DEFAULT_NOTIFICATION_SETTINGS)).toEqual([]);
  });

  it('names what happened and the task’s title, one per task, each opening its task', () => {
    const shown = notificationsFor(
      [
        { taskId: 't1', event: 'asked' },
        { taskId: 't2', event: 'delivered' },
      ],
      tasks,
      'client',
      on,
    );
    expect(shown).toEqual([
      { id: 'zuarbeit-task:first:t1', taskId: 't1', title: 'Your assistant asks a question', message: 'Urteil 1 zusammenfassen' },
      {
        id: 'zuarbeit-task:first:t2',
        taskId: 't2',
        title: 'Your assistant delivered a result to review',
        message: 'Urteil 2 zusammenfassen',
      },
    ]);
    expect(shown.map((n) => parseNotificationId(n.id)?.taskId)).toEqual(['t1', 't2']);
  });

  it('shows no task text at all when content is off', () => {
    const notices: TaskNotice[] = Array.from({ length: 8 }, (_, i) => ({ taskId: `t${i}`, event: 'wrote' }));
    const hidden = { enabled: true, content: 'none' as const };
    for (const count of [1, 8]) {
      const text = JSON.stringify(notificationsFor(notices.slice(0, count), tasks, 'assistant', hidden));
      expect(text).not.toMatch(/Urteil/);
    }
  });

  it('groups news on more than a few tasks into one notification that opens the list', () => {
    const notices: TaskNotice[] = Array.from({ length: 8 }, (_, i) => ({ taskId: `t${i}`, event: 'delivered' }));
    expect(notificationsFor(notices.slice(0, GROUP_ABOVE), tasks, 'client', on)).toHaveLength(GROUP_ABOVE);
    const [group, ...rest] = notificationsFor(notices, tasks, 'client', on);
    expect(rest).toEqual([]);
    expect(group).toMatchObject({ id: `${GROUP_NOTIFICATION_ID}:first`, taskId: null, title: '8 tasks need you' });
    expect(group.message.split('\n')).toEqual([
      'Urteil 0 zusammenfassen',
      'Urteil 1 zusammenfassen',
      'Urteil 2 zusammenfassen',
      'Urteil 3 zusammenfassen',
      'Urteil 4 zusammenfassen',
      'and 3 more',
    ]);
    expect(parseNotificationId(group.id)).toEqual({ workspaceId: 'first', taskId: null });
    expect(parseNotificationId('someone-else')).toBeUndefined();
  });

  it('leaves out tasks that are gone', () => {
    const withDeleted = new Map([...tasks, ['t1', { title: 'Weg', deleted: true }]]);
    expect(
      notificationsFor(
        [
          { taskId: 't1', event: 'asked' },
          { taskId: 'missing', event: 'asked' },
        ],
        withDeleted,
        'client',
        on,
      ),
    ).toEqual([]);
  });
});

describe('notifyApplied, on a real store', () => {
  async function clientStore() {
    const db = await freshDb();
    await setConnection(db, makeConnection({ deviceId: 'dev-clara' }));
    await setKnownDevices(db, [
      { id: 'dev-clara', name: 'Kanzlei', role: 'client' },
      { id: 'dev-anna', name: 'Anna', role: 'assistant' },
    ]);
    const task = makeTask({ title: 'Gutachten Müller prüfen', status: 'in-progress' });
    await createTask(db, task);
    return { db, task };
  }

  it('shows the applied remote changes once switched on, and only what took its value', async () => {
    const { db, task } = await clientStore();
    const api = { create: vi.fn(async () => 'id') };
    const page = [change('task', task.id, 'status', 'review', 'dev-anna')];
    const first = await applyPulledPage(db, { changes: page, cursor: 1 });
    expect(first.appliedChanges).toEqual(page);

    expect(await notifyApplied(db, first.appliedChanges, api)).toBe(0);
    expect(api.create).not.toHaveBeenCalled();

    await setNotificationSettings(db, { enabled: true, content: 'title' });
    expect(await getNotificationSettings(db)).toEqual({ enabled: true, content: 'title' });
    expect(await notifyApplied(db, first.appliedChanges, api)).toBe(1);
    expect(api.create).toHaveBeenCalledWith(`zuarbeit-task:first:${task.id}`, {
      type: 'basic',
      iconUrl: '/icon/128.png',
      title: 'Anna delivered a result to review',
      message: 'Gutachten Müller prüfen',
    });

    // The same message again (a re-publish after a restore) takes no value: nothing to tell.
    const again = await applyPulledPage(db, { changes: page, cursor: 2 });
    expect(again.appliedChanges).toEqual([]);
  });

  it('in one of several workspaces, names it in the id and before the title (issue 13)', async () => {
    const { notifyWorkspaceApplied } = await import('../../lib/background/notifications');
    const { workspaces, open } = await registryWith(2, ['', 'Praxis Berg']);
    const berg = open[1];
    await setConnection(berg.db, makeConnection({ deviceId: 'dev-clara' }));
    await setKnownDevices(berg.db, [
      { id: 'dev-clara', name: 'Kanzlei', role: 'client' },
      { id: 'dev-anna', name: 'Anna', role: 'assistant' },
    ]);
    const task = makeTask({ title: 'Gutachten Müller prüfen', status: 'in-progress' });
    await createTask(berg.db, task);
    await setNotificationSettings(berg.db, { enabled: true, content: 'title' });
    const api = { create: vi.fn(async () => 'id') };
    expect(await notifyWorkspaceApplied(workspaces, berg, [change('task', task.id, 'status', 'review', 'dev-anna')], api)).toBe(1);
    expect(api.create).toHaveBeenCalledWith(
      `zuarbeit-task:${berg.entry.id}:${task.id}`,
      expect.objectContaining({
        title: 'Praxis Berg: Anna delivered a result to review',
      }),
    );
  });

  it('keeps going when the browser refuses a notification', async () => {
    const { db, task } = await clientStore();
    await setNotificationSettings(db, { enabled: true, content: 'none' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const api = { create: vi.fn(async () => Promise.reject(new Error('permission withdrawn'))) };
    expect(await notifyApplied(db, [change('task', task.id, 'status', 'question', 'dev-anna')], api)).toBe(0);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('a clicked notification', () => {
  it('opens its task in the side panel, or the side panel page in a tab where the panel refuses', async () => {
    const { getPanelRoute } = await import('../../lib/store');
    const { openNotified } = await import('../../lib/background/notifications');
    const { workspaces, open } = await registryWith(1);
    const db = open[0].db;
    const deps = { openPanel: vi.fn(async () => undefined), openTab: vi.fn(async () => undefined), clear: vi.fn(async () => true) };
    expect(await openNotified(workspaces, 'zuarbeit-task:first:t1', deps)).toBe(true);
    expect(await getPanelRoute(db)).toEqual({ view: 'task', id: 't1' });
    expect(deps.openTab).not.toHaveBeenCalled();
    expect(deps.clear).toHaveBeenCalledWith('zuarbeit-task:first:t1');

    deps.openPanel.mockRejectedValueOnce(new Error('sidePanel.open() may only be called in response to a user gesture'));
    expect(await openNotified(workspaces, `${GROUP_NOTIFICATION_ID}:first`, deps)).toBe(true);
    expect(await getPanelRoute(db)).toEqual({ view: 'list' });
    expect(deps.openTab).toHaveBeenCalledOnce();

    // Shown by the version before workspaces: the first workspace's.
    expect(await openNotified(workspaces, 'zuarbeit-task:t2', deps)).toBe(true);
    expect(await getPanelRoute(db)).toEqual({ view: 'task', id: 't2' });

    expect(await openNotified(workspaces, 'another-extension', deps)).toBe(false);
  });

  it('opens the task in the workspace it tells of and makes that workspace current (issue 13)', async () => {
    const { getCurrentWorkspace, getPanelRoute } = await import('../../lib/store');
    const { openNotified, notificationId } = await import('../../lib/background/notifications');
    const { registry, workspaces, open } = await registryWith(3);
    const [first, second, third] = open;
    const deps = { openPanel: vi.fn(async () => undefined), openTab: vi.fn(async () => undefined), clear: vi.fn(async () => true) };
    const id = notificationId(second.entry.id, 't9');
    const done = openNotified(workspaces, id, deps);
    // Inside the click, before any await.
    expect(deps.openPanel).toHaveBeenCalledOnce();
    expect(await done).toBe(true);
    expect(await getPanelRoute(second.db)).toEqual({ view: 'task', id: 't9' });
    expect((await getCurrentWorkspace(registry)).id).toBe(second.entry.id);
    expect(await getPanelRoute(first.db)).toEqual({ view: 'list' });
    expect(await getPanelRoute(third.db)).toEqual({ view: 'list' });

    expect(await openNotified(workspaces, notificationId(third.entry.id, null), deps)).toBe(true);
    expect((await getCurrentWorkspace(registry)).id).toBe(third.entry.id);
  });

  it('names the workspace in the id and, when given, before the title', () => {
    const [shown] = notificationsFor(
      [{ taskId: 't1', event: 'asked' }],
      new Map([['t1', { title: 'Urteil', deleted: false }]]),
      'client',
      { enabled: true, content: 'title' },
      null,
      { id: 'ws-0a1b', name: 'Kanzlei Nowag' },
    );
    expect(shown).toMatchObject({ id: 'zuarbeit-task:ws-0a1b:t1', title: 'Kanzlei Nowag: Your assistant asks a question' });
    expect(parseNotificationId(shown.id)).toEqual({ workspaceId: 'ws-0a1b', taskId: 't1' });
  });
});
