/**
 * System notifications (issue 15, opt-in): when the other side asks, writes, delivers a result or
 * reopens a task. Decided from the remote changes a sync applied, so never for one's own changes
 * (this device, or another device of the same role); grouped when many arrive at once; without
 * any task text when the settings say so. The deciding is pure; `notifyApplied` reads the store.
 */
import { i18n } from '#i18n';
import { FINISHED, type Role, type Task } from '../model';
import { FIRST_WORKSPACE, getKnownDevices, getRecord, getRole, setPanelRoute, type Db, type OpenWorkspace } from '../store';
import { getNotificationSettings, type NotificationSettings } from '../store/notification-settings';
import { otherSideName } from '../ui/authors';
import type { RemoteChange } from '../store/pulled-page';
import { nameOfWorkspace, workspaceWithId, type BackgroundWorkspaces } from './workspaces';

/** What the other side did to a task. */
export type TaskEvent = 'delivered' | 'asked' | 'wrote' | 'reopened';

/** One task's news from a sync, its strongest event. */
export interface TaskNotice {
  taskId: string;
  event: TaskEvent;
}

/** When one sync brings news on more tasks than this, they are shown as one notification. */
export const GROUP_ABOVE = 3;

/** Titles listed in a grouped notification before "and n more". */
const GROUP_TITLES = 5;

// When a task has several pieces of news, the one that asks most of the reader names it.
const STRENGTH: Record<TaskEvent, number> = { delivered: 4, asked: 3, wrote: 2, reopened: 1 };

/**
 * The tasks with news for `role` in `changes`, in the order they first appear. `roleOf` names the
 * role of an author device (undefined: unknown, never notified); changes from `role`'s own side are
 * not news. Statuses count as the other side's acts only when they are theirs to set: for the
 * client, "Question" and "To review"; for the assistant, a task the client set back to work.
 * A task created in the same changes is new, not reopened; a new comment is writing.
 */
export function noticesFrom(changes: readonly RemoteChange[], role: Role, roleOf: (device: string) => Role | undefined): TaskNotice[] {
  const theirs = changes.filter((change) => {
    const author = roleOf(change.device);
    return author !== undefined && author !== role;
  });
  const created = new Set(theirs.filter((c) => c.entity === 'task' && c.field === 'createdAt').map((c) => c.id));
  const deletedComments = new Set(
    theirs.filter((c) => c.entity === 'comment' && c.field === 'deleted' && c.value === true).map((c) => c.id),
  );
  const notices = new Map<string, TaskEvent>();
  const note = (taskId: string, event: TaskEvent) => {
    const current = notices.get(taskId);
    if (current === undefined || STRENGTH[event] > STRENGTH[current]) notices.set(taskId, event);
  };
  for (const change of theirs) {
    if (change.entity === 'comment' && change.field === 'taskId' && typeof change.value === 'string' && !deletedComments.has(change.id)) {
      note(change.value, 'wrote');
    }
    if (change.entity !== 'task' || change.field !== 'status' || typeof change.value !== 'string') continue;
    if (role === 'client') {
      if (change.value === 'question') note(change.id, 'asked');
      if (change.value === 'review') note(change.id, 'delivered');
    } else if (!created.has(change.id) && !FINISHED.includes(change.value as Task['status']) && change.value !== 'review') {
      note(change.id, 'reopened');
    }
  }
  return [...notices].map(([taskId, event]) => ({ taskId, event }));
}

/** A notification to show: `taskId` is the task it opens, null for the task list. */
export interface NotificationToShow {
  id: string;
  taskId: string | null;
  title: string;
  message: string;
}

/** The prefix of a task's notification id (one per task: newer news replaces it). */
export const TASK_NOTIFICATION_PREFIX = 'zuarbeit-task:';
/** The id of a grouped notification (before several workspaces; with them it is followed by `:<workspace>`). */
export const GROUP_NOTIFICATION_ID = 'zuarbeit-tasks';

/** The workspace a notification tells of: its id (encoded in the notification's id) and, when there are several, its name. */
export interface NotifiedWorkspace {
  id: string;
  /** Shown before the title when this device has several workspaces; null: no name shown. */
  name: string | null;
}

/** The id of the notification of `taskId`'s news in `workspaceId` (null: the grouped one). */
export function notificationId(workspaceId: string, taskId: string | null): string {
  return taskId === null ? `${GROUP_NOTIFICATION_ID}:${workspaceId}` : `${TASK_NOTIFICATION_PREFIX}${workspaceId}:${taskId}`;
}

// Workspace ids as the registry allows them (lib/store/workspaces.ts); a task id is everything after.
const TASK_ID = /^zuarbeit-task:([a-z0-9-]{1,64}):(.+)$/;
const GROUP_ID = /^zuarbeit-tasks:([a-z0-9-]{1,64})$/;
// Notifications shown by a version before workspaces name none: they are the first workspace's.
const LEGACY_TASK_ID = /^zuarbeit-task:([^:]+)$/;

const NAMED = {
  delivered: 'notify.deliveredNamed',
  asked: 'notify.askedNamed',
  wrote: 'notify.wroteNamed',
  reopened: 'notify.reopenedNamed',
} as const satisfies Record<TaskEvent, string>;

function eventSentence(event: TaskEvent, role: Role, otherName: string | null): string {
  if (otherName) return i18n.t(NAMED[event], [otherName]);
  switch (event) {
    case 'delivered':
      return i18n.t('notify.delivered');
    case 'asked':
      return i18n.t('notify.asked');
    case 'wrote':
      return role === 'client' ? i18n.t('notify.wroteAssistant') : i18n.t('notify.wroteClient');
    case 'reopened':
      return i18n.t('notify.reopened');
  }
}

/**
 * What to show for `notices` (tasks missing or deleted in `tasks` are left out): one notification
 * per task, or one for all when there are more than GROUP_ABOVE. With `content: 'none'` no task
 * text appears, only what happened.
 */
export function notificationsFor(
  notices: readonly TaskNotice[],
  tasks: ReadonlyMap<string, Pick<Task, 'title' | 'deleted'>>,
  role: Role,
  settings: NotificationSettings,
  /** The other side's name (lib/ui/authors otherSideName), or null for the neutral sentences. */
  otherName: string | null = null,
  workspace: NotifiedWorkspace = { id: FIRST_WORKSPACE, name: null },
): NotificationToShow[] {
  const titled = (title: string) => (workspace.name ? i18n.t('bgWorkspace.notifyTitle', [workspace.name, title]) : title);
  const live = notices.filter((notice) => {
    const task = tasks.get(notice.taskId);
    return task !== undefined && !task.deleted;
  });
  if (!settings.enabled || live.length === 0) return [];
  const showTitles = settings.content === 'title';
  if (live.length > GROUP_ABOVE) {
    const titles = live.slice(0, GROUP_TITLES).map((notice) => tasks.get(notice.taskId)!.title);
    const more = live.length - titles.length;
    const message = showTitles
      ? [...titles, ...(more > 0 ? [i18n.t('notify.more', [String(more)])] : [])].join('\n')
      : i18n.t('notify.groupHidden');
    return [
      { id: notificationId(workspace.id, null), taskId: null, title: titled(i18n.t('notify.group', [String(live.length)])), message },
    ];
  }
  return live.map((notice) => ({
    id: notificationId(workspace.id, notice.taskId),
    taskId: notice.taskId,
    title: titled(eventSentence(notice.event, role, otherName)),
    message: showTitles ? tasks.get(notice.taskId)!.title : i18n.t('notify.hidden'),
  }));
}

/**
 * What a clicked notification opens: its workspace and task (null: the task list), or undefined
 * when it is not ours. Ids of notifications shown before workspaces are the first workspace's.
 */
export function parseNotificationId(id: string): { workspaceId: string; taskId: string | null } | undefined {
  if (id === GROUP_NOTIFICATION_ID) return { workspaceId: FIRST_WORKSPACE, taskId: null };
  const group = GROUP_ID.exec(id);
  if (group) return { workspaceId: group[1], taskId: null };
  const task = TASK_ID.exec(id);
  if (task) return { workspaceId: task[1], taskId: task[2] };
  const legacy = LEGACY_TASK_ID.exec(id);
  return legacy ? { workspaceId: FIRST_WORKSPACE, taskId: legacy[1] } : undefined;
}

/** The part of `browser.notifications` this uses. */
export interface NotificationsApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<unknown>;
}

/** The icon notifications show (the extension's own). */
export const NOTIFICATION_ICON = '/icon/128.png';

/**
 * Shows notifications for the remote changes a sync applied, when this device has them switched
 * on; returns how many were shown. A refused notification (permission withdrawn) is not an error
 * of the sync: it is logged and skipped.
 */
export async function notifyApplied(
  db: Db,
  changes: readonly RemoteChange[],
  api: NotificationsApi,
  workspace: NotifiedWorkspace = { id: FIRST_WORKSPACE, name: null },
): Promise<number> {
  if (changes.length === 0) return 0;
  const settings = await getNotificationSettings(db);
  if (!settings.enabled) return 0;
  const [role, devices] = await Promise.all([getRole(db), getKnownDevices(db)]);
  const roles = new Map(devices.map((device) => [device.id, device.role]));
  const notices = noticesFrom(changes, role, (device) => roles.get(device));
  const tasks = new Map<string, Task>();
  for (const { taskId } of notices) {
    const task = await getRecord(db, 'task', taskId);
    if (task) tasks.set(taskId, task);
  }
  let shown = 0;
  for (const notification of notificationsFor(notices, tasks, role, settings, otherSideName(role, devices), workspace)) {
    try {
      await api.create(notification.id, {
        type: 'basic',
        iconUrl: NOTIFICATION_ICON,
        title: notification.title,
        message: notification.message,
      });
      shown++;
    } catch (error) {
      console.warn('[zuarbeit] notification refused', error);
    }
  }
  return shown;
}

/**
 * Shows notifications for what a sync applied in workspace `open`: its id goes into each
 * notification's id (a click opens it there), and its name before the title when this device
 * has several workspaces.
 */
export async function notifyWorkspaceApplied(
  workspaces: BackgroundWorkspaces,
  open: OpenWorkspace,
  changes: readonly RemoteChange[],
  api: NotificationsApi,
): Promise<number> {
  if (changes.length === 0) return 0;
  const several = (await workspaces.list()).length > 1;
  return notifyApplied(open.db, changes, api, { id: open.entry.id, name: several ? await nameOfWorkspace(workspaces, open) : null });
}

/** How a clicked notification opens what it tells of. */
export interface OpenNotifiedDeps {
  /** Opens the side panel; called first, synchronously, while the click still counts as the person's. */
  openPanel(): Promise<void>;
  /** Opens the side panel's page in a tab, where the browser does not let a notification open the panel. */
  openTab(): Promise<unknown>;
  clear(id: string): Promise<unknown>;
}

/**
 * Opens the task (or, for a grouped notification, the task list) a clicked notification tells of,
 * in its workspace, which becomes the current one; false when the notification is not ours.
 */
export async function openNotified(workspaces: BackgroundWorkspaces, id: string, deps: OpenNotifiedDeps): Promise<boolean> {
  const target = parseNotificationId(id);
  if (target === undefined) return false;
  // Before any await: the panel opens only inside the click.
  const opening = deps.openPanel();
  const open = await workspaceWithId(workspaces, target.workspaceId);
  // A workspace left since the notification was shown: the panel opens on what is current.
  if (open) {
    // The route first, then the workspace: the panel following the current workspace finds it waiting.
    await setPanelRoute(open.db, target.taskId === null ? { view: 'list' } : { view: 'task', id: target.taskId });
    await workspaces.setCurrent(open.entry.id);
  }
  await opening.catch(() => deps.openTab());
  await deps.clear(id);
  return true;
}
