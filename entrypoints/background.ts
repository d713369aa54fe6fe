import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { i18n } from '#i18n';
import { refreshBadge } from '@/lib/background/badge';
import { delegate, targetOf } from '@/lib/background/delegate';
import { DELEGATE_MENU_ID, registerDelegateMenu, showDelegateMenuFor } from '@/lib/background/menu';
import { SYNC_ALARM, syncInBackground, syncOnLocalChanges, throttle } from '@/lib/background/sync-triggers';
import { openSidePanel } from '@/lib/browser/side-panel';
import { newId } from '@/lib/model';
import { getDb, getRole, onStoreChange } from '@/lib/store';

export default defineBackground(() => {
  const menus = browser.contextMenus;
  // MV3 has `action`; Firefox's MV2 build has `browserAction`, with the same badge calls.
  const toolbar = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const setUp = () => {
    void registerDelegateMenu(menus, i18n.t('menuDelegate')).then(() => getDb().then(getRole).then((role) => showDelegateMenuFor(menus, role)));
    void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
    void getDb().then((db) => refreshBadge(db, toolbar));
  };
  browser.runtime.onInstalled.addListener(setUp);
  browser.runtime.onStartup.addListener(() => {
    setUp();
    void syncInBackground(getDb);
  });

  const deps = {
    runCapture: async (tabId: number, frameId: number | undefined) => {
      const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: frameId ? [frameId] : undefined }, files: ['/capture.js'] });
      return result?.result;
    },
    // Called before any await in the listeners below: the browser only opens panels inside a user gesture.
    openPanel: (windowId: number | undefined) => openSidePanel(browser as Parameters<typeof openSidePanel>[0], windowId),
    newId,
    now: () => new Date(),
  };
  type MenuInfo = Parameters<Parameters<typeof menus.onClicked.addListener>[0]>[0];
  type Tab = Parameters<Parameters<typeof menus.onClicked.addListener>[0]>[1];
  // Both run the panel-opening call first, while the user gesture still counts.
  const onMenuClick = (info: MenuInfo, tab: Tab) => {
    if (info.menuItemId !== DELEGATE_MENU_ID) return Promise.resolve(undefined);
    const opening = deps.openPanel(tab?.windowId);
    return getDb().then((db) => delegate({ ...deps, db, openPanel: () => opening }, targetOf(info), info, tab));
  };
  const onCommand = (command: string, tab: Tab) => {
    if (command !== 'delegate-current') return Promise.resolve(undefined);
    const opening = deps.openPanel(tab?.windowId);
    return getDb().then((db) => delegate({ ...deps, db, openPanel: () => opening }, 'command', { pageUrl: tab?.url }, tab));
  };
  menus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
  // Native menus cannot be clicked by automation: the real-browser tests (and the worker's
  // devtools console) call the very handlers the menu and the shortcut call.
  Object.assign(globalThis, { zuarbeit: { onMenuClick, onCommand } });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncInBackground(getDb);
  });
  // A service worker's global scope; absent where the background runs under test in Node.
  globalThis.addEventListener?.('online', () => void syncInBackground(getDb, true));
  syncOnLocalChanges(getDb);
  const badge = throttle(() => void getDb().then((db) => refreshBadge(db, toolbar)), 200);
  onStoreChange((change) => {
    // Of the meta values only the role and the device list change what waits for whom.
    if (change.kind === 'task' || change.kind === 'comment' || (change.kind === 'meta' && change.ids?.some((id) => id === 'connection' || id === 'devices'))) badge();
    if (change.kind === 'meta' && change.ids?.includes('connection')) void getDb().then(getRole).then((role) => showDelegateMenuFor(menus, role));
  });
});
