// Issue 13: the background serves every workspace in the registry — sync, badge, the "Delegate
// this" menu and its clicks — each workspace in its own database; a real endpoint on SQLite where
// workspaces sync.
import { describe, expect, it, vi } from 'vitest';
import { userActionHandlers } from '../../lib/background/handlers';
import { DELEGATE_COMMAND, DELEGATE_MENU_ID, delegateMenuItemId, registerDelegateMenu } from '../../lib/background/menu';
import { recountBadge, followStoreChanges, showMenuForWorkspaces } from '../../lib/background/setup';
import { LOCAL_CHANGE_DEBOUNCE_MS, syncInBackground, syncOnLocalChanges } from '../../lib/background/sync-triggers';
import { TIMER_COLOUR, WAITING_COLOUR } from '../../lib/background/timer-badge';
import { delegateIntoWorkspaces, workspaceNamed, type BackgroundWorkspaces } from '../../lib/background/workspaces';
import {
  createTask,
  getCurrentWorkspace,
  getPanelRoute,
  getSyncState,
  listDrafts,
  listWorkspaces,
  noteDelegatedTo,
  setCurrentWorkspace,
  startTimer,
  type OpenWorkspace,
} from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { createWorkspace } from '../../lib/sync/pairing';
import { useSqliteEndpoint } from '../support/sqlite-endpoint';
import { makeConnection, makeTask } from '../ui/helpers';
import { fakeMenus, registryWith } from './support';

const endpoint = useSqliteEndpoint();

/** Nothing listens on port 1 of the loopback: every request fails at once. */
const DEAD_ENDPOINT = 'http://127.0.0.1:1';

const asClient = (open: OpenWorkspace, endpointUrl = 'http://127.0.0.1:8787') =>
  setConnection(open.db, makeConnection({ role: 'client', endpoint: endpointUrl, deviceId: `dev-client-${open.entry.id}` }));
const asAssistant = (open: OpenWorkspace) =>
  setConnection(open.db, makeConnection({ role: 'assistant', deviceId: `dev-assistant-${open.entry.id}` }));

function toolbar() {
  return {
    setBadgeText: vi.fn(async (_: { text: string }) => undefined),
    setBadgeBackgroundColor: vi.fn(async (_: { color: string }) => undefined),
    setTitle: vi.fn(async (_: { title: string }) => undefined),
  };
}

describe('sync of every workspace', () => {
  it('syncs each workspace; one on a dead endpoint keeps its own error and never stops another', async () => {
    const { workspaces, open } = await registryWith(3);
    const [reachable, dead, unpaired] = open;
    await createWorkspace(reachable.db, endpoint.origin, 'Kanzlei');
    await asClient(dead, DEAD_ENDPOINT);
    await createTask(reachable.db, makeTask({ title: 'Schriftsatz prüfen' }));
    await createTask(dead.db, makeTask({ title: 'Bleibt im Postausgang' }));

    const results = await syncInBackground(workspaces, { force: true });
    const outcome = new Map(results.map(({ workspace, result }) => [workspace, result.outcome]));
    expect(Object.fromEntries(outcome)).toEqual({
      [reachable.entry.id]: 'synced',
      [dead.entry.id]: 'failed',
      [unpaired.entry.id]: 'skipped',
    });
    expect(await reachable.db.count('outbox')).toBe(0);
    expect((await getSyncState(reachable.db)).error).toBeNull();
    expect(await dead.db.count('outbox')).toBeGreaterThan(0);
    expect((await getSyncState(dead.db)).error).toMatchObject({ reason: expect.any(String) });
    expect((await getSyncState(unpaired.db)).lastAttemptAt).toBeNull();
  });

  it('a workspace whose database does not open is reported alone', async () => {
    const { workspaces, open } = await registryWith(2);
    const [good, broken] = open;
    await createWorkspace(good.db, endpoint.origin, 'Kanzlei');
    await createTask(good.db, makeTask({ title: 'Schriftsatz prüfen' }));
    const failing: BackgroundWorkspaces = {
      ...workspaces,
      open: (entry) =>
        entry.dbName === broken.entry.dbName ? Promise.reject(new Error('blocked by another version')) : workspaces.open(entry),
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const results = await syncInBackground(failing, { force: true });
    warn.mockRestore();
    expect(results.find(({ workspace }) => workspace === good.entry.id)?.result.outcome).toBe('synced');
    expect(results.find(({ workspace }) => workspace === broken.entry.id)?.result).toMatchObject({
      outcome: 'failed',
      reason: 'unavailable',
    });
  });

  it('a local change syncs its own workspace only, debounced per database', async () => {
    const { workspaces, open } = await registryWith(3);
    const [a, b, c] = open;
    for (const [i, workspace] of open.entries()) await createWorkspace(workspace.db, endpoint.origin, `Gerät ${i}`);
    await syncInBackground(workspaces, { force: true });
    const attempted = async () => Promise.all(open.map(async ({ db }) => (await getSyncState(db)).lastAttemptAt));
    const [, , cBefore] = await attempted();

    const stop = syncOnLocalChanges(workspaces);
    try {
      // Changes in two workspaces within the debounce: each still syncs (one database's debounce never swallows another's).
      await createTask(a.db, makeTask({ title: 'In A' }));
      await createTask(b.db, makeTask({ title: 'In B' }));
      await expect.poll(() => a.db.count('outbox'), { timeout: 5_000 }).toBe(0);
      await expect.poll(() => b.db.count('outbox'), { timeout: 5_000 }).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, LOCAL_CHANGE_DEBOUNCE_MS + 200));
      expect((await attempted())[2]).toBe(cBefore);
      expect(await c.db.count('outbox')).toBe(0);
    } finally {
      stop();
    }
  });
});

describe('the badge across workspaces', () => {
  it('sums what waits for this device in each, for its role there, and shows a timer running in any', async () => {
    const { workspaces, open } = await registryWith(3);
    const [client, assistant, unpaired] = open;
    await asClient(client);
    await asAssistant(assistant);
    // Client: "review" and "question" wait for it, "in-progress" does not.
    await createTask(client.db, makeTask({ status: 'review' }));
    await createTask(client.db, makeTask({ status: 'question' }));
    await createTask(client.db, makeTask({ status: 'in-progress' }));
    // Assistant: "new" waits for it, "review" is the client's turn.
    const running = makeTask({ id: 'task-assistant', title: 'Fristen prüfen', status: 'new' });
    await createTask(assistant.db, running);
    await createTask(assistant.db, makeTask({ status: 'review' }));
    // Not connected: the client's view, as before pairing.
    await createTask(unpaired.db, makeTask({ status: 'review' }));

    const apis = { toolbar: toolbar() };
    expect(await recountBadge(apis, workspaces)).toBe(4);
    expect(apis.toolbar.setBadgeText).toHaveBeenLastCalledWith({ text: '4' });
    expect(apis.toolbar.setBadgeBackgroundColor).toHaveBeenLastCalledWith({ color: WAITING_COLOUR });

    await startTimer(assistant.db, { taskId: running.id });
    await recountBadge(apis, workspaces);
    expect(apis.toolbar.setBadgeBackgroundColor).toHaveBeenLastCalledWith({ color: TIMER_COLOUR });
    expect(apis.toolbar.setTitle).toHaveBeenLastCalledWith({ title: expect.stringContaining('Fristen prüfen') });
  });

  it('after a change in one workspace, reads that one again and keeps the others’ counts', async () => {
    const { badgeCounter } = await import('../../lib/background/badge');
    const { workspaces, open } = await registryWith(2);
    const [a, b] = open;
    await createTask(a.db, makeTask({ status: 'review' }));
    await createTask(b.db, makeTask({ status: 'review' }));
    const counter = badgeCounter();
    const apis = { toolbar: toolbar() };
    expect(await recountBadge(apis, workspaces, counter)).toBe(2);
    // A change in each, but only B is forgotten: A's kept count (1) stands, B is read again.
    await createTask(a.db, makeTask({ status: 'review' }));
    await createTask(b.db, makeTask({ status: 'question' }));
    counter.forget(b.db.name);
    expect(await recountBadge(apis, workspaces, counter)).toBe(3);
    counter.forget();
    expect(await recountBadge(apis, workspaces, counter)).toBe(4);
  });

  it('recounts after a change in any workspace and when one is added', async () => {
    const { registry, workspaces, open } = await registryWith(2);
    const apis = { toolbar: toolbar(), menus: fakeMenus(), alarms: { create: vi.fn() } };
    await registerDelegateMenu(apis.menus, 'Delegate this');
    const stop = followStoreChanges(apis, 'Delegate this', workspaces);
    try {
      await createTask(open[1].db, makeTask({ status: 'review' }));
      await expect.poll(() => apis.toolbar.setBadgeText.mock.lastCall?.[0], { timeout: 5_000 }).toEqual({ text: '1' });
      const { addWorkspace, workspaceDb } = await import('../../lib/store');
      const added = await addWorkspace(registry, { label: 'Praxis Berg' });
      await createTask(await workspaceDb(added), makeTask({ status: 'review' }));
      await expect.poll(() => apis.toolbar.setBadgeText.mock.lastCall?.[0], { timeout: 5_000 }).toEqual({ text: '2' });
    } finally {
      stop();
    }
  });
});

describe('"Delegate this" for several workspaces', () => {
  async function decided(workspaces: BackgroundWorkspaces) {
    const menus = fakeMenus();
    await registerDelegateMenu(menus, 'Delegate this');
    await showMenuForWorkspaces({ menus }, 'Delegate this', workspaces);
    return { visible: menus.visible.get(DELEGATE_MENU_ID), children: menus.children() };
  }

  it('is hidden where this device is the client in none', async () => {
    const { workspaces, open } = await registryWith(2);
    for (const workspace of open) await asAssistant(workspace);
    expect(await decided(workspaces)).toEqual({ visible: false, children: [] });
  });

  it('is the single item with one client workspace, and on a fresh installation', async () => {
    const fresh = await registryWith(1);
    expect(await decided(fresh.workspaces)).toEqual({ visible: true, children: [] });
    const { workspaces, open } = await registryWith(3);
    await asAssistant(open[0]);
    await asClient(open[1]);
    // Not connected while another workspace is: not offered (about to be joined).
    expect(await decided(workspaces)).toEqual({ visible: true, children: [] });
  });

  it('is a submenu of the client workspaces, the last used first, named as the popup and the Connection page name them', async () => {
    const { registry, workspaces, open } = await registryWith(4, ['', 'Kanzlei Nowag — Anna', '', '']);
    const [first, nowag, assistant, third] = open;
    await asClient(first, 'https://sync.example.org/zuarbeit');
    await asClient(nowag);
    await asAssistant(assistant);
    await asClient(third, 'not a url');
    await noteDelegatedTo(registry, third.entry.id, new Date('2026-12-01T09:00:00Z'));
    await noteDelegatedTo(registry, nowag.entry.id, new Date('2026-12-01T10:00:00Z'));
    expect(await decided(workspaces)).toEqual({
      visible: true,
      children: [
        { id: delegateMenuItemId(nowag.entry.id), title: 'Kanzlei Nowag — Anna' },
        { id: delegateMenuItemId(third.entry.id), title: 'Workspace 4' },
        { id: delegateMenuItemId(first.entry.id), title: 'sync.example.org' },
      ],
    });
  });
});

describe('deciding the menu', () => {
  it('lists the registry and opens (then reads) each workspace once per decision', async () => {
    const { workspaces, open } = await registryWith(3, ['', 'Kanzlei Nowag']);
    await asClient(open[0]);
    await asClient(open[1]);
    const counted = { ...workspaces, list: vi.fn(workspaces.list), open: vi.fn(workspaces.open) };
    const menus = fakeMenus();
    await registerDelegateMenu(menus, 'Delegate this');
    await showMenuForWorkspaces({ menus }, 'Delegate this', counted);
    expect(menus.children().map(({ title }) => title)).toEqual(['127.0.0.1:8787', 'Kanzlei Nowag']);
    expect(counted.list).toHaveBeenCalledTimes(1);
    expect(counted.open.mock.calls.map(([entry]) => entry.dbName).sort()).toEqual(open.map(({ entry }) => entry.dbName).sort());
  });
});

describe('delegating into a workspace', () => {
  const tab = { id: 7, windowId: 3, url: 'https://example.com/urteil', title: 'Urteil' };

  function handlersFor(workspaces: BackgroundWorkspaces) {
    let n = 0;
    const deps = {
      currentDb: vi.fn(() => workspaces.current().then(workspaces.open)),
      into: vi.fn(delegateIntoWorkspaces(workspaces, () => new Date('2026-12-02T08:00:00Z'))),
      runCapture: vi.fn(async () => ({ page: { title: 'Urteil vom 3. März' }, selection: null })),
      openPanel: vi.fn(async () => undefined),
      newId: () => `draft-${++n}`,
      now: () => new Date('2026-12-02T08:00:00Z'),
    };
    return { deps, handlers: userActionHandlers(deps) };
  }

  const draftIds = async (open: OpenWorkspace) => (await listDrafts(open.db)).records.map(({ id }) => id);

  it('a submenu child writes the draft into its workspace only, makes it current and notes it used', async () => {
    const { registry, workspaces, open } = await registryWith(2, ['', 'Praxis Berg']);
    const [first, berg] = open;
    await asClient(first);
    await asClient(berg);
    const { deps, handlers } = handlersFor(workspaces);
    const done = handlers.onMenuClick({ menuItemId: delegateMenuItemId(berg.entry.id), pageUrl: tab.url }, tab);
    // The panel opens inside the gesture, before any workspace is looked up.
    expect(deps.openPanel).toHaveBeenCalledWith(3);
    expect(deps.into).not.toHaveBeenCalled();
    const draft = await done;
    expect(await draftIds(berg)).toEqual([draft!.id]);
    expect(await draftIds(first)).toEqual([]);
    expect(await getPanelRoute(berg.db)).toEqual({ view: 'draft', id: draft!.id });
    expect(await getPanelRoute(first.db)).toEqual({ view: 'list' });
    expect((await getCurrentWorkspace(registry)).id).toBe(berg.entry.id);
    const entries = await listWorkspaces(registry);
    expect(entries.find(({ id }) => id === berg.entry.id)?.lastDelegatedAt).toBe('2026-12-02T08:00:00.000Z');
    expect(entries.find(({ id }) => id === first.entry.id)?.lastDelegatedAt).toBeNull();
  });

  it('the single item and the shortcut go to the current workspace when a client there, else the last used client workspace', async () => {
    const { registry, workspaces, open } = await registryWith(3);
    const [assistant, older, recent] = open;
    await asAssistant(assistant);
    await asClient(older);
    await asClient(recent);
    await noteDelegatedTo(registry, recent.entry.id, new Date('2026-12-01T10:00:00Z'));
    const { handlers } = handlersFor(workspaces);

    await setCurrentWorkspace(registry, assistant.entry.id);
    const shortcut = await handlers.onCommand(DELEGATE_COMMAND, tab);
    expect(await draftIds(recent)).toEqual([shortcut!.id]);
    expect(await draftIds(assistant)).toEqual([]);
    expect((await getCurrentWorkspace(registry)).id).toBe(recent.entry.id);

    await setCurrentWorkspace(registry, older.entry.id);
    const single = await handlers.onMenuClick({ menuItemId: DELEGATE_MENU_ID, pageUrl: tab.url }, tab);
    expect(await draftIds(older)).toEqual([single!.id]);
    expect(await draftIds(recent)).toEqual([shortcut!.id]);
  });

  it('a child of a workspace left since falls back to the default one, so the clip is not lost', async () => {
    const { workspaces, open } = await registryWith(1);
    const { handlers } = handlersFor(workspaces);
    const draft = await handlers.onMenuClick({ menuItemId: delegateMenuItemId('ws-gone'), pageUrl: tab.url }, tab);
    expect(await draftIds(open[0])).toEqual([draft!.id]);
  });
});

describe('pending edits by database name', () => {
  it('only a registered workspace’s database is opened', async () => {
    const { workspaces, open } = await registryWith(2);
    expect((await workspaceNamed(workspaces, open[1].entry.dbName))?.entry.id).toBe(open[1].entry.id);
    expect(await workspaceNamed(workspaces, 'zuarbeit-somewhere-else')).toBeNull();
  });
});

describe('the timer in the right workspace', () => {
  it('the timer shortcut acts in the current workspace; idle is noted where the timer runs', async () => {
    const { TIMER_COMMAND } = await import('../../lib/background/timer-command');
    const { followIdle, IDLE_AFTER_SECONDS } = await import('../../lib/background/timer-idle');
    const { getIdleAway, listRunningTimers, setPanelRoute } = await import('../../lib/store');
    const { registry, workspaces, open } = await registryWith(2);
    const [first, second] = open;
    await setPanelRoute(first.db, { view: 'task', id: 'in-first' });
    await setPanelRoute(second.db, { view: 'task', id: 'in-second' });
    await setCurrentWorkspace(registry, second.entry.id);
    const T0 = Date.parse('2026-12-02T09:00:00Z');
    const handlers = userActionHandlers({
      currentDb: () => workspaces.current().then(workspaces.open),
      runCapture: vi.fn(),
      openPanel: vi.fn(async () => undefined),
      newId: () => 'x',
      now: () => new Date(T0),
    });
    await handlers.onCommand(TIMER_COMMAND, undefined);
    expect((await listRunningTimers(second.db)).map(({ taskId }) => taskId)).toEqual(['in-second']);
    expect(await listRunningTimers(first.db)).toEqual([]);

    let listener: ((state: 'active' | 'idle' | 'locked') => void) | undefined;
    const idle = { setDetectionInterval: vi.fn(), onStateChanged: { addListener: (l: typeof listener) => (listener = l) } };
    const now = T0 + 60 * 60_000;
    followIdle(
      idle,
      () => Promise.all(open.map(({ db }) => db)),
      () => now,
    );
    listener!('idle');
    await vi.waitFor(async () =>
      expect((await getIdleAway(second.db))?.idleSince).toBe(new Date(now - IDLE_AFTER_SECONDS * 1000).toISOString()),
    );
    expect(await getIdleAway(first.db)).toBeNull();
  });
});
