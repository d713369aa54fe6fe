import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { i18n } from '#i18n';
import { userActionHandlers } from '@/lib/background/handlers';
import { notifyApplied, openNotified } from '@/lib/background/notifications';
import { followStoreChanges, setUpBackground } from '@/lib/background/setup';
import { onBackgroundApplied, SYNC_ALARM, syncInBackground, syncOnLocalChanges } from '@/lib/background/sync-triggers';
import { followIdle } from '@/lib/background/timer-idle';
import { acceptPendingEdits } from '@/lib/background/pending-edits';
import { openSidePanel } from '@/lib/browser/side-panel';
import { newId } from '@/lib/model';
import { getDb } from '@/lib/store';

declare global {
  interface ImportMetaEnv {
    /** Set at build time by wxt.config.ts: true only in the real-browser tests' build. */
    readonly ZUARBEIT_E2E?: boolean;
  }
}

export default defineBackground(() => {
  // MV3 has `action`; Firefox's MV2 build has `browserAction`, with the same badge calls.
  const toolbar = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const apis = { menus: browser.contextMenus, alarms: browser.alarms, toolbar };
  const handlers = userActionHandlers({
    getDb,
    runCapture: async (tabId, frameId) => {
      const [result] = await browser.scripting.executeScript({
        target: { tabId, frameIds: frameId ? [frameId] : undefined },
        files: ['/capture.js'],
      });
      return result?.result;
    },
    openPanel: (windowId) => openSidePanel(browser as Parameters<typeof openSidePanel>[0], windowId),
    newId,
    now: () => new Date(),
  });

  browser.runtime.onInstalled.addListener(() => setUpBackground(apis, i18n.t('menuDelegate'), getDb));
  browser.runtime.onStartup.addListener(() => {
    setUpBackground(apis, i18n.t('menuDelegate'), getDb);
    void syncInBackground(getDb);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void handlers.onMenuClick(info, tab));
  browser.commands.onCommand.addListener((command, tab) => void handlers.onCommand(command, tab));
  // Issue 16, defect 8: a closing panel's unsaved edit is written here.
  browser.runtime.onConnect.addListener((port) => acceptPendingEdits(port, getDb));
  // Native menus cannot be clicked by automation: the real-browser tests' build exposes the very
  // handlers the menu and the shortcut call (wxt.config.ts); in a store build this is dead code.
  if (import.meta.env.ZUARBEIT_E2E) Object.assign(globalThis, { zuarbeit: handlers });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncInBackground(getDb);
  });
  // A service worker's global scope; absent where the background runs under test in Node.
  globalThis.addEventListener?.('online', () => void syncInBackground(getDb, true));
  syncOnLocalChanges(getDb);
  followStoreChanges(apis, getDb);
  followIdle(browser.idle, getDb);

  // Issue 15: notifications are opt-in; `browser.notifications` exists once the permission is granted.
  onBackgroundApplied(
    (db, changes) => void notifyApplied(db, changes, { create: (id, options) => browser.notifications.create(id, options) }),
  );
  browser.notifications?.onClicked.addListener(
    (id) =>
      void openNotified(getDb, id, {
        openPanel: () => openSidePanel(browser as Parameters<typeof openSidePanel>[0], browser.windows.WINDOW_ID_CURRENT),
        openTab: () => browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') }),
        clear: (notification) => browser.notifications.clear(notification),
      }),
  );
});
