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

/**
 * The other side's name for sentences about them ("Anna erledigt …" instead of "Ihre Assistenz
 * erledigt …"; issue 15, got in the way 13): the one name all known devices of the other role
 * share, or null when there is none, or several people (then the sentence stays neutral).
 */
export function otherSideName(myRole: Role, devices: readonly Pick<KnownDevice, 'role' | 'name'>[]): string | null {
  const names = new Set(devices.filter((d) => d.role !== myRole && d.name?.trim()).map((d) => d.name!.trim()));
  return names.size === 1 ? [...names][0] : null;
}
