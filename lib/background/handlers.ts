/**
 * The background's answers to what the user does in the browser chrome: one named map for
 * context-menu items, one for keyboard commands, so a new item or command is one entry rather
 * than one more listener with its own copy of the flow.
 */
import type { TaskDraft } from '../model';
import { delegate, targetOf, type ClickedTab, type DelegateDeps, type MenuClick } from './delegate';
import { DELEGATE_COMMAND, workspaceOfMenuItem } from './menu';
import { TIMER_COMMAND, toggleTimerForOpenTask } from './timer-command';

/** A context-menu click as the browser reports it (Chrome's and Firefox's OnClickData). */
export interface MenuItemClick extends MenuClick {
  menuItemId: string | number;
}

type CommandHandler = (deps: DelegateDeps, tab: ClickedTab | undefined) => Promise<TaskDraft | undefined>;

/** "Delegate this" (the single item, or a submenu child naming its workspace); undefined for items not ours. */
function onMenuItem(deps: DelegateDeps, click: MenuItemClick, tab: ClickedTab | undefined): Promise<TaskDraft> | undefined {
  const workspaceId = workspaceOfMenuItem(click.menuItemId);
  if (workspaceId === undefined) return undefined;
  return delegate(deps, targetOf(click), click, tab, workspaceId ?? undefined);
}

const COMMANDS = new Map<string, CommandHandler>([
  [DELEGATE_COMMAND, (deps, tab) => delegate(deps, 'command', { pageUrl: tab?.url }, tab)],
  // The timer's outcome shows in the badge and in every open view; the command has no draft to give.
  [
    TIMER_COMMAND,
    (deps) =>
      deps
        .currentDb()
        .then((db) => toggleTimerForOpenTask(db, deps.now().getTime()))
        .then(() => undefined),
  ],
]);

export interface UserActionHandlers {
  /** Answers a click on one of our menu items; anything else resolves to undefined. */
  onMenuClick(click: MenuItemClick, tab: ClickedTab | undefined): Promise<TaskDraft | undefined>;
  /** Answers one of our keyboard commands; anything else resolves to undefined. */
  onCommand(command: string, tab: ClickedTab | undefined): Promise<TaskDraft | undefined>;
}

/**
 * The handlers the menu and the shortcut call. Each runs synchronously up to the panel opening
 * (see `delegate`), so the listeners must call them directly, not after an await.
 */
export function userActionHandlers(deps: DelegateDeps): UserActionHandlers {
  return {
    onMenuClick: (click, tab) => onMenuItem(deps, click, tab) ?? Promise.resolve(undefined),
    onCommand: (command, tab) => COMMANDS.get(command)?.(deps, tab) ?? Promise.resolve(undefined),
  };
}
