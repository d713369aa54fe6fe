/**
 * The workspaces of this browser profile as the views list them (issue 13): each registry entry
 * with this device's connection there and its shown name, in the registry's order, followed live.
 * The popup's switcher and the Connection page's list both read it; no task of any workspace is read.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  affectsSession,
  affectsWorkspaces,
  getConnection,
  getKnownDevices,
  listWorkspaces,
  onStoreChange,
  workspaceDb,
  type Connection,
  type KnownDevice,
  type Registry,
  type WorkspaceEntry,
} from '../lib/store';
import { nameInitial, workspaceNames } from '../lib/ui/workspaces';
import { useRegistry } from './workspace-root';

/** One workspace as a view lists it. */
export interface WorkspaceItem {
  entry: WorkspaceEntry;
  /** This device's connection there; null when it is not paired (or it could not be read). */
  connection: Connection | null;
  /** The devices known there; read only when asked for (`withDevices`), else empty. */
  devices: KnownDevice[];
  name: string;
  initial: string;
}

export interface DirectoryOptions {
  /** Also read each workspace's known devices (the Connection page proposes names from them). */
  withDevices?: boolean;
  /** Workspaces not to open (a database being deleted in this context must not be opened again). */
  skip?: (entry: WorkspaceEntry) => boolean;
}

/** Every workspace with its connection and name, in the registry's order. An unreadable one is still listed, by its label or number. */
export async function loadWorkspaceDirectory(registry: Registry, options: DirectoryOptions = {}): Promise<WorkspaceItem[]> {
  const entries = (await listWorkspaces(registry)).filter((entry) => !options.skip?.(entry));
  const read = await Promise.all(
    entries.map(async (entry) => {
      try {
        const db = await workspaceDb(entry);
        const [connection, devices] = await Promise.all([getConnection(db), options.withDevices ? getKnownDevices(db) : []]);
        return { connection, devices };
      } catch {
        return { connection: null, devices: [] };
      }
    }),
  );
  const names = workspaceNames(entries.map((entry, index) => ({ entry, connection: read[index].connection })));
  return entries.map((entry, index) => {
    const name = names.get(entry.id) ?? '';
    return { entry, ...read[index], name, initial: nameInitial(name) };
  });
}

/**
 * The directory, read again when a workspace is added, renamed, left or paired, or its devices
 * change; `items` undefined until first read, `error` when the registry itself could not be read.
 */
export function useWorkspaceDirectory(options: DirectoryOptions = {}): { items: WorkspaceItem[] | undefined; error: unknown } {
  const registry = useRegistry();
  const [state, setState] = useState<{ items: WorkspaceItem[] | undefined; error: unknown }>({ items: undefined, error: null });
  useEffect(() => {
    let alive = true;
    let generation = 0;
    const read = () => {
      const mine = ++generation;
      registry()
        .then((opened) => loadWorkspaceDirectory(opened, options))
        .then(
          (items) => alive && mine === generation && setState({ items, error: null }),
          (error: unknown) => alive && mine === generation && setState((previous) => ({ items: previous.items, error })),
        );
    };
    // Any workspace's connection names it (its endpoint) and gives this device's role there: no scope.
    const unsubscribe = onStoreChange((change) => {
      if (affectsWorkspaces(change) || affectsSession(change)) read();
    });
    read();
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [registry]);
  return state;
}
