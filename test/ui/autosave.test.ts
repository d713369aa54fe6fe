import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changedKeys, createAutosave, type SaveState } from '../../lib/ui/autosave';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(save: (value: string) => Promise<void> = vi.fn(async (_value: string) => undefined)) {
  const states: SaveState[] = [];
  const autosave = createAutosave<string>({ delay: 300, save, onState: (state) => states.push(state) });
  return { autosave, save, states };
}

describe('autosave', () => {
  it('saves once, with the latest value, after a pause in typing', async () => {
    const { autosave, save } = setup();
    autosave.schedule('a');
    await vi.advanceTimersByTimeAsync(200);
    autosave.schedule('ab');
    await vi.advanceTimersByTimeAsync(200);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('ab');
  });

  it('flush saves at once and waits for the save', async () => {
    const { autosave, save, states } = setup();
    autosave.schedule('x');
    await autosave.flush();
    expect(save).toHaveBeenCalledWith('x');
    expect(states.at(-1)).toBe('saved');
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('cancel forgets a waiting value', async () => {
    const { autosave, save } = setup();
    autosave.schedule('gone');
    autosave.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    await autosave.flush();
    expect(save).not.toHaveBeenCalled();
  });

  it('runs saves one at a time, in order', async () => {
    const order: string[] = [];
    let release!: () => void;
    const save = vi.fn(async (value: string) => {
      order.push(`start ${value}`);
      if (value === 'first') await new Promise<void>((resolve) => (release = resolve));
      order.push(`end ${value}`);
    });
    const { autosave } = setup(save);
    autosave.schedule('first');
    void autosave.flush();
    autosave.schedule('second');
    const done = autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['start first']);
    release();
    await done;
    expect(order).toEqual(['start first', 'end first', 'start second', 'end second']);
  });

  it('keeps the value of a failed save and retries it on the next flush', async () => {
    const save = vi.fn(async (_value: string) => {
      if (save.mock.calls.length === 1) throw new Error('disk full');
    });
    const { autosave, states } = setup(save);
    autosave.schedule('precious');
    await autosave.flush();
    expect(states.at(-1)).toBe('error');
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith('precious');
    expect(states.at(-1)).toBe('saved');
  });

  it('hands every scheduled value off at once, and says settled only once the latest one is saved', async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const save = vi.fn((value: string) => {
      events.push(`save ${value}`);
      return value === 'a' ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    });
    const autosave = createAutosave<string>({
      delay: 300,
      save,
      handOff: { pending: (value) => events.push(`pending ${value}`), settled: () => events.push('settled') },
    });
    autosave.schedule('a');
    expect(events).toEqual(['pending a']);
    void autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    // 'ab' is scheduled and taken by a flush while 'a' is still being saved: 'a' finishing settles nothing.
    autosave.schedule('ab');
    void autosave.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['pending a', 'save a', 'pending ab', 'save ab', 'settled']);
  });

  it('settles the hand-off when a waiting value is cancelled, and keeps it when a save fails', async () => {
    const events: string[] = [];
    const autosave = createAutosave<string>({
      delay: 300,
      save: async () => {
        throw new Error('quota');
      },
      handOff: { pending: (value) => events.push(`pending ${value}`), settled: () => events.push('settled') },
    });
    autosave.schedule('a');
    await autosave.flush();
    expect(events).toEqual(['pending a']);
    autosave.cancel();
    expect(events).toEqual(['pending a', 'settled']);
  });

  it('changedKeys carries only what differs, by value', () => {
    expect(changedKeys({ id: 'd', a: 1, b: { x: 1 }, c: 's' }, { id: 'e', a: 1, b: { x: 2 }, c: 's' }, ['id'] as const)).toEqual({
      b: { x: 2 },
    });
  });
});
