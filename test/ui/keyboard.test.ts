import { describe, expect, it } from 'vitest';
import { isSearchShortcut, isSubmitShortcut, isTypingTarget, moveShortcut, nextRowIndex, type KeyInput } from '../../lib/ui/keyboard';

const key = (k: string, modifiers: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('list navigation', () => {
  it('moves down and up, stopping at the ends', () => {
    expect(nextRowIndex('ArrowDown', 0, 3)).toBe(1);
    expect(nextRowIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextRowIndex('ArrowUp', 1, 3)).toBe(0);
    expect(nextRowIndex('ArrowUp', 0, 3)).toBe(0);
  });

  it('jumps with Home and End, enters from outside the list', () => {
    expect(nextRowIndex('Home', 2, 3)).toBe(0);
    expect(nextRowIndex('End', 0, 3)).toBe(2);
    expect(nextRowIndex('ArrowDown', -1, 3)).toBe(0);
    expect(nextRowIndex('ArrowUp', -1, 3)).toBe(2);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextRowIndex('a', 0, 3)).toBeNull();
    expect(nextRowIndex('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('shortcuts', () => {
  it('submits on Ctrl+Enter and Cmd+Enter only', () => {
    expect(isSubmitShortcut(key('Enter', { ctrlKey: true }))).toBe(true);
    expect(isSubmitShortcut(key('Enter', { metaKey: true }))).toBe(true);
    expect(isSubmitShortcut(key('Enter'))).toBe(false);
    expect(isSubmitShortcut(key('Enter', { ctrlKey: true, altKey: true }))).toBe(false);
  });

  it('moves with Alt+ArrowUp/Down only', () => {
    expect(moveShortcut(key('ArrowUp', { altKey: true }))).toBe(-1);
    expect(moveShortcut(key('ArrowDown', { altKey: true }))).toBe(1);
    expect(moveShortcut(key('ArrowDown'))).toBeNull();
    expect(moveShortcut(key('ArrowDown', { altKey: true, shiftKey: true }))).toBeNull();
  });

  it('focuses search on "/" unless the user is typing', () => {
    const input = { tagName: 'INPUT', type: 'text' } as unknown as EventTarget;
    const checkbox = { tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget;
    const textarea = { tagName: 'TEXTAREA' } as unknown as EventTarget;
    const button = { tagName: 'BUTTON' } as unknown as EventTarget;
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(textarea)).toBe(true);
    expect(isTypingTarget(checkbox)).toBe(false);
    expect(isSearchShortcut({ ...key('/'), target: button })).toBe(true);
    expect(isSearchShortcut({ ...key('/'), target: input })).toBe(false);
    expect(isSearchShortcut({ ...key('/', { ctrlKey: true }), target: button })).toBe(false);
  });
});
