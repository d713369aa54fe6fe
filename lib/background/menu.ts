/**
 * The "Delegate this" context menu: one item for pages, selections, links, images and
 * document links; what it captures adapts to where the user right-clicked. Its keyboard twin
 * is the manifest command DELEGATE_COMMAND (wxt.config.ts reads the name from here).
 *
 * Several workspaces (issue 13): where this device is the client in more than one, the item
 * becomes a submenu with one child per workspace (the last used first); with one, it stays the
 * single item; with none (an assistant's browser), it is hidden.
 */

export const DELEGATE_MENU_ID = 'zuarbeit-delegate';
/** The manifest command (Alt+Shift+D) that delegates the selection, else the page. */
export const DELEGATE_COMMAND = 'delegate-current';
export const DELEGATE_CONTEXTS = ['page', 'frame', 'selection', 'link', 'image'] as const;

type MenuContext = (typeof DELEGATE_CONTEXTS)[number];

export interface MenusApi {
  removeAll(): Promise<void>;
  create(
    properties: { id: string; title: string; contexts: [MenuContext, ...MenuContext[]]; parentId?: string; visible?: boolean },
    callback?: () => void,
  ): unknown;
}

// A workspace id as the registry allows it (lib/store/workspaces.ts), nothing else.
const CHILD_ID = /^zuarbeit-delegate:([a-z0-9-]{1,64})$/;

/** The id of the submenu child that delegates into workspace `workspaceId`. */
export function delegateMenuItemId(workspaceId: string): string {
  const id = `${DELEGATE_MENU_ID}:${workspaceId}`;
  if (!CHILD_ID.test(id)) throw new Error(`Not a workspace id: ${workspaceId}`);
  return id;
}

/**
 * Which workspace a clicked "Delegate this" item names: the child's workspace id, null for the
 * single item (delegate into the default workspace), undefined when the item is not ours.
 */
export function workspaceOfMenuItem(menuItemId: string | number): string | null | undefined {
  const id = String(menuItemId);
  if (id === DELEGATE_MENU_ID) return null;
  return CHILD_ID.exec(id)?.[1];
}

/** One submenu child: the workspace it delegates into and its title. */
export interface DelegateMenuChild {
  workspaceId: string;
  title: string;
}

// Menu calls are queued so two events cannot interleave removing and creating items.
let queue: Promise<void> = Promise.resolve();

function enqueue(run: () => Promise<void>): Promise<void> {
  queue = queue.catch(() => undefined).then(run);
  return queue;
}

function createItem(menus: MenusApi, properties: { id: string; title: string; parentId?: string; visible?: boolean }): Promise<void> {
  return new Promise<void>((resolve) => {
    // The callback form is the only way Chrome reports a duplicate id without an uncaught error.
    menus.create({ ...properties, contexts: [...DELEGATE_CONTEXTS] as [MenuContext, ...MenuContext[]] }, () => resolve());
  });
}

/**
 * Registers the menu item, replacing whatever was there, so install and browser start
 * (Firefox drops menus on restart) never leave it missing or duplicated.
 */
export function registerDelegateMenu(menus: MenusApi, title: string): Promise<void> {
  return enqueue(async () => {
    await menus.removeAll();
    await createItem(menus, { id: DELEGATE_MENU_ID, title });
  });
}

/**
 * Shows the item for the client workspaces `targets` (in the order given): hidden for none, the
 * single item for one, a submenu of one child per workspace for more. The menu is built anew each
 * time: Chrome keeps menus across service-worker restarts, so no memory of earlier children could
 * be trusted, and a left workspace's child must go.
 */
export function showDelegateMenu(menus: MenusApi, title: string, targets: readonly DelegateMenuChild[]): Promise<void> {
  return enqueue(async () => {
    await menus.removeAll();
    await createItem(menus, { id: DELEGATE_MENU_ID, title, visible: targets.length > 0 });
    if (targets.length < 2) return;
    for (const target of targets) {
      await createItem(menus, { id: delegateMenuItemId(target.workspaceId), title: target.title, parentId: DELEGATE_MENU_ID });
    }
  });
}
