/**
 * Keyboard handling shared by the views, as pure functions of the key event's fields.
 */

/** The fields of a keyboard event these helpers read (a real KeyboardEvent has them all). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The row index a list key moves to from `index` among `count` rows, or null when the key does not move. */
export function nextRowIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return index < 0 ? 0 : Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return index < 0 ? count - 1 : Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Ctrl+Enter, or Cmd+Enter on a Mac: submit the form being written. */
export function isSubmitShortcut(event: KeyInput): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;
}

/** Alt+ArrowUp / Alt+ArrowDown: move the focused item up (-1) or down (1); null otherwise. */
export function moveShortcut(event: KeyInput): -1 | 1 | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  if (event.key === 'ArrowUp') return -1;
  if (event.key === 'ArrowDown') return 1;
  return null;
}

/** Whether keystrokes on `target` are typing (so single-key shortcuts like "/" must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || element.isContentEditable) return true;
  if (tag !== 'input') return false;
  const type = (element as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type);
}

/** "/" pressed outside a text field: focus the search. */
export function isSearchShortcut(event: KeyInput & { target: EventTarget | null }): boolean {
  return event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);
}
