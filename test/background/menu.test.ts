import { describe, expect, it } from 'vitest';
import {
  DELEGATE_MENU_ID,
  delegateMenuItemId,
  registerDelegateMenu,
  showDelegateMenu,
  workspaceOfMenuItem,
} from '../../lib/background/menu';
import { fakeMenus } from './support';

describe('"Delegate this" menu', () => {
  it('offers one item on pages, selections, links and images', async () => {
    const menus = fakeMenus();
    await registerDelegateMenu(menus, 'Delegieren');
    expect([...menus.items.keys()]).toEqual([DELEGATE_MENU_ID]);
    expect(menus.items.get(DELEGATE_MENU_ID)).toEqual({ title: 'Delegieren', contexts: ['page', 'frame', 'selection', 'link', 'image'] });
  });

  it('is never duplicated when install and browser start both register it, even at once', async () => {
    const menus = fakeMenus();
    await Promise.all([registerDelegateMenu(menus, 'Delegate this'), registerDelegateMenu(menus, 'Delegate this')]);
    await registerDelegateMenu(menus, 'Delegate this');
    expect(menus.items.size).toBe(1);
    expect(menus.create).toHaveBeenCalledTimes(3);
  });

  it('is hidden with no client workspace, one item with one, a submenu in the given order with more', async () => {
    const menus = fakeMenus();
    await registerDelegateMenu(menus, 'Delegate this');
    await showDelegateMenu(menus, 'Delegate this', []);
    expect(menus.visible.get(DELEGATE_MENU_ID)).toBe(false);
    await showDelegateMenu(menus, 'Delegate this', [{ workspaceId: 'first', title: 'Kanzlei' }]);
    expect(menus.visible.get(DELEGATE_MENU_ID)).toBe(true);
    expect(menus.children()).toEqual([]);
    await showDelegateMenu(menus, 'Delegate this', [
      { workspaceId: 'ws-b', title: 'Praxis Berg' },
      { workspaceId: 'first', title: 'Kanzlei' },
    ]);
    expect(menus.visible.get(DELEGATE_MENU_ID)).toBe(true);
    expect(menus.children()).toEqual([
      { id: 'zuarbeit-delegate:ws-b', title: 'Praxis Berg' },
      { id: 'zuarbeit-delegate:first', title: 'Kanzlei' },
    ]);
    // Re-decided (as after a worker restart, with nothing remembered): replaced, never duplicated; back to one drops the submenu.
    await showDelegateMenu(menus, 'Delegate this', [
      { workspaceId: 'first', title: 'Kanzlei' },
      { workspaceId: 'ws-b', title: 'Praxis Berg' },
    ]);
    expect(menus.children().map(({ id }) => id)).toEqual(['zuarbeit-delegate:first', 'zuarbeit-delegate:ws-b']);
    await showDelegateMenu(menus, 'Delegate this', [{ workspaceId: 'ws-b', title: 'Praxis Berg' }]);
    expect(menus.children()).toEqual([]);
    expect([...menus.items.keys()]).toEqual([DELEGATE_MENU_ID]);
  });

  it('builds and parses child ids strictly', () => {
    expect(delegateMenuItemId('ws-0a1b')).toBe('zuarbeit-delegate:ws-0a1b');
    expect(workspaceOfMenuItem('zuarbeit-delegate:ws-0a1b')).toBe('ws-0a1b');
    expect(workspaceOfMenuItem(DELEGATE_MENU_ID)).toBeNull();
    for (const foreign of ['zuarbeit-delegate:', 'zuarbeit-delegate:WS', 'zuarbeit-delegate:a:b', 'zuarbeit-delegate:../x', 'other', 42]) {
      expect(workspaceOfMenuItem(foreign), String(foreign)).toBeUndefined();
    }
    expect(() => delegateMenuItemId('Not An Id')).toThrow();
  });
});
