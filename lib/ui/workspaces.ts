/**
 * How a workspace is named on screen (issue 13): by its people ("Kanzlei Nowag — Anna"); until
 * someone names it, by its endpoint's host, else by its place in the list ("Workspace 2"). The
 * popup's switcher, "All clients", the side panel, the Connection page and the background's menu
 * and notifications all name it so, from one directory of the workspaces (loadWorkspaceDirectory).
 */
import { i18n } from '#i18n';
import {
  getConnection,
  getKnownDevices,
  listWorkspaces,
  workspaceDb,
  workspaceLeft,
  type Connection,
  type Db,
  type KnownDevice,
  type Registry,
  type WorkspaceEntry,
} from '../store';

/** What naming needs of a workspace's connection: its endpoint (null when this device is not paired there). */
export type NamingConnection = { endpoint: string } | null;

/** The host of an endpoint address, without `www.`; null when it is no address. */
function endpointHost(endpoint: string): string | null {
  try {
    const host = new URL(endpoint).host.replace(/^www\./, '');
    return host || null;
  } catch {
    return null;
  }
}

/**
 * The name of the workspace `entry`, the `index`-th (from 0) in the registry's list: its label,
 * else its endpoint's host, else "Workspace N".
 */
export function workspaceName(entry: Pick<WorkspaceEntry, 'label'>, connection: NamingConnection, index: number): string {
  const label = entry.label.trim();
  if (label) return label;
  const host = connection ? endpointHost(connection.endpoint) : null;
  return host ?? i18n.t('switcher.numbered', [String(index + 1)]);
}

/** One workspace as naming sees it: its entry and its connection (null when not paired). */
export interface NamedWorkspace {
  entry: Pick<WorkspaceEntry, 'id' | 'label'>;
  connection: NamingConnection;
}

/**
 * The names of the registry's workspaces, in its order, by id. Two that would read the same (two
 * unnamed workspaces on one endpoint, or the same label twice) get their place in the list added,
 * so no two entries of a switcher look alike.
 */
export function workspaceNames(workspaces: readonly NamedWorkspace[]): Map<string, string> {
  const plain = workspaces.map((workspace, index) => workspaceName(workspace.entry, workspace.connection, index));
  const seen = new Map<string, number>();
  for (const name of plain) seen.set(name, (seen.get(name) ?? 0) + 1);
  const names = new Map<string, string>();
  workspaces.forEach((workspace, index) => {
    const name = plain[index];
    names.set(workspace.entry.id, (seen.get(name) ?? 0) > 1 ? i18n.t('switcher.duplicate', [name, String(index + 1)]) : name);
  });
  return names;
}

/** The letter a workspace's mark shows: the first letter of its name ("Kanzlei Nowag" → "K"), else "?". */
export function nameInitial(name: string): string {
  const first = [...name.trim()].find((char) => /[\p{L}\p{N}]/u.test(char));
  return first ? first.toLocaleUpperCase() : '?';
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

/** One workspace as a view lists it. */
export interface WorkspaceItem {
  entry: WorkspaceEntry;
  /** This device's connection there; null when it is not paired, or it could not be read (`unreadable`). */
  connection: Connection | null;
  /** Its database could not be opened or read: whether it is paired is not known. */
  unreadable: boolean;
  /** The devices known there; read only when asked for (`withDevices`), else empty. */
  devices: KnownDevice[];
  name: string;
  initial: string;
}

export interface DirectoryOptions {
  /** Also read each workspace's known devices (the Connection page proposes names from them). */
  withDevices?: boolean;
}

/** Where a directory reads the workspaces from: the registry's list, and each one's database (the background passes its own). */
export interface WorkspaceSource {
  list(): Promise<WorkspaceEntry[]>;
  open(entry: WorkspaceEntry): Promise<Db>;
}

/** A directory item with the database it was read from (null when it did not open): the background delegates into it. */
export interface OpenedWorkspaceItem extends WorkspaceItem {
  db: Db | null;
}

/**
 * Every workspace of `source` with its connection and name, in its order, each database opened
 * and read once. An unreadable one is still listed, by its label or number; one left in this
 * context while it was read is not (its entry goes next, and its database is never opened again).
 */
export async function readWorkspaceDirectory(source: WorkspaceSource, options: DirectoryOptions = {}): Promise<OpenedWorkspaceItem[]> {
  const entries = await source.list();
  const read = await Promise.all(
    entries.map(async (entry) => {
      let db: Db | null = null;
      try {
        db = await source.open(entry);
        const [connection, devices] = await Promise.all([getConnection(db), options.withDevices ? getKnownDevices(db) : []]);
        return { entry, db, connection, devices, unreadable: false };
      } catch (error) {
        if (workspaceLeft(entry)) return null;
        console.warn('[zuarbeit] cannot read a workspace', error);
        return { entry, db, connection: null, devices: [], unreadable: true };
      }
    }),
  );
  const listed = read.filter((item) => item !== null);
  const names = workspaceNames(listed);
  return listed.map((item) => {
    const name = names.get(item.entry.id) ?? '';
    return { ...item, name, initial: nameInitial(name) };
  });
}

/** The directory of `registry`: every workspace with its connection and name, each database opened once per context. */
export function loadWorkspaceDirectory(registry: Registry, options: DirectoryOptions = {}): Promise<WorkspaceItem[]> {
  return readWorkspaceDirectory({ list: () => listWorkspaces(registry), open: workspaceDb }, options);
}
