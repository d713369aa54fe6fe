/**
 * Several workspaces on screen (issue 13): the popup's switcher, the mark (colour and initial) each
 * workspace is shown with, and the side panel's line naming the workspace it shows. Loaded after
 * the popup's first rows: with one workspace none of it shows.
 */
import { i18n } from '#i18n';
import { useEffect, useRef } from 'preact/hooks';
import { setCurrentWorkspace, type WorkspaceEntry } from '../lib/store';
import { offersAllClients } from '../lib/ui/all-clients';
import { useWorkspaceDirectory } from './workspace-directory';
import { WorkspaceMark } from './workspace-mark';
import { useCurrentWorkspace, useRegistry } from './workspace-root';

/** The switcher's value for "All clients" (workspace ids are lower-case letters, digits and dashes). */
const ALL_CLIENTS = '*all';

/**
 * The workspace whose switcher takes the focus when it shows. A switch from the switcher builds the
 * popup anew for the other workspace, and a keyboard user choosing with the arrow keys must not land
 * on the page's start; only the new popup's switcher takes it (the old one may still be mounted).
 */
let refocusIn: string | null = null;

interface WorkspaceSwitcherProps {
  /** Whether the popup shows "All clients" instead of the current workspace's list. */
  showingAll: boolean;
  onShowAll: (show: boolean) => void;
  onFailure: (message: string) => void;
}

/**
 * The popup's switcher: a native select labelled "Workspace", shown when this browser profile holds
 * more than one; choosing another makes it current (the popup follows). With two or more workspaces
 * where this device is the assistant, it offers "All clients" as well.
 */
export function WorkspaceSwitcher({ showingAll, onShowAll, onFailure }: WorkspaceSwitcherProps) {
  const current = useCurrentWorkspace();
  const registry = useRegistry();
  const { items } = useWorkspaceDirectory();
  const select = useRef<HTMLSelectElement>(null);
  const visible = current !== null && items !== undefined && items.length > 1;

  useEffect(() => {
    if (visible && refocusIn === current.id) {
      refocusIn = null;
      select.current?.focus();
    }
  }, [visible]);

  const offersAll = visible && offersAllClients(items);
  // "All clients" went away (a workspace left, or this device is no longer the assistant of two): back to the current one.
  useEffect(() => {
    if (showingAll && items !== undefined && !offersAll) onShowAll(false);
  }, [showingAll, items, offersAll]);

  if (!visible) return null;
  const chosen = showingAll && offersAll ? null : (items.find((item) => item.entry.id === current.id) ?? null);

  const choose = (value: string) => {
    if (value === ALL_CLIENTS) return onShowAll(true);
    onShowAll(false);
    if (value === current.id) return;
    refocusIn = value;
    registry()
      .then((opened) => setCurrentWorkspace(opened, value))
      .catch((error: unknown) => {
        refocusIn = null;
        console.warn('[zuarbeit] cannot switch the workspace', error);
        onFailure(i18n.t('switcher.failed'));
      });
  };

  return (
    <label class="ws-switcher">
      <span class="sr-only">{i18n.t('switcher.label')}</span>
      {chosen ? (
        <WorkspaceMark colour={chosen.entry.colour} initial={chosen.initial} />
      ) : (
        <span class="ws-mark ws-mark-all" aria-hidden="true" />
      )}
      <select ref={select} value={chosen ? chosen.entry.id : ALL_CLIENTS} onChange={(event) => choose(event.currentTarget.value)}>
        {items.map((item) => (
          <option key={item.entry.id} value={item.entry.id}>
            {item.name}
          </option>
        ))}
        {offersAll && <option value={ALL_CLIENTS}>{i18n.t('allClients.option')}</option>}
      </select>
    </label>
  );
}

/** The side panel's line naming the workspace it shows, with its mark; nothing with one workspace. */
export function CurrentWorkspaceLine() {
  const current = useCurrentWorkspace();
  // A view on one database (no root) has no registry to list.
  return current ? <WorkspaceLine current={current} /> : null;
}

function WorkspaceLine({ current }: { current: WorkspaceEntry }) {
  const { items } = useWorkspaceDirectory();
  const item = items && items.length > 1 ? items.find((candidate) => candidate.entry.id === current.id) : undefined;
  if (!item) return null;
  return (
    <p class="ws-current">
      <WorkspaceMark colour={item.entry.colour} initial={item.initial} />
      <span class="sr-only">{i18n.t('switcher.currentPrefix')} </span>
      <span class="ws-current-name">{item.name}</span>
    </p>
  );
}
