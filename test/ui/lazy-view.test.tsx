// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LazyView } from '../../components/lazy-view';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const greeting = { Greeting: ({ name }: { name: string }) => <p>Hallo {name}</p> };

describe('a view loaded when first shown', () => {
  it('shows nothing at first, "Loading…" only when the load takes a while, then the view', async () => {
    vi.useFakeTimers();
    let resolve!: (module: typeof greeting) => void;
    const load = () => new Promise<typeof greeting>((done) => (resolve = done));
    const { container } = render(<LazyView load={load}>{({ Greeting }) => <Greeting name="Anna" />}</LazyView>);
    expect(container.textContent).toBe('');
    await vi.advanceTimersByTimeAsync(300);
    expect(screen.getByText('Loading…')).toBeTruthy();
    resolve(greeting);
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByText('Hallo Anna')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('renders at once when shown again with the same loader', async () => {
    const load = vi.fn(() => Promise.resolve(greeting));
    render(<LazyView load={load}>{({ Greeting }) => <Greeting name="Anna" />}</LazyView>);
    expect(await screen.findByText('Hallo Anna')).toBeTruthy();
    cleanup();
    render(<LazyView load={load}>{({ Greeting }) => <Greeting name="Bea" />}</LazyView>);
    expect(screen.getByText('Hallo Bea')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says so when the module cannot be loaded, and tries again when shown again', async () => {
    const load = vi
      .fn<() => Promise<typeof greeting>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(greeting);
    render(<LazyView load={load}>{({ Greeting }) => <Greeting name="Anna" />}</LazyView>);
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be loaded/);
    cleanup();
    render(<LazyView load={load}>{({ Greeting }) => <Greeting name="Anna" />}</LazyView>);
    expect(await screen.findByText('Hallo Anna')).toBeTruthy();
  });
});
