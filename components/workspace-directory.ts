/**
 * The workspaces of this browser profile as the views list them (issue 13), followed live: the
 * directory of lib/ui/workspaces.ts read again on every change that may alter it. The popup's
 * switcher and the Connection page's list both read it; no task of any workspace is read.
 */
import { useEffect, useState } from 'preact/hooks';
import { affectsSession, affectsWorkspaces, onStoreChange } from '../lib/store';
import { loadWorkspaceDirectory, type DirectoryOptions, type WorkspaceItem } from '../lib/ui/workspaces';
import { useRegistry } from './workspace-root';

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
