/**
 * The workspace a view shows (issue 13): the current one of this browser profile, followed live,
 * so switching in the popup (or opening a task of another workspace) moves every open view to it.
 * Everything below is keyed by the workspace's database, so no state of one workspace survives
 * into another; renaming or recolouring it only updates the entry.
 */
import { createContext, type VNode } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { affectsWorkspaces, onStoreChange, openCurrentWorkspace, type OpenWorkspace, type WorkspaceEntry } from '../lib/store';

const WorkspaceContext = createContext<WorkspaceEntry | null>(null);

/** The workspace of the surrounding view; null outside a WorkspaceRoot (tests that render a view on one database). */
export function useCurrentWorkspace(): WorkspaceEntry | null {
  return useContext(WorkspaceContext);
}

interface WorkspaceRootProps {
  /** The workspace opened before the first render (the entrypoint awaits it). */
  initial: OpenWorkspace;
  children: (open: OpenWorkspace) => VNode;
  /** Opens the current workspace again after a registry change (tests pass their own). */
  reopen?: () => Promise<OpenWorkspace>;
}

export function WorkspaceRoot({ initial, children, reopen = openCurrentWorkspace }: WorkspaceRootProps) {
  const [open, setOpen] = useState(initial);
  useEffect(
    () =>
      onStoreChange((change) => {
        if (!affectsWorkspaces(change)) return;
        reopen().then(
          (next) => setOpen((previous) => (previous.db === next.db && previous.entry === next.entry ? previous : next)),
          // The registry could not be read: stay on the workspace shown.
          (error: unknown) => console.warn('[zuarbeit] cannot reopen the current workspace', error),
        );
      }),
    [reopen],
  );
  const view = children(open);
  return (
    <WorkspaceContext.Provider value={open.entry}>
      <Keyed key={open.db.name}>{view}</Keyed>
    </WorkspaceContext.Provider>
  );
}

function Keyed({ children }: { children: VNode }) {
  return children;
}
