// Issue 16, defect 8: closing the side panel mid-save must not lose the last edit. Another
// extension page holds a readwrite transaction over the whole store for 800 ms (as the background
// does while it applies a large page of sync); the client types a title into the task view and
// closes the panel 100 ms later. The title must be stored once the contention is over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { keepArtifacts, launchProfile, openTask, readRecords, waitFor, type Profile } from './harness';

const TITLE = 'Schriftsatz Meier';
const HOLD_MS = 800;
const CLOSE_AFTER_MS = 100;

let profile: Profile;
const opened: Page[] = [];

beforeAll(async () => {
  profile = await launchProfile();
});
afterAll(async () => {
  await profile?.close();
});

/** Starts a readwrite transaction over every store from `page` and keeps it busy for `ms`; resolves once it holds the lock. */
async function holdStore(page: Page, ms: number): Promise<void> {
  await page.evaluate((ms: number) => {
    return new Promise<void>((started, failed) => {
      const request = indexedDB.open('zuarbeit');
      request.onerror = () => failed(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction(Array.from(db.objectStoreNames), 'readwrite');
        const store = tx.objectStore(db.objectStoreNames[0]);
        const end = Date.now() + ms;
        // A chain of requests keeps the transaction alive (and every other writer waiting) until `end`.
        const spin = () => {
          if (Date.now() < end) store.get('zuarbeit-e2e-hold').onsuccess = spin;
        };
        store.get('zuarbeit-e2e-hold').onsuccess = () => {
          started();
          spin();
        };
        tx.oncomplete = () => db.close();
      };
    });
  }, ms);
}

describe('the last edit survives closing the side panel under contention', () => {
  it('stores a title typed 100 ms before the panel closed while another context held a write transaction for 800 ms', async () => {
    const popup = await profile.openPage('popup.html');
    opened.push(popup);
    const quickAdd = popup.getByPlaceholder('New task', { exact: false });
    await quickAdd.fill(TITLE);
    await quickAdd.press('Enter');
    await popup.getByText(TITLE).waitFor();
    // The page that holds the lock: any extension page shares the store (same origin).
    const holder = await profile.openPage('report.html');
    opened.push(holder);

    for (const attempt of [1, 2, 3]) {
      const typed = `${TITLE} – Fassung ${attempt}`;
      const current = attempt === 1 ? TITLE : `${TITLE} – Fassung ${attempt - 1}`;
      try {
        const panel = await openTask(profile, current, opened);
        const title = panel.getByLabel('Title', { exact: true });
        await title.waitFor();
        await holdStore(holder, HOLD_MS);
        await title.fill(typed);
        await new Promise((resolve) => setTimeout(resolve, CLOSE_AFTER_MS));
        await panel.close();
        const stored = await waitFor(
          async () => (await readRecords<{ title: string }>(holder, 'task')).map((t) => t.title),
          (titles) => titles.includes(typed),
          HOLD_MS + 10_000,
        ).catch(async () => (await readRecords<{ title: string }>(holder, 'task')).map((t) => t.title));
        expect(stored, `attempt ${attempt}`).toEqual([typed]);
      } catch (error) {
        await keepArtifacts(`durable-edit-${attempt}`, opened, profile.logs);
        throw error;
      }
    }
  });
});
