/**
 * What the background (re)creates on install and at browser start, and the store changes it
 * follows from then on: the "Delegate this" item (shown for this device's role), the minute
 * sync alarm and the toolbar badge.
 */
import { affectsBadge, affectsConnection, getRole, onStoreChange, type Db } from '../store';
import { refreshBadge, type BadgeApi } from './badge';
import { registerDelegateMenu, showDelegateMenuFor, type MenusApi } from './menu';
import { SYNC_ALARM } from './sync-triggers';
import { throttle } from './timers';

/** The parts of the browser the background drives besides its listeners. */
export interface BackgroundApis {
  menus: MenusApi;
  alarms: { create(name: string, info: { periodInMinutes: number }): unknown };
  toolbar: BadgeApi;
}

/** A burst of changes (a sync applying pages) recounts the badge once per this interval. */
const BADGE_THROTTLE_MS = 200;

/** Registers the menu for this device's role, sets the minute sync alarm and shows a fresh badge. */
export function setUpBackground(apis: BackgroundApis, menuTitle: string, getDb: () => Promise<Db>): void {
  void registerDelegateMenu(apis.menus, menuTitle).then(() => showMenuForRole(apis, getDb));
  void apis.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  void getDb().then((db) => refreshBadge(db, apis.toolbar));
}

/** Recounts the badge and re-decides the menu's visibility when the store says they may have changed; returns the unsubscribe function. */
export function followStoreChanges(apis: BackgroundApis, getDb: () => Promise<Db>): () => void {
  const recountBadge = throttle(() => void getDb().then((db) => refreshBadge(db, apis.toolbar)), BADGE_THROTTLE_MS);
  return onStoreChange((change) => {
    if (affectsBadge(change)) recountBadge();
    if (affectsConnection(change)) void showMenuForRole(apis, getDb);
  });
}

function showMenuForRole(apis: BackgroundApis, getDb: () => Promise<Db>): Promise<void> {
  return getDb()
    .then(getRole)
    .then((role) => showDelegateMenuFor(apis.menus, role));
}
