/**
 * What the background (re)creates on install and at browser start, and the store changes it
 * follows from then on: the "Delegate this" item (one per client workspace when there are
 * several), the minute sync alarm and the toolbar badge (counted across every workspace).
 */
import { affectsBadge, affectsConnection, affectsWorkspaces, onStoreChange } from '../store';
import { badgeCounter, refreshBadge, type BadgeApi, type BadgeCounter } from './badge';
import { registerDelegateMenu, showDelegateMenu, type MenusApi } from './menu';
import { SYNC_ALARM } from './sync-triggers';
import { throttle } from './timers';
import { readWorkspaceDirectory } from '../ui/workspaces';
import { clientsIn, openEvery, type BackgroundWorkspaces } from './workspaces';

/** The parts of the browser the background drives besides its listeners. */
export interface BackgroundApis {
  menus: MenusApi;
  alarms: { create(name: string, info: { periodInMinutes: number }): unknown };
  toolbar: BadgeApi;
}

/** A burst of changes (a sync applying pages) recounts the badge once per this interval. */
const BADGE_THROTTLE_MS = 200;

/** Registers the menu for this device's client workspaces, sets the minute sync alarm and shows a fresh badge. */
export function setUpBackground(apis: BackgroundApis, menuTitle: string, workspaces: BackgroundWorkspaces): void {
  void registerDelegateMenu(apis.menus, menuTitle).then(() => showMenuForWorkspaces(apis, menuTitle, workspaces));
  void apis.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  void recountBadge(apis, workspaces);
}

/**
 * Recounts the badge across every workspace (with a `counter`, only those it has forgotten are
 * read again); returns the sum (0 when the registry cannot be read).
 */
export function recountBadge(
  apis: Pick<BackgroundApis, 'toolbar'>,
  workspaces: BackgroundWorkspaces,
  counter?: BadgeCounter,
): Promise<number> {
  return openEvery(workspaces)
    .then((open) =>
      refreshBadge(
        open.map(({ db }) => db),
        apis.toolbar,
        counter,
      ),
    )
    .catch((error: unknown) => {
      console.warn('[zuarbeit] cannot recount the badge', error);
      return 0;
    });
}

/**
 * Recounts the badge and re-decides the menu when a change in any workspace (or the registry)
 * says they may have changed; returns the unsubscribe function.
 */
export function followStoreChanges(apis: BackgroundApis, menuTitle: string, workspaces: BackgroundWorkspaces): () => void {
  // A change in one workspace recounts that one; the others' counts are kept.
  const counter = badgeCounter();
  const recount = throttle(() => void recountBadge(apis, workspaces, counter), BADGE_THROTTLE_MS);
  return onStoreChange((change) => {
    // A registry change (a workspace added, left, chosen) changes which databases are summed, not
    // what each counted: the sum runs over the current list, so nothing is forgotten for it.
    if (affectsBadge(change)) counter.forget(change.db);
    if (affectsBadge(change) || affectsWorkspaces(change)) recount();
    if (affectsConnection(change) || affectsWorkspaces(change)) void showMenuForWorkspaces(apis, menuTitle, workspaces);
  });
}

let decisions = 0;

/**
 * Shows "Delegate this" for the workspaces in which this device is the client (hidden, one item,
 * or a submenu). When changes come in a burst, only the decision begun last is shown.
 */
export async function showMenuForWorkspaces(
  apis: Pick<BackgroundApis, 'menus'>,
  menuTitle: string,
  workspaces: BackgroundWorkspaces,
): Promise<void> {
  const decision = ++decisions;
  try {
    // One read of every workspace names the submenu's children and tells where this device is the client.
    const directory = await readWorkspaceDirectory(workspaces);
    if (decision !== decisions) return;
    await showDelegateMenu(
      apis.menus,
      menuTitle,
      clientsIn(directory).map(({ entry, name }) => ({ workspaceId: entry.id, title: name })),
    );
  } catch (error) {
    console.warn('[zuarbeit] cannot decide the delegate menu', error);
  }
}
