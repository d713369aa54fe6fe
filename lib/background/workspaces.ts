/**
 * Every workspace as the background sees them (issue 13): the registry behind one small interface,
 * so the triggers, the badge, the menu and the notifications serve all of them, and tests pass a
 * registry of their own. A workspace whose database does not open is left out of "every", alone.
 */
import {
  delegateOrder,
  getCurrentWorkspace,
  listWorkspaces,
  noteDelegatedTo,
  setCurrentWorkspace,
  workspaceDb,
  type Connection,
  type Db,
  type OpenWorkspace,
  type Registry,
  type WorkspaceEntry,
} from '../store';
import { readWorkspaceDirectory, type OpenedWorkspaceItem } from '../ui/workspaces';
import type { DelegateInto } from './delegate';

/** The registry operations the background needs. */
export interface BackgroundWorkspaces {
  /** Every registered workspace, in the order they were added. */
  list(): Promise<WorkspaceEntry[]>;
  /** The workspace's database, opened once per context. */
  open(entry: Pick<WorkspaceEntry, 'dbName'>): Promise<Db>;
  /** The workspace the popup and the side panel show. */
  current(): Promise<WorkspaceEntry>;
  /** Makes `id` the workspace the popup and the side panel show (they follow it live). */
  setCurrent(id: string): Promise<void>;
  /** Notes that "Delegate this" sent a task to `id` (the submenu lists the last used first). */
  noteDelegated(id: string, now: Date): Promise<void>;
}

/** The background's workspaces: those of `registry` (the entrypoint passes the context's shared one). */
export function registryWorkspaces(registry: () => Promise<Registry>): BackgroundWorkspaces {
  return {
    list: async () => listWorkspaces(await registry()),
    open: workspaceDb,
    current: async () => getCurrentWorkspace(await registry()),
    setCurrent: async (id) => setCurrentWorkspace(await registry(), id),
    noteDelegated: async (id, now) => noteDelegatedTo(await registry(), id, now),
  };
}

/** Opens each of `entries`; one that does not open is logged and left out, never stopping the others. */
export async function openEach(workspaces: BackgroundWorkspaces, entries: readonly WorkspaceEntry[]): Promise<OpenWorkspace[]> {
  const opened = await Promise.allSettled(entries.map(async (entry) => ({ entry, db: await workspaces.open(entry) })));
  return opened.flatMap((result) => {
    if (result.status === 'fulfilled') return [result.value];
    console.warn('[zuarbeit] cannot open a workspace', result.reason);
    return [];
  });
}

/** Every workspace that opens, with its database. */
export async function openEvery(workspaces: BackgroundWorkspaces): Promise<OpenWorkspace[]> {
  return openEach(workspaces, await workspaces.list());
}

/** The registered workspace whose database is `dbName`, opened; null when no workspace has that database. */
export async function workspaceNamed(workspaces: BackgroundWorkspaces, dbName: string): Promise<OpenWorkspace | null> {
  const entry = (await workspaces.list()).find((candidate) => candidate.dbName === dbName);
  return entry ? { entry, db: await workspaces.open(entry) } : null;
}

/** The registered workspace `id`, opened; null when there is none (left since). */
export async function workspaceWithId(workspaces: BackgroundWorkspaces, id: string): Promise<OpenWorkspace | null> {
  const entry = (await workspaces.list()).find((candidate) => candidate.id === id);
  return entry ? { entry, db: await workspaces.open(entry) } : null;
}

/** A workspace "Delegate this" can send to, with its connection (null: not connected yet) and its shown name. */
export interface ClientWorkspace extends OpenWorkspace {
  connection: Connection | null;
  name: string;
}

/**
 * The workspaces of `directory` in which this device is the client, in the order the submenu lists
 * them (the last used first). A workspace not connected yet counts only while no workspace on this
 * device is connected: a fresh installation delegates before pairing, as before, but an assistant's
 * browser with a workspace it is about to join offers no menu. One whose database did not open is left out.
 */
export function clientsIn(directory: readonly OpenedWorkspaceItem[]): ClientWorkspace[] {
  const opened = directory.flatMap(({ entry, db, connection, name }) => (db ? [{ entry, db, connection, name }] : []));
  const anyConnected = opened.some(({ connection }) => connection !== null);
  const clients = opened.filter(({ connection }) => (connection ? connection.role === 'client' : !anyConnected));
  const order = new Map(delegateOrder(clients.map(({ entry }) => entry)).map((entry, i) => [entry.id, i]));
  return clients.sort((a, b) => order.get(a.entry.id)! - order.get(b.entry.id)!);
}

/** The client workspaces of every workspace (see clientsIn). */
export async function clientWorkspaces(workspaces: BackgroundWorkspaces): Promise<ClientWorkspace[]> {
  return clientsIn(await readWorkspaceDirectory(workspaces));
}

/**
 * Where the shortcut and the single menu item delegate: the current workspace when this device is
 * a client there, else the client workspace used last, else the current one (the menu is hidden
 * then; the shortcut still drafts, as it did before there were workspaces).
 */
export async function defaultDelegateTarget(workspaces: BackgroundWorkspaces): Promise<OpenWorkspace> {
  const [current, clients] = await Promise.all([workspaces.current(), clientWorkspaces(workspaces)]);
  const chosen = clients.find(({ entry }) => entry.id === current.id) ?? clients[0];
  return chosen ? { entry: chosen.entry, db: chosen.db } : { entry: current, db: await workspaces.open(current) };
}

/**
 * "Delegate this" into a workspace (DelegateDeps.into): the submenu child's, else the default one;
 * a child whose workspace was left since falls back to the default, so the clip is not lost. Once
 * stored, the delegation is noted (the submenu's order) and the workspace becomes current, so the
 * opening side panel shows its draft.
 */
export function delegateIntoWorkspaces(
  workspaces: BackgroundWorkspaces,
  now: () => Date,
): (workspaceId: string | undefined) => Promise<DelegateInto> {
  return async (workspaceId) => {
    const chosen = workspaceId === undefined ? null : await workspaceWithId(workspaces, workspaceId);
    const target = chosen ?? (await defaultDelegateTarget(workspaces));
    return {
      db: target.db,
      delegated: async () => {
        await workspaces.noteDelegated(target.entry.id, now());
        await workspaces.setCurrent(target.entry.id);
      },
    };
  };
}

/**
 * The names of every workspace where the background shows them (the submenu, a notification's
 * title), by id: the same directory, so the same names, as the popup's switcher and the Connection page.
 */
export async function workspaceNamesOf(workspaces: BackgroundWorkspaces): Promise<Map<string, string>> {
  return new Map((await readWorkspaceDirectory(workspaces)).map(({ entry, name }) => [entry.id, name]));
}

/** The name of workspace `open` (see workspaceNamesOf). */
export async function nameOfWorkspace(workspaces: BackgroundWorkspaces, open: OpenWorkspace): Promise<string> {
  return (await workspaceNamesOf(workspaces)).get(open.entry.id) ?? open.entry.label;
}
