import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { userActionHandlers } from '../../lib/background/handlers';
import { DELEGATE_COMMAND, DELEGATE_MENU_ID } from '../../lib/background/menu';
import { getPanelRoute, listDrafts, openZuarbeitDb } from '../../lib/store';

const tab = { id: 7, windowId: 3, url: 'https://example.com/urteil', title: 'Urteil' };

function handlersWith(name: string) {
  const db = openZuarbeitDb(name);
  const deps = {
    currentDb: vi.fn(() => db),
    runCapture: vi.fn(async () => ({
      page: { title: 'Urteil vom 3. März', byline: 'Dr. Erika Muster', publishedTime: '2026-03-03T09:00:00Z' },
      selection: null,
    })),
    openPanel: vi.fn(async () => undefined),
    newId: () => 'draft-1',
    now: () => new Date('2026-11-27T05:00:00.000Z'),
  };
  return { db, deps, handlers: userActionHandlers(deps) };
}

describe('user action handlers', () => {
  it('open the panel once, synchronously and first (the user gesture ends at the first await)', async () => {
    const { deps, handlers } = handlersWith('handlers-sync');
    const done = handlers.onMenuClick({ menuItemId: DELEGATE_MENU_ID, pageUrl: tab.url }, tab);
    expect(deps.openPanel).toHaveBeenCalledWith(3);
    expect(deps.currentDb).not.toHaveBeenCalled();
    await done;
    expect(deps.openPanel).toHaveBeenCalledTimes(1);
    expect(deps.openPanel.mock.invocationCallOrder[0]).toBeLessThan(deps.runCapture.mock.invocationCallOrder[0]);
  });

  it('the shortcut stores a draft of the current page, with byline and date, and routes the panel to it', async () => {
    const { db, handlers } = handlersWith('handlers-command');
    const draft = await handlers.onCommand(DELEGATE_COMMAND, tab);
    expect(draft?.source).toMatchObject({
      type: 'page',
      url: tab.url,
      title: 'Urteil vom 3. März',
      byline: 'Dr. Erika Muster',
      publishedTime: '2026-03-03T09:00:00Z',
    });
    expect((await listDrafts(await db)).records.map((stored) => stored.id)).toEqual(['draft-1']);
    expect(await getPanelRoute(await db)).toEqual({ view: 'draft', id: 'draft-1' });
  });

  it('ignore other menu items and commands, including names of Object.prototype', async () => {
    const { deps, handlers } = handlersWith('handlers-foreign');
    expect(await handlers.onMenuClick({ menuItemId: 'someone-else' }, tab)).toBeUndefined();
    expect(await handlers.onMenuClick({ menuItemId: 'constructor' }, tab)).toBeUndefined();
    expect(await handlers.onCommand('toString', tab)).toBeUndefined();
    expect(await handlers.onCommand('_execute_action', tab)).toBeUndefined();
    expect(deps.openPanel).not.toHaveBeenCalled();
    expect(deps.currentDb).not.toHaveBeenCalled();
  });
});
