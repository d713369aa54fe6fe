import { describe, expect, it, vi } from 'vitest';
import {
  DELEGATE_MENU_ID,
  delegateMenuItemId,
  registerDelegateMenu,
  showDelegateMenu,
  workspaceOfMenuItem,
  type MenusApi,
} from '../../lib/background/menu';

/** A context-menu registry with Chrome's rules: a duplicate id is an error, a child needs its parent. */
export function fakeMenus() {
  const items = new Map<string, { title: string; contexts: string[]; parentId?: string }>();
  const visible = new Map<string, boolean>();
  const api: MenusApi & { items: typeof items; visible: typeof visible; children(): { id: string; title: string }[] } = {
    items,
    visible,
    children: () => [...items].filter(([, item]) => item.parentId === DELEGATE_MENU_ID).map(([id, { title }]) => ({ id, title })),
    update: vi.fn(async (id: string, props: { visible: boolean }) => {
      if (!items.has(id)) throw new Error(`No item ${id}`);
      visible.set(id, props.visible);
    }),
    removeAll: vi.fn(async () => items.clear()),
    remove: vi.fn(async (id: string) => {
      if (!items.delete(id)) throw new Error(`No item ${id}`);
    }),
    create: vi.fn((props, callback) => {
      if (items.has(props.id)) throw new Error(`Cannot create item with duplicate id ${props.id}`);
      if (props.parentId !== undefined && !items.has(props.parentId)) throw new Error(`No parent ${props.parentId}`);
      items.set(props.id, { title: props.title, contexts: props.contexts, ...(props.parentId ? { parentId: props.parentId } : {}) });
      setTimeout(() => callback?.(), 0);
      return props.id;
    }),
  };
  return api;
}

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
    await showDelegateMenu(menus, []);
    expect(menus.visible.get(DELEGATE_MENU_ID)).toBe(false);
    await showDelegateMenu(menus, [{ workspaceId: 'first', title: 'Kanzlei' }]);
    expect(menus.visible.get(DELEGATE_MENU_ID)).toBe(true);
    expect(menus.children()).toEqual([]);
    await showDelegateMenu(menus, [
      { workspaceId: 'ws-b', title: 'Praxis Berg' },
      { workspaceId: 'first', title: 'Kanzlei' },
    ]);
    expect(menus.visible.get(DELEGATE_MENU_ID)).toBe(true);
    expect(menus.children()).toEqual([
      { id: 'zuarbeit-delegate:ws-b', title: 'Praxis Berg' },
      { id: 'zuarbeit-delegate:first', title: 'Kanzlei' },
    ]);
    // Re-decided: the children are replaced, never duplicated; back to one drops the submenu.
    await showDelegateMenu(menus, [
      { workspaceId: 'first', title: 'Kanzlei' },
      { workspaceId: 'ws-b', title: 'Praxis Berg' },
    ]);
    expect(menus.children().map(({ id }) => id)).toEqual(['zuarbeit-delegate:first', 'zuarbeit-delegate:ws-b']);
    await showDelegateMenu(menus, [{ workspaceId: 'ws-b', title: 'Praxis Berg' }]);
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
