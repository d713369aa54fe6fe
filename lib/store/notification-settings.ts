/**
 * This device's notification settings (issue 15): off until the person switches them on, and
 * then showing the task's title unless they chose not to show any content. Local, never synced.
 */
import * as z from 'zod/mini';
import type { Db } from './db';
import { announceChange } from './events';
import { META } from './meta-keys';

export const notificationSettingsSchema = z.object({
  enabled: z.boolean(),
  /** `title`: the task's title in the notification; `none`: no task text at all. */
  content: z.enum(['title', 'none']),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { enabled: false, content: 'title' };

/** The stored settings, or the defaults (off, title only) when none or unreadable ones are stored. */
export async function getNotificationSettings(db: Db): Promise<NotificationSettings> {
  const parsed = notificationSettingsSchema.safeParse(await db.get('meta', META.notificationSettings));
  return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_SETTINGS;
}

/** Stores the settings (parsed first). */
export async function setNotificationSettings(db: Db, settings: NotificationSettings): Promise<void> {
  await db.put('meta', notificationSettingsSchema.parse(settings), META.notificationSettings);
  announceChange({ db: db.name, kind: 'meta', ids: [META.notificationSettings] });
}
