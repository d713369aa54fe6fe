/**
 * System notifications (issue 15, opt-in): when the other side asks, writes, delivers a result or
 * reopens a task. Decided from the remote changes a sync applied, so never for one's own changes
 * (this device, or another device of the same role); grouped when many arrive at once; without
 * any task text when the settings say so. The deciding is pure; `notifyApplied` reads the store.
 */
import { i18n } from '#i18n';
import { FINISHED, type Role, type Task } from '../model';
import { getKnownDevices, getRecord, getRole, setPanelRoute, type Db } from '../store';
import { getNotificationSettings, type NotificationSettings } from '../store/notification-settings';
import { otherSideName } from '../ui/authors';
import type { RemoteChange } from '../store/pulled-page';

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

/** The notification id of a task's news (one per task: newer news replaces it). */
export const TASK_NOTIFICATION_PREFIX = 'zuarbeit-task:';
/** The id of a grouped notification. */
export const GROUP_NOTIFICATION_ID = 'zuarbeit-tasks';

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
): NotificationToShow[] {
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
    return [{ id: GROUP_NOTIFICATION_ID, taskId: null, title: i18n.t('notify.group', [String(live.length)]), message }];
  }
  return live.map((notice) => ({
    id: `${TASK_NOTIFICATION_PREFIX}${notice.taskId}`,
    taskId: notice.taskId,
    title: eventSentence(notice.event, role, otherName),
    message: showTitles ? tasks.get(notice.taskId)!.title : i18n.t('notify.hidden'),
  }));
}

/** The task a clicked notification opens (null: the task list), or undefined when it is not ours. */
export function taskOfNotification(id: string): string | null | undefined {
  if (id === GROUP_NOTIFICATION_ID) return null;
  if (id.startsWith(TASK_NOTIFICATION_PREFIX)) return id.slice(TASK_NOTIFICATION_PREFIX.length) || undefined;
  return undefined;
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
export async function notifyApplied(db: Db, changes: readonly RemoteChange[], api: NotificationsApi): Promise<number> {
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
  for (const notification of notificationsFor(notices, tasks, role, settings, otherSideName(role, devices))) {
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

/** How a clicked notification opens what it tells of. */
export interface OpenNotifiedDeps {
  /** Opens the side panel; called first, synchronously, while the click still counts as the person's. */
  openPanel(): Promise<void>;
  /** Opens the side panel's page in a tab, where the browser does not let a notification open the panel. */
  openTab(): Promise<unknown>;
  clear(id: string): Promise<unknown>;
}

/** Opens the task (or, for a grouped notification, the task list) a clicked notification tells of; false when it is not ours. */
export async function openNotified(getDb: () => Promise<Db>, id: string, deps: OpenNotifiedDeps): Promise<boolean> {
  const taskId = taskOfNotification(id);
  if (taskId === undefined) return false;
  // Before any await: the panel opens only inside the click.
  const opening = deps.openPanel();
  await setPanelRoute(await getDb(), taskId === null ? { view: 'list' } : { view: 'task', id: taskId });
  await opening.catch(() => deps.openTab());
  await deps.clear(id);
  return true;
}
