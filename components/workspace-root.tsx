/**
 * The workspace a view shows (issue 13): the current one of this browser profile, followed live,
 * so switching in the popup (or opening a task of another workspace) moves every open view to it.
 * Everything below is keyed by the workspace's database, so no state of one workspace survives
 * into another; renaming or recolouring it only updates the entry.
 */
import { createContext, type VNode } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
// Straight from the modules, not the barrel, as everything the popup loads first (build/page-chunks.ts).
import { affectsWorkspaces, onStoreChange } from '../lib/store/events';
import { getRegistry, openCurrentWorkspace, type OpenWorkspace, type Registry, type WorkspaceEntry } from '../lib/store/workspaces';

const WorkspaceContext = createContext<WorkspaceEntry | null>(null);
const RegistryContext = createContext<() => Promise<Registry>>(getRegistry);

/** The workspace of the surrounding view; null outside a WorkspaceRoot (tests that render a view on one database). */
export function useCurrentWorkspace(): WorkspaceEntry | null {
  return useContext(WorkspaceContext);
}

/** The workspace registry of the surrounding view (the shared one of this context unless a test gives its own). */
export function useRegistry(): () => Promise<Registry> {
  return useContext(RegistryContext);
}

interface WorkspaceRootProps {
  /** The workspace opened before the first render (the entrypoint awaits it). */
  initial: OpenWorkspace;
  children: (open: OpenWorkspace) => VNode;
  /** The registry the views below switch in (tests pass their own; the shared one of this context otherwise). */
  registry?: () => Promise<Registry>;
  /** Opens the current workspace again after a registry change (by default from `registry`). */
  reopen?: () => Promise<OpenWorkspace>;
}

/** Renders `children` on the current workspace and builds them anew (keyed by its database) when another becomes current. */
export function WorkspaceRoot({ initial, children, registry = getRegistry, reopen: givenReopen }: WorkspaceRootProps) {
  const [open, setOpen] = useState(initial);
  const reopen = givenReopen ?? (() => registry().then(openCurrentWorkspace));
  useEffect(() => {
    // Two switches in quick succession: only the latest reading is shown.
    let generation = 0;
    return onStoreChange((change) => {
      if (!affectsWorkspaces(change)) return;
      const mine = ++generation;
      reopen().then(
        (next) =>
          mine === generation && setOpen((previous) => (previous.db === next.db && previous.entry === next.entry ? previous : next)),
        // The registry could not be read: stay on the workspace shown.
        (error: unknown) => console.warn('[zuarbeit] cannot reopen the current workspace', error),
      );
    });
    // Subscribed once: the registry and the reopening are fixed for a view's life.
  }, []);
  const view = children(open);
  return (
    <RegistryContext.Provider value={registry}>
      <WorkspaceContext.Provider value={open.entry}>
        <Keyed key={open.db.name}>{view}</Keyed>
      </WorkspaceContext.Provider>
    </RegistryContext.Provider>
  );
}

function Keyed({ children }: { children: VNode }) {
  return children;
}
