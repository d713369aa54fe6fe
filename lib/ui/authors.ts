/**
 * Who wrote a comment or logged time, in words: "You", the device's name with its role when the
 * workspace's device list is known, else the other side's role.
 */
import { i18n } from '#i18n';
import type { Role } from '../model';
import type { KnownDevice } from '../store/devices';

/** The author's label as this device shows it. */
export function authorLabel(device: string, me: string, myRole: Role, devices: readonly KnownDevice[]): string {
  if (device === me) return i18n.t('task.authorYou');
  const known = devices.find((d) => d.id === device);
  const role = known?.role ?? (myRole === 'assistant' ? 'client' : 'assistant');
  const roleText = role === 'client' ? i18n.t('task.authorClient') : i18n.t('task.authorAssistant');
  return known?.name ? i18n.t('task.authorNamed', [known.name, roleText]) : roleText;
}
