// Real Firefox (Debian's firefox-esr over WebDriver BiDi): the built MV2 extension clips a page
// and a selection through the menu handler, shows the German UI in a German Firefox, and a
// Firefox client pairs with an assistant in Chromium through the UI and delegates a task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  keepArtifacts,
  launchProfile,
  sqliteDatabase,
  startEndpoint,
  startPageServer,
  type Profile,
  type RunningEndpoint,
} from './harness';
import { launchFirefox, type FirefoxProfile } from './firefox-harness';

let pages: Awaited<ReturnType<typeof startPageServer>>;
let endpoint: RunningEndpoint;
let database: ReturnType<typeof sqliteDatabase>;
const profiles: FirefoxProfile[] = [];
let chromium: Profile | undefined;

beforeAll(async () => {
  pages = await startPageServer();
  database = sqliteDatabase();
  endpoint = await startEndpoint(database.url);
});
afterAll(async () => {
  for (const profile of profiles) await profile.close().catch(() => undefined);
  await chromium?.close();
  await endpoint?.stop();
  await database?.drop();
  await pages?.close();
});

async function firefox(lang: 'de' | 'en'): Promise<FirefoxProfile> {
  const profile = await launchFirefox({ lang });
  profiles.push(profile);
  return profile;
}

/** Polls `read` in the page until it returns a truthy value. */
async function until<T>(page: Page, read: () => T | Promise<T>, what: string, timeout = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await page.evaluate(read);
    if (value) return value as T;
    if (Date.now() - started > timeout) throw new Error(`Firefox never showed ${what}`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

/** Types into the form control labelled `label` as a person would (input events included), once it is shown. */
async function fill(page: Page, label: string, value: string, timeout = 20_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const found = await page.evaluate(
      (label, value) => {
        const element = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
        const control = (element?.control ?? document.querySelector(`[aria-label="${label}"]`)) as
          HTMLInputElement | HTMLTextAreaElement | null;
        if (!control) return false;
        control.focus();
        control.value = value;
        control.dispatchEvent(new Event('input', { bubbles: true }));
        control.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      },
      label,
      value,
    );
    if (found) return;
    if (Date.now() - started > timeout) throw new Error(`No field labelled “${label}”`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

async function click(page: Page, text: string, timeout = 20_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const clicked = await page.evaluate((text) => {
      const target = [...document.querySelectorAll<HTMLButtonElement>('button, a')].find(
        (e) => e.textContent?.trim() === text && !e.disabled,
      );
      target?.click();
      return Boolean(target);
    }, text);
    if (clicked) return;
    if (Date.now() - started > timeout) throw new Error(`Firefox never showed a button “${text}”`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Calls the very handler the "Delegate this" menu calls, in the background page, for the tab showing `url`. */
async function delegateFromMenu(profile: FirefoxProfile, url: string, info: Record<string, unknown>) {
  const page = await profile.openPage('popup.html');
  try {
    return await page.evaluate(
      async (url, info) => {
        const api = (
          globalThis as unknown as {
            browser: { tabs: { query(q: object): Promise<{ url?: string }[]> }; runtime: { getBackgroundPage(): Promise<Window> } };
          }
        ).browser;
        // tabs.query({ url }) finds nothing in Firefox here: query all tabs and pick ours.
        const tab = (await api.tabs.query({})).find((t) => t.url === url);
        const background = (await api.runtime.getBackgroundPage()) as unknown as {
          zuarbeit: { onMenuClick(i: unknown, t: unknown): Promise<{ id: string; source: Record<string, unknown> }> };
        };
        const draft = await background.zuarbeit.onMenuClick(
          { menuItemId: 'zuarbeit-delegate', editable: false, pageUrl: url, ...info },
          tab,
        );
        return { id: draft.id, source: { ...draft.source } };
      },
      url,
      info,
    );
  } finally {
    await page.close();
  }
}

describe('Firefox', () => {
  it('clips a page and a selection through the menu handler; drafts and tasks show in the sidebar page and the popup', async () => {
    const profile = await firefox('en');
    const article = `${pages.origin}/article.html`;
    const tab = await profile.browser.newPage();
    const opened: Page[] = [tab];
    try {
      await profile.navigate(tab, article);
      const pageDraft = await delegateFromMenu(profile, article, {});
      expect(pageDraft.source).toMatchObject({
        type: 'page',
        url: article,
        title: 'Urteil zur Haftung bei Online-Bewertungen',
        siteName: 'Rechtsprechung Aktuell',
        lang: 'de',
      });
      const panel = await profile.openPage('sidepanel.html');
      opened.push(panel);
      await until(
        panel,
        () => [...document.querySelectorAll('input')].some((i) => i.value.includes('Urteil zur Haftung')),
        'the page draft',
      );
      await fill(panel, 'Instructions', 'Bitte die Kernaussagen zusammenfassen.');
      await click(panel, 'Delegate');
      await until(panel, () => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent?.trim() === 'Task'), 'the task view');

      await tab.evaluate(() => {
        const range = document.createRange();
        range.setStartBefore(document.getElementById('lead')!);
        range.setEndAfter(document.getElementById('points')!);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
      });
      const selectionDraft = await delegateFromMenu(profile, article, { selectionText: 'Der VI. Zivilsenat hat entschieden' });
      expect(selectionDraft.source.type).toBe('selection');
      expect(String(selectionDraft.source.quote)).toContain('VI. Zivilsenat');

      const popup = await profile.openPage('popup.html');
      opened.push(popup);
      await until(
        popup,
        () => document.body.innerText.includes('Urteil zur Haftung bei Online-Bewertungen'),
        'the delegated task in the popup',
      );
      expect(await bodyText(popup)).toContain('Draft');
    } catch (error) {
      profile.logs.push(String(error));
      throw error;
    }
  });

  it('shows the German UI in a German Firefox: menu title, popup and sidebar page', async () => {
    const profile = await firefox('de');
    const popup = await profile.openPage('popup.html');
    const menu = await popup.evaluate(() => {
      const api = (globalThis as unknown as { browser: { i18n: { getMessage(k: string): string; getUILanguage(): string } } }).browser;
      return { title: api.i18n.getMessage('menuDelegate'), language: api.i18n.getUILanguage() };
    });
    expect(menu).toMatchObject({ title: 'Delegieren', language: expect.stringMatching(/^de/) });
    await until(popup, () => document.body.innerText.includes('Noch nichts delegiert'), 'the German empty state');
    await fill(popup, 'Neue Aufgabe', 'Fristen im Fall Müller prüfen');
    await popup.evaluate(() => {
      const input = document.activeElement as HTMLInputElement;
      input.form?.requestSubmit();
    });
    await until(popup, () => document.body.innerText.includes('Fristen im Fall Müller prüfen'), 'the quick-added task');
    expect(await bodyText(popup)).toContain('Keine Eile');
    const panel = await profile.openPage('sidepanel.html');
    await click(panel, 'Verbindung');
    await until(
      panel,
      () => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent?.trim() === 'Verbindung'),
      'the German connection page',
    );
  });

  it('pairs a Firefox client with an assistant in Chromium through the UI; the delegated task arrives', async () => {
    const client = await firefox('en');
    const panel = await client.openPage('sidepanel.html');
    const opened: Page[] = [panel];
    try {
      await click(panel, 'Connection');
      await fill(panel, 'Name of this device', 'Kanzlei-Firefox');
      await fill(panel, 'Endpoint address', endpoint.origin);
      await click(panel, 'Create workspace');
      await click(panel, 'Invite assistant');
      const invitation = await until(
        panel,
        () =>
          [...document.querySelectorAll('input, textarea')]
            .map((e) => (e as HTMLInputElement).value)
            .find((v) => v.startsWith('zuarbeit:')) ?? '',
        'an invitation',
      );
      expect(invitation).toMatch(/^zuarbeit:http:\/\/127\.0\.0\.1:\d+#/);

      const popup = await client.openPage('popup.html');
      opened.push(popup);
      await fill(popup, 'New task', 'Gutachten aus Firefox prüfen');
      await popup.evaluate(() => (document.activeElement as HTMLInputElement).form?.requestSubmit());
      await until(popup, () => document.body.innerText.includes('Gutachten aus Firefox prüfen'), 'the quick-added task');
      await click(panel, 'Sync now');
      await until(panel, () => document.body.innerText.includes('Synced just now'), 'a finished sync');

      chromium = await launchProfile();
      const assistantPanel = await chromium.openPage('sidepanel.html');
      await assistantPanel.getByRole('button', { name: 'Connection' }).click();
      await assistantPanel.getByLabel('Name of this device').fill('Assistenz-Chromium');
      await assistantPanel.getByLabel('Invitation', { exact: true }).fill(invitation);
      await assistantPanel.getByRole('button', { name: 'Join workspace' }).click();
      await assistantPanel.getByText('Assistant', { exact: true }).first().waitFor();
      await expect
        .poll(
          async () => {
            const assistantPopup = await chromium!.openPage('popup.html');
            const shown = await assistantPopup
              .getByText('Gutachten aus Firefox prüfen')
              .first()
              .waitFor({ state: 'visible', timeout: 1500 })
              .then(
                () => true,
                () => false,
              );
            await assistantPopup.close();
            return shown;
          },
          { timeout: 30_000 },
        )
        .toBe(true);
    } catch (error) {
      await keepArtifacts('firefox-pairing', [], client.logs);
      throw error;
    }
  });
});
