// The background entrypoint as the browser runs it, through WXT's fakeBrowser; the APIs
// fakeBrowser lacks (contextMenus, commands, scripting, sidePanel, runtime.onConnect) are spied here.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { DELEGATE_MENU_ID } from '../../lib/background/menu';
import type { CaptureResult } from '../../lib/clip/capture';

function event<T extends unknown[]>() {
  const listeners: ((...args: T) => unknown)[] = [];
  return {
    addListener: (l: (...args: T) => unknown) => listeners.push(l),
    trigger: (...args: T) => Promise.all(listeners.map((l) => l(...args))),
  };
}

const calls: string[] = [];
const menus = {
  onClicked: event<[Record<string, unknown>, Record<string, unknown> | undefined]>(),
  removeAll: vi.fn(async () => undefined),
  create: vi.fn((_props: unknown, callback?: () => void) => {
    callback?.();
    return DELEGATE_MENU_ID;
  }),
};
const commands = { onCommand: event<[string, Record<string, unknown> | undefined]>() };
const scripting = { executeScript: vi.fn<(injection: unknown) => Promise<{ result: unknown }[]>>() };
const sidePanel = { open: vi.fn(async () => void calls.push('open-panel')) };
let onConnect = event<[unknown]>();

const tab = {
  id: 7,
  windowId: 3,
  url: 'https://www.bundesgerichtshof.de/urteil',
  title: 'BGH – Urteil',
  favIconUrl: 'https://www.bundesgerichtshof.de/favicon.ico',
};
const page = {
  title: 'Urteil vom 3. März 2026 – VI ZR 1/25',
  description: 'Haftung von Bewertungsportalen',
  siteName: 'Bundesgerichtshof',
  lang: 'de',
  favicon: 'https://www.bundesgerichtshof.de/favicon.ico',
};

function capture(selection: string | null): CaptureResult {
  return { page, selection: selection === null ? null : { text: selection } } as CaptureResult;
}

/** A manual task's fields but its id, title and status. */
const TASK_FIELDS = {
  kind: 'research' as const,
  instructions: '',
  due: null,
  priority: 'normal' as const,
  autonomy: 'ask-first' as const,
  recurrence: null,
  result: null,
  source: { type: 'manual' as const, url: null, title: 'x', capturedAt: '2026-11-27T05:00:00.000Z' },
  createdAt: '2026-11-27T05:00:00.000Z',
};

async function flush() {
  // The handlers run on after the listener returns; wait until the draft is stored.
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 5));
}

// Each test gets fresh modules: the store caches its connection per context, as a worker would.
let store: typeof import('../../lib/store');
/** The current workspace's database, as the background's handlers write into it. */
const getDb = async () => (await store.openCurrentWorkspace()).db;

beforeEach(async () => {
  // Every test starts a fresh background; the ones of earlier tests would still hear a real
  // BroadcastChannel and recount the badge from their own (earlier) database.
  vi.stubGlobal('BroadcastChannel', undefined);
  vi.resetModules();
  store = await import('../../lib/store');
  const { default: background } = await import('../../entrypoints/background');
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  calls.length = 0;
  vi.clearAllMocks();
  Object.assign(fakeBrowser, { contextMenus: menus, commands, scripting, sidePanel });
  menus.onClicked = event();
  commands.onCommand = event();
  onConnect = event();
  Object.assign(fakeBrowser.runtime, { onConnect });
  scripting.executeScript.mockImplementation(async () => {
    calls.push('capture');
    return [{ result: capture(null) }];
  });
  background.main();
});

describe('background', () => {
  it('registers "Delegate this" on install and sets the minute sync alarm', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await flush();
    expect(menus.removeAll).toHaveBeenCalled();
    expect(menus.create).toHaveBeenCalledWith(
      expect.objectContaining({ id: DELEGATE_MENU_ID, title: 'Delegate this' }),
      expect.any(Function),
    );
    expect(await fakeBrowser.alarms.get('zuarbeit-sync')).toMatchObject({ periodInMinutes: 1 });
    // Registered, then rebuilt for this device's workspaces; browser start does the same again.
    const onInstall = menus.removeAll.mock.calls.length;
    expect(onInstall).toBeGreaterThan(0);
    await fakeBrowser.runtime.onStartup.trigger();
    await flush();
    expect(menus.removeAll).toHaveBeenCalledTimes(2 * onInstall);
    expect(menus.create).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: DELEGATE_MENU_ID, title: 'Delegate this', visible: true }),
      expect.any(Function),
    );
  });

  it('clips a page: opens the panel before capturing, stores the draft with the page metadata, routes the panel to it', async () => {
    await menus.onClicked.trigger({ menuItemId: DELEGATE_MENU_ID, pageUrl: tab.url }, tab);
    await flush();
    expect(calls.slice(0, 2)).toEqual(['open-panel', 'capture']);
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 3 });
    expect(sidePanel.open).toHaveBeenCalledTimes(1);
    expect(scripting.executeScript).toHaveBeenCalledWith(
      expect.objectContaining({ target: expect.objectContaining({ tabId: 7 }), files: ['/capture.js'] }),
    );
    const [draft] = (await store.listDrafts(await getDb())).records;
    expect(draft.source).toMatchObject({
      type: 'page',
      url: tab.url,
      title: page.title,
      description: page.description,
      siteName: 'Bundesgerichtshof',
      lang: 'de',
    });
    expect(await store.getPanelRoute(await getDb())).toEqual({ view: 'draft', id: draft.id });
  });

  it('clips a selection as readable text captured from the page', async () => {
    scripting.executeScript.mockResolvedValue([{ result: capture('Absatz eins.\n\n- Punkt A\n- [Quelle](https://example.com/q)') }]);
    await menus.onClicked.trigger({ menuItemId: DELEGATE_MENU_ID, pageUrl: tab.url, selectionText: 'Absatz eins. Punkt A Quelle' }, tab);
    await flush();
    const [draft] = (await store.listDrafts(await getDb())).records;
    expect(draft.source).toMatchObject({
      type: 'selection',
      url: tab.url,
      quote: 'Absatz eins.\n\n- Punkt A\n- [Quelle](https://example.com/q)',
    });
  });

  it('falls back to the event’s selection text where scripting is not allowed', async () => {
    scripting.executeScript.mockRejectedValue(new Error('Cannot access contents of url "chrome://extensions/"'));
    await menus.onClicked.trigger(
      { menuItemId: DELEGATE_MENU_ID, pageUrl: 'chrome://extensions/', selectionText: 'Text im PDF-Viewer' },
      { ...tab, url: 'chrome://extensions/' },
    );
    await flush();
    const [draft] = (await store.listDrafts(await getDb())).records;
    expect(draft.source).toMatchObject({ type: 'selection', quote: 'Text im PDF-Viewer' });
  });

  it('ignores a capture that does not parse (a page cannot inject fields)', async () => {
    scripting.executeScript.mockResolvedValue([{ result: { page: { title: 42 }, evil: true } }]);
    await menus.onClicked.trigger({ menuItemId: DELEGATE_MENU_ID, pageUrl: tab.url, selectionText: 'sichtbarer Text' }, tab);
    await flush();
    const [draft] = (await store.listDrafts(await getDb())).records;
    expect(draft.source).toMatchObject({ type: 'selection', quote: 'sichtbarer Text' });
  });

  it('uses the link’s URL for a link, and recognises documents', async () => {
    await menus.onClicked.trigger(
      { menuItemId: DELEGATE_MENU_ID, pageUrl: tab.url, linkUrl: 'https://www.bundesgerichtshof.de/files/VI_ZR_1-25.pdf?download=1' },
      tab,
    );
    await menus.onClicked.trigger(
      { menuItemId: DELEGATE_MENU_ID, pageUrl: tab.url, linkUrl: 'https://docs.google.com/document/d/1AbCdEfGh/edit#heading=h.1' },
      tab,
    );
    await menus.onClicked.trigger({ menuItemId: DELEGATE_MENU_ID, pageUrl: tab.url, linkUrl: 'https://example.com/blog/post' }, tab);
    await flush();
    const drafts = (await store.listDrafts(await getDb())).records;
    const byUrl = Object.fromEntries(drafts.map((d) => [d.source.url, d.source]));
    expect(byUrl['https://www.bundesgerichtshof.de/files/VI_ZR_1-25.pdf?download=1']).toMatchObject({
      type: 'document',
      documentType: 'pdf',
    });
    expect(byUrl['https://docs.google.com/document/d/1AbCdEfGh/edit#heading=h.1']).toMatchObject({
      type: 'document',
      documentType: 'gdoc',
    });
    expect(byUrl['https://example.com/blog/post']).toMatchObject({ type: 'link' });
    expect(drafts.every((d) => d.source.url !== tab.url)).toBe(true);
    expect(scripting.executeScript).not.toHaveBeenCalled();
  });

  it('delegates the current page from the keyboard shortcut', async () => {
    await commands.onCommand.trigger('delegate-current', tab);
    await flush();
    expect(calls.slice(0, 2)).toEqual(['open-panel', 'capture']);
    expect(sidePanel.open).toHaveBeenCalledTimes(1);
    const drafts = (await store.listDrafts(await getDb())).records;
    expect(drafts).toHaveLength(1);
    expect(drafts[0].source).toMatchObject({ type: 'page', url: tab.url, title: page.title, siteName: 'Bundesgerichtshof' });
    expect(await store.getPanelRoute(await getDb())).toEqual({ view: 'draft', id: drafts[0].id });
  });

  it('ignores other commands and menu items', async () => {
    await commands.onCommand.trigger('_execute_action', tab);
    await menus.onClicked.trigger({ menuItemId: 'another-extension-item', pageUrl: tab.url }, tab);
    await flush();
    expect(sidePanel.open).not.toHaveBeenCalled();
    expect(scripting.executeScript).not.toHaveBeenCalled();
    expect((await store.listDrafts(await getDb())).records).toEqual([]);
  });

  it('shows on the badge how many tasks wait for the client', async () => {
    const db = await getDb();
    await store.createTask(db, { ...TASK_FIELDS, id: 'a', title: 'Frage offen', status: 'question' });
    await store.createTask(db, { ...TASK_FIELDS, id: 'b', title: 'Ergebnis prüfen', status: 'review' });
    await store.createTask(db, { ...TASK_FIELDS, id: 'c', title: 'Läuft', status: 'in-progress' });
    // The badge is recounted a moment after the last change (debounced): wait for it.
    await expect.poll(() => fakeBrowser.action.getBadgeText({}), { timeout: 5_000 }).toBe('2');
  });

  it('writes the edit a closed panel handed over and had not saved (issue 16, defect 8)', async () => {
    const db = await getDb();
    await store.createTask(db, { ...TASK_FIELDS, id: 't', title: 'Gutachten', status: 'new' });
    const message = event<[unknown]>();
    const disconnect = event<[]>();
    await onConnect.trigger({ name: store.PENDING_EDITS_PORT, onMessage: message, onDisconnect: disconnect });
    await message.trigger({
      type: 'pending',
      key: 'form',
      db: db.name,
      edit: { entity: 'task', id: 't', patch: { title: 'Gutachten – Fassung 2' } },
    });
    await disconnect.trigger();
    await expect.poll(async () => (await store.getRecord(db, 'task', 't'))?.title).toBe('Gutachten – Fassung 2');
  });

  it('with two client workspaces, offers a submenu and delegates a child’s click into its workspace (issue 13)', async () => {
    const registry = await store.getRegistry();
    const berg = await store.addWorkspace(registry, { label: 'Praxis Berg' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await expect
      .poll(() =>
        menus.create.mock.calls.map(([props]) => props as { id: string; title: string; parentId?: string }).filter((p) => p.parentId),
      )
      .toEqual([
        expect.objectContaining({ id: 'zuarbeit-delegate:first', title: 'Workspace 1', parentId: DELEGATE_MENU_ID }),
        expect.objectContaining({ id: `zuarbeit-delegate:${berg.id}`, title: 'Praxis Berg', parentId: DELEGATE_MENU_ID }),
      ]);
    await menus.onClicked.trigger({ menuItemId: `zuarbeit-delegate:${berg.id}`, pageUrl: tab.url }, tab);
    await flush();
    expect(calls[0]).toBe('open-panel');
    const [draft] = (await store.listDrafts(await store.workspaceDb(berg))).records;
    expect(draft.source).toMatchObject({ type: 'page', url: tab.url });
    const [first] = await store.listWorkspaces(registry);
    expect((await store.listDrafts(await store.workspaceDb(first))).records).toEqual([]);
    expect((await store.getCurrentWorkspace(registry)).id).toBe(berg.id);
    expect(await store.getPanelRoute(await store.workspaceDb(berg))).toEqual({ view: 'draft', id: draft.id });
  });
});
