import { describe, expect, it, vi } from 'vitest';
import { debounce, throttle } from '../../lib/background/timers';

describe('background timers', () => {
  it('throttle runs once per burst and is not postponed by a steady stream of calls', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const call = throttle(run, 200);
    for (let t = 0; t < 1000; t += 50) {
      call();
      vi.advanceTimersByTime(50);
    }
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(4);
    run.mockClear();
    call();
    call();
    vi.advanceTimersByTime(200);
    expect(run).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });

  it('debounce runs once, after the last call of a burst', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const call = debounce(run, 1_000);
    for (let t = 0; t < 5_000; t += 500) {
      call();
      vi.advanceTimersByTime(500);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
