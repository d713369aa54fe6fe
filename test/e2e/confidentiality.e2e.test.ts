// Issue 12: a lawyer clips a page behind a portal's login; the confidentiality check finds her
// client's name and an IBAN in what she typed and in the page's snapshot, she replaces all and
// delegates; the assistant (another Chromium profile) reads the page's text in the snapshot viewer
// and sees only placeholders, the client sees the originals next to them in the assistant's answer, and
// neither the endpoint's SQLite file nor the assistant's IndexedDB holds an original.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dumpExtensionDb, pairProfiles, startPageServer, stepsFor, syncNow, type PairedProfiles, type Profile } from './harness';

const IBAN = 'DE89 3704 0044 0532 0130 00';
const CLIENT = 'Erika Mustermann';
const ORIGINALS = [IBAN, IBAN.replace(/ /g, ''), CLIENT];

let pair: PairedProfiles;
let pages: Awaited<ReturnType<typeof startPageServer>>;
let client: Profile;
let assistant: Profile;
const opened: Page[] = [];

beforeAll(async () => {
  pages = await startPageServer();
  pair = await pairProfiles({ opened, name: 'confidentiality' });
  ({ client, assistant } = pair);
});
afterAll(async () => {
  await pair?.close();
  await pages?.close();
});

const step = stepsFor('confidentiality', opened, () => [client, assistant]);

describe('confidentiality check across two browsers', () => {
  it('delegates only placeholders; the originals stay on the client’s device', async () => {
    const { clientPanel, assistantPanel } = pair;
    await step('names', async () => {
      await clientPanel.getByRole('button', { name: 'Confidentiality' }).click();
      await clientPanel.getByLabel('Names to look for').fill(CLIENT);
      await clientPanel.getByRole('button', { name: 'Save' }).click();
      await clientPanel.getByText('Saved.').waitFor();
    });

    await step('clip-and-check', async () => {
      // A page behind the portal's login: the assistant can only read it through the snapshot.
      const article = `${pages.origin}/vermerk.html`;
      const tab = await client.context.newPage();
      opened.push(tab);
      await tab.goto(article);
      await client.worker.evaluate(async (url) => {
        const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: { url: string }): Promise<unknown[]> } } };
        const [tab] = await chrome.tabs.query({ url });
        const handlers = (globalThis as unknown as { zuarbeit: { onMenuClick(i: unknown, t: unknown): Promise<unknown> } }).zuarbeit;
        await handlers.onMenuClick({ menuItemId: 'zuarbeit-delegate', editable: false, pageUrl: url }, tab);
      }, article);
      await clientPanel.getByRole('heading', { name: 'New task (draft)' }).waitFor({ timeout: 15_000 });
      await clientPanel.getByLabel('Title', { exact: true }).fill(`Rückzahlung ${CLIENT}`);
      await clientPanel.getByLabel('Instructions', { exact: true }).fill(`Bitte prüfen, ob die Zahlung an ${IBAN} eingegangen ist.`);
      // The page's readable text goes with the task, and the check reads it too.
      await clientPanel.getByText('Snapshot of the page:', { exact: false }).waitFor();
      await expect.poll(() => clientPanel.getByLabel('Include the whole page').isChecked()).toBe(true);
      const check = clientPanel.getByRole('region', { name: 'Confidentiality check' });
      // The IBAN and the name, each once in what she typed and once in the page's text.
      await check.getByText('IBAN: 2 · 2 to review').waitFor();
      await check.getByText('Name from your list: 2').waitFor();
      expect(await check.getByText('In Page as the client saw it').count()).toBe(2);
      await expect.poll(() => clientPanel.getByRole('button', { name: 'Delegate', exact: true }).isDisabled()).toBe(true);
      await clientPanel.keyboard.press('Control+Enter');
      await clientPanel.getByRole('alert').getByText('Before delegating', { exact: false }).waitFor();
      await check.getByRole('button', { name: 'Replace all' }).click();
      await expect
        .poll(() => clientPanel.getByLabel('Instructions', { exact: true }).inputValue())
        .toBe('Bitte prüfen, ob die Zahlung an [IBAN 1] eingegangen ist.');
      await expect.poll(() => clientPanel.getByLabel('Title', { exact: true }).inputValue()).toBe('Rückzahlung [Mandant 1]');
      await expect.poll(() => clientPanel.getByRole('button', { name: 'Delegate', exact: true }).isDisabled()).toBe(false);
      await clientPanel.getByRole('button', { name: 'Delegate', exact: true }).click();
      await clientPanel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
      await syncNow(clientPanel);
    });

    await step('assistant-answers', async () => {
      await syncNow(assistantPanel);
      await assistantPanel.getByRole('button', { name: 'Tasks' }).click();
      await assistantPanel.getByText('Rückzahlung [Mandant 1]').first().click();
      await assistantPanel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
      await assistantPanel.getByText('Bitte prüfen, ob die Zahlung an [IBAN 1] eingegangen ist.').waitFor();
      expect(await assistantPanel.locator('body').innerText()).not.toContain(IBAN);
      // The page behind the portal's login, as the client saw it: readable, searchable, placeholders only.
      const snapshot = assistantPanel.getByRole('region', { name: 'Page as the client saw it' });
      // With the original address and the capture time.
      const original = snapshot.getByRole('link', { name: 'Kontoauszug-Prüfung – Mandantenportal' });
      await original.waitFor();
      expect(await original.getAttribute('href')).toBe(`${pages.origin}/vermerk.html`);
      await snapshot.getByText(/of text, captured/).waitFor();
      await snapshot.getByRole('button', { name: 'Show the page' }).click();
      const text = snapshot.getByRole('figure');
      await text.getByText('Die Mandantin [Mandant 1] hat am 3. November', { exact: false }).waitFor({ timeout: 20_000 });
      const shown = await text.innerText();
      expect(shown).toContain('Die Rückzahlung soll auf das Konto [IBAN 1] erfolgen');
      expect(shown).toMatch(/Zahlungsweg/);
      expect(shown).toMatch(/- Rückzahlung: 380,00 EUR/);
      for (const original of ORIGINALS) expect(shown).not.toContain(original);
      await snapshot.getByLabel('Search in the page').fill('Mandantin');
      const occurrences = shown.match(/mandantin/gi)?.length ?? 0;
      expect(occurrences).toBeGreaterThanOrEqual(2);
      await snapshot.getByText(`${occurrences} matches`).waitFor();
      expect(await text.locator('mark').count()).toBe(occurrences);
      await assistantPanel.getByLabel('New message').fill('Die Zahlung von [Mandant 1] ist auf [IBAN 1] eingegangen.');
      await assistantPanel.getByRole('button', { name: 'Send', exact: true }).click();
      await assistantPanel.getByText('Die Zahlung von [Mandant 1] ist auf [IBAN 1] eingegangen.').waitFor();
      await syncNow(assistantPanel);
    });

    await step('client-sees-originals', async () => {
      await syncNow(clientPanel);
      await clientPanel
        .getByText(`Die Zahlung von [Mandant 1] (${CLIENT}) ist auf [IBAN 1] (${IBAN}) eingegangen.`)
        .waitFor({ timeout: 20_000 });
    });

    await step('no-original-leaves', async () => {
      const assistantDb = await dumpExtensionDb(assistant.worker);
      expect(assistantDb).toContain('[IBAN 1]');
      for (const original of ORIGINALS) expect(assistantDb).not.toContain(original);
      const sqlite = pair.database.file;
      if (!sqlite) throw new Error('The endpoint runs on SQLite here');
      expect(existsSync(sqlite)).toBe(true);
      for (const file of [sqlite, `${sqlite}-wal`]) {
        if (!existsSync(file)) continue;
        const bytes = readFileSync(file);
        for (const original of ORIGINALS) {
          expect(bytes.includes(Buffer.from(original, 'utf8'))).toBe(false);
          expect(bytes.includes(Buffer.from(original, 'utf16le'))).toBe(false);
        }
      }
      // The client's own device keeps the mapping, locally.
      expect(await dumpExtensionDb(client.worker)).toContain(IBAN);
    });
  });
});
