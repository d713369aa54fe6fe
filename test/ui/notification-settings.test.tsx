// @vitest-environment happy-dom
// Issue 15: notifications are switched on in the settings, asking for the permission in that click.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { getNotificationSettings, setPanelRoute } from '../../lib/store';
import { fakePlatform, freshDb } from './helpers';

afterEach(cleanup);

async function openSettings(granted: boolean) {
  const db = await freshDb();
  await setPanelRoute(db, { view: 'privacy' });
  const platform = fakePlatform({ requestNotifications: vi.fn(async () => granted) });
  render(<SidePanelApp db={db} platform={platform} />);
  const toggle = (await screen.findByRole('checkbox', { name: 'Show notifications on this device' })) as HTMLInputElement;
  return { db, platform, toggle };
}

it('is off by default; switching on asks the browser, then stores it; the content can be hidden', async () => {
  const { db, platform, toggle } = await openSettings(true);
  expect(toggle.checked).toBe(false);
  expect((screen.getByRole('radio', { name: 'The task’s title' }) as HTMLInputElement).checked).toBe(true);

  fireEvent.click(toggle);
  expect(platform.requestNotifications).toHaveBeenCalledOnce();
  await waitFor(async () => expect(await getNotificationSettings(db)).toEqual({ enabled: true, content: 'title' }));
  await waitFor(() => expect(toggle.checked).toBe(true));

  fireEvent.click(screen.getByRole('radio', { name: 'No content (only what happened)' }));
  await waitFor(async () => expect(await getNotificationSettings(db)).toEqual({ enabled: true, content: 'none' }));

  fireEvent.click(toggle);
  await waitFor(async () => expect((await getNotificationSettings(db)).enabled).toBe(false));
});

it('stays off, and says how to allow them, when the browser refuses', async () => {
  const { db, toggle } = await openSettings(false);
  fireEvent.click(toggle);
  expect(await screen.findByText(/The browser did not allow notifications/)).toBeTruthy();
  expect(toggle.checked).toBe(false);
  expect((await getNotificationSettings(db)).enabled).toBe(false);
});
