// Issue 13 in real Chromium: with three workspaces the popup offers the switcher (loaded after the
// first rows), "All clients" gathers what waits in the two where this device is the assistant, and
// a row opens its task in its own workspace, which the side panel names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { audit, seriousFindings, smallTargets } from './axe';
import { launchProfile, screenshot, stepsFor, type Profile } from './harness';

let profile: Profile;
const opened: Page[] = [];
const step = stepsFor('workspaces', opened, () => [profile]);

beforeAll(async () => {
  profile = await launchProfile({ lang: 'en' });
});
afterAll(async () => {
  await profile?.close();
});

const NOWAG = { id: 'ws-nowag', dbName: 'zuarbeit-ws-nowag', label: 'Kanzlei Nowag — Anna', colour: 'green' };
const WEBER = { id: 'ws-weber', dbName: 'zuarbeit-ws-weber', label: '', colour: 'purple' };

/** Adds two workspaces to the registry the extension made on its first start, as joining them would. */
function registerWorkspaces(page: Page) {
  return page.evaluate(
    async (entries) => {
      const registry: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open('zuarbeit-workspaces');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = registry.transaction('workspace', 'readwrite');
      entries.forEach((entry, i) =>
        tx.objectStore('workspace').put({ ...entry, addedAt: new Date(Date.now() + 1000 * (i + 1)).toISOString(), lastDelegatedAt: null }),
      );
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      registry.close();
    },
    [NOWAG, WEBER],
  );
}

/** Makes this device the assistant of `dbName` (reached at `endpoint`) with one new task `title` waiting. */
function joinAsAssistant(page: Page, dbName: string, endpoint: string, title: string) {
  return page.evaluate(
    async ({ dbName, endpoint, title }) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const id = crypto.randomUUID();
      const task = {
        id,
        title,
        kind: 'research',
        status: 'new',
        instructions: '',
        source: { type: 'manual', url: null, title, capturedAt: '2026-11-20T10:00:00.000Z' },
        due: null,
        priority: 'normal',
        autonomy: 'ask-first',
        recurrence: null,
        result: null,
        createdAt: '2026-11-20T10:00:00.000Z',
      };
      const tx = db.transaction(['meta', 'task'], 'readwrite');
      tx.objectStore('meta').put(
        {
          endpoint,
          workspaceId: `remote-${dbName}`,
          deviceId: `dev-${dbName}`,
          deviceName: 'Assistenz',
          token: 'token',
          role: 'assistant',
          keys: { k1: 'A'.repeat(43) },
          currentKeyId: 'k1',
          joinedAt: '2026-11-20T10:00:00.000Z',
        },
        'connection',
      );
      tx.objectStore('task').put({ id, data: task, clocks: {} });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return id;
    },
    { dbName, endpoint, title },
  );
}

describe('several workspaces in Chromium', () => {
  it('switches workspaces, gathers "All clients" and opens a row in its own workspace', async () => {
    const popup = await profile.openPage('popup.html');
    opened.push(popup);
    await step('own-task', async () => {
      const quickAdd = popup.getByRole('textbox', { name: 'New task' });
      await quickAdd.fill('Eigene Aufgabe');
      await quickAdd.press('Enter');
      await popup.locator('[data-row]', { hasText: 'Eigene Aufgabe' }).waitFor();
    });
    // One workspace: no switcher, even once the later chunk is in.
    await popup.getByText('Not connected').first().waitFor();
    expect(await popup.getByRole('combobox', { name: 'Workspace' }).count()).toBe(0);

    await registerWorkspaces(popup);
    // The switcher lists the three (opening their databases, reading no task of theirs).
    const switcher = popup.getByRole('combobox', { name: 'Workspace' });
    await step('switcher', async () => {
      await popup.reload();
      await switcher.waitFor();
      expect(await switcher.locator('option').allTextContents()).toEqual(['Workspace 1', 'Kanzlei Nowag — Anna', 'Workspace 3']);
    });

    await joinAsAssistant(popup, NOWAG.dbName, 'https://sync.nowag.example', 'Urteil zusammenfassen');
    const flyer = await joinAsAssistant(popup, WEBER.dbName, 'https://sync.weber-praxis.example', 'Praxisflyer überarbeiten');

    await step('all-clients', async () => {
      await popup.reload();
      await switcher.locator('option', { hasText: 'All clients' }).waitFor({ state: 'attached' });
      expect(await switcher.locator('option').allTextContents()).toEqual([
        'Workspace 1',
        'Kanzlei Nowag — Anna',
        'sync.weber-praxis.example',
        'All clients',
      ]);
      await switcher.selectOption({ label: 'All clients' });
      const region = popup.getByRole('region', { name: /All clients · Waiting for me/ });
      await region.getByRole('button', { name: /Praxisflyer überarbeiten/ }).waitFor();
      expect(await region.locator('[data-row] .ws-client').allTextContents()).toEqual([
        'KKanzlei Nowag — Anna',
        'Ssync.weber-praxis.example',
      ]);
      expect(await region.getByText('Eigene Aufgabe').count()).toBe(0);
      await screenshot(popup, 'workspaces-all-clients');
      // The switcher and the rows: no serious axe finding, light and dark, and every target at least 24 px.
      for (const colorScheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme });
        expect(seriousFindings({ [`all-clients/${colorScheme}`]: await audit(popup) })).toEqual([]);
      }
      await popup.emulateMedia({ colorScheme: 'light' });
      expect(await smallTargets(popup)).toEqual([]);
    });

    await step('open-in-its-workspace', async () => {
      // Keyboard only: Tab from the switcher reaches the first row, ArrowDown the second, Enter opens it.
      await switcher.focus();
      for (let i = 0; i < 5 && !(await popup.evaluate(() => document.activeElement?.hasAttribute('data-row'))); i++) {
        await popup.keyboard.press('Tab');
      }
      await popup.keyboard.press('ArrowDown');
      expect(await popup.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Praxisflyer überarbeiten');
      // The popup closes itself once the panel opened and the route is written (the key press may not see its end).
      await Promise.all([popup.waitForEvent('close'), popup.keyboard.press('Enter').catch(() => undefined)]);
      const panel = await profile.openPage('sidepanel.html');
      opened.push(panel);
      await panel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
      await panel.locator('.ws-current', { hasText: 'sync.weber-praxis.example' }).waitFor();
      expect(await panel.locator('.ws-current').textContent()).toBe('SWorkspace: sync.weber-praxis.example');
      await panel.getByText('Praxisflyer überarbeiten').first().waitFor();
      await screenshot(panel, 'workspaces-panel');
      await panel.emulateMedia({ colorScheme: 'dark' });
      expect(seriousFindings({ 'panel/dark': await audit(panel) })).toEqual([]);
      const routes = await panel.evaluate(
        async (names) => {
          const read = (name: string) =>
            new Promise<unknown>((resolve, reject) => {
              const request = indexedDB.open(name);
              request.onerror = () => reject(request.error);
              request.onsuccess = () => {
                const get = request.result.transaction('meta').objectStore('meta').get('panelRoute');
                get.onsuccess = () => {
                  request.result.close();
                  resolve(get.result ?? null);
                };
                get.onerror = () => reject(get.error);
              };
            });
          const out: unknown[] = [];
          for (const name of names) out.push(await read(name));
          return out;
        },
        ['zuarbeit', NOWAG.dbName, WEBER.dbName],
      );
      expect(routes).toEqual([null, null, { view: 'task', id: flyer }]);
    });
  });
});
