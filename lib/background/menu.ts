/**
 * The "Delegate this" context menu: one item for pages, selections, links, images and
 * document links; what it captures adapts to where the user right-clicked. Its keyboard twin
 * is the manifest command DELEGATE_COMMAND (wxt.config.ts reads the name from here).
 */
import type { Role } from '../model';

export const DELEGATE_MENU_ID = 'zuarbeit-delegate';
/** The manifest command (Alt+Shift+D) that delegates the selection, else the page. */
export const DELEGATE_COMMAND = 'delegate-current';
export const DELEGATE_CONTEXTS = ['page', 'frame', 'selection', 'link', 'image'] as const;

type MenuContext = (typeof DELEGATE_CONTEXTS)[number];

export interface MenusApi {
  removeAll(): Promise<void>;
  create(properties: { id: string; title: string; contexts: [MenuContext, ...MenuContext[]] }, callback?: () => void): unknown;
  update(id: string, properties: { visible: boolean }): Promise<void>;
}

let registering: Promise<void> = Promise.resolve();

/**
 * Registers the menu item, replacing whatever was there, so install and browser start
 * (Firefox drops menus on restart) never leave it missing or duplicated.
 * Calls are queued so two events at start cannot interleave remove and create.
 */
export function registerDelegateMenu(menus: MenusApi, title: string): Promise<void> {
  registering = registering
    .catch(() => undefined)
    .then(async () => {
      await menus.removeAll();
      await new Promise<void>((resolve) => {
        // The callback form is the only way Chrome reports a duplicate id without an uncaught error.
        menus.create({ id: DELEGATE_MENU_ID, title, contexts: [...DELEGATE_CONTEXTS] as [MenuContext, ...MenuContext[]] }, () => resolve());
      });
    });
  return registering;
}

/** Only a client delegates: an assistant's browser hides the item (role from the workspace). */
export async function showDelegateMenuFor(menus: MenusApi, role: Role): Promise<void> {
  await registering.catch(() => undefined);
  await menus.update(DELEGATE_MENU_ID, { visible: role === 'client' }).catch(() => undefined);
}
