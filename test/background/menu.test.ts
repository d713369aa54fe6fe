import { describe, expect, it, vi } from 'vitest';
import { DELEGATE_MENU_ID, registerDelegateMenu, showDelegateMenuFor, type MenusApi } from '../../lib/background/menu';

/** A context-menu registry with Chrome's rules: a duplicate id is an error. */
function fakeMenus() {
  const items = new Map<string, { title: string; contexts: string[] }>();
  const visible = new Map<string, boolean>();
  const api: MenusApi & { items: typeof items; visible: typeof visible } = {
    items,
    visible,
    update: vi.fn(async (id: string, props: { visible: boolean }) => {
      if (!items.has(id)) throw new Error(`No item ${id}`);
      visible.set(id, props.visible);
    }),
    removeAll: vi.fn(async () => items.clear()),
    create: vi.fn((props, callback) => {
      if (items.has(props.id)) throw new Error(`Cannot create item with duplicate id ${props.id}`);
      items.set(props.id, { title: props.title, contexts: props.contexts });
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

  it('is hidden on the device of an assistant and shown on the device of a client', async () => {
    const menus = fakeMenus();
    await registerDelegateMenu(menus, 'Delegate this');
    await showDelegateMenuFor(menus, 'assistant');
    expect(menus.visible.get(DELEGATE_MENU_ID)).toBe(false);
    await showDelegateMenuFor(menus, 'client');
    expect(menus.visible.get(DELEGATE_MENU_ID)).toBe(true);
  });
});
