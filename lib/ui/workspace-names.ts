/**
 * What a workspace is called on the Connection page (issue 13): its label, named by its people
 * ("Kanzlei Nowag — Anna"); until someone names it, the endpoint's host, else "Workspace 2".
 */
import { i18n } from '#i18n';
import type { Connection, KnownDevice, WorkspaceEntry } from '../store';

/** The host of an endpoint address, or null when it is none. */
function endpointHost(endpoint: string): string | null {
  try {
    return new URL(endpoint).host || null;
  } catch {
    return null;
  }
}

/**
 * The name a workspace is shown with: its label; when that is empty, the host of the endpoint it
 * is paired with; else "Workspace N" for its place in the list (`index` counts from 0).
 */
export function workspaceName(
  entry: Pick<WorkspaceEntry, 'label'>,
  connection: Pick<Connection, 'endpoint'> | null,
  index: number,
): string {
  const label = entry.label.trim();
  if (label) return label;
  const host = connection ? endpointHost(connection.endpoint) : null;
  return host ?? i18n.t('workspaces.fallbackName', [String(index + 1)]);
}

/**
 * A name to propose for a paired workspace nobody named yet, from the devices known there: the
 * client side's device, a dash, the assistant's ("Kanzlei-Laptop — Anna"); one side alone when
 * only one is known; null when no device has a name.
 */
export function proposeWorkspaceName(connection: Pick<Connection, 'deviceName' | 'role'>, devices: readonly KnownDevice[]): string | null {
  const named = (role: Connection['role']) =>
    (role === connection.role
      ? connection.deviceName
      : devices.find((device) => device.role === role && device.name?.trim())?.name
    )?.trim() || null;
  const parts = [named('client'), named('assistant')].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' — ') : null;
}
