// Issue 16, defect 8: closing the side panel mid-save must not lose the last edit. Another
// extension page holds a readwrite transaction over the whole store for 800 ms (as the background
// does while it applies a large page of sync); the client types a title into the task view and
// closes the panel 100 ms later. The title must be stored once the contention is over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { keepArtifacts, launchProfile, openTask, readRecords, startPageServer, waitFor, type Profile } from './harness';

const TITLE = 'Schriftsatz Meier';
const HOLD_MS = 800;
const CLOSE_AFTER_MS = 100;

let profile: Profile;
let pages: Awaited<ReturnType<typeof startPageServer>>;
const opened: Page[] = [];

beforeAll(async () => {
  pages = await startPageServer();
  profile = await launchProfile();
});
afterAll(async () => {
  await profile?.close();
  await pages?.close();
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

/** The stored drafts (kept as they are, not as synced records with `data`). */
function readDrafts(page: Page): Promise<{ instructions: string }[]> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('zuarbeit');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const drafts = await new Promise<{ instructions: string }[]>((resolve, reject) => {
      const request = db.transaction('drafts').objectStore('drafts').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return drafts;
  });
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

  it('keeps a draft’s instructions typed just before the panel closed under the same contention', async () => {
    const article = `${pages.origin}/article.html`;
    const tab = await profile.context.newPage();
    opened.push(tab);
    await tab.goto(article);
    const holder = await profile.openPage('report.html');
    opened.push(holder);
    const instructions = 'Bitte bis Freitag zusammenfassen.';
    try {
      const panel = await profile.openPage('sidepanel.html');
      opened.push(panel);
      // "Delegate this" on the page: the panel follows its route to the new draft.
      await profile.worker.evaluate(async (url) => {
        const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: { url: string }): Promise<unknown[]> } } };
        const [tab] = await chrome.tabs.query({ url });
        const handlers = (globalThis as unknown as { zuarbeit: { onMenuClick(i: unknown, t: unknown): Promise<unknown> } }).zuarbeit;
        await handlers.onMenuClick({ menuItemId: 'zuarbeit-delegate', editable: false, pageUrl: url }, tab);
      }, article);
      await panel.getByRole('heading', { name: 'New task (draft)' }).waitFor({ timeout: 15_000 });
      const field = panel.getByLabel('Instructions', { exact: true });
      await holdStore(holder, HOLD_MS);
      await field.fill(instructions);
      await new Promise((resolve) => setTimeout(resolve, CLOSE_AFTER_MS));
      await panel.close();
      const stored = await waitFor(
        async () => (await readDrafts(holder)).map((d) => d.instructions),
        (all) => all.includes(instructions),
        HOLD_MS + 10_000,
      ).catch(async () => (await readDrafts(holder)).map((d) => d.instructions));
      expect(stored).toEqual([instructions]);
    } catch (error) {
      await keepArtifacts('durable-edit-draft', opened, profile.logs);
      throw error;
    }
  });
});
