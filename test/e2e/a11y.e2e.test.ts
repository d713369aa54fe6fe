// Issue 15, "Accessibility": an axe-core audit of the views in the real browser, German and
// English, light and dark; click targets of at least 24 × 24 px; and the endpoint address read by
// Chromium's own URL parser (which percent-encodes a space into the host where Node refuses it).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, seriousFindings, smallTargets, type Finding } from './axe';
import { keepArtifacts, launchProfile, startPageServer, type Profile } from './harness';

const profiles: Profile[] = [];
let pages: Awaited<ReturnType<typeof startPageServer>>;
beforeAll(async () => {
  pages = await startPageServer();
});
afterAll(async () => {
  for (const profile of profiles) await profile.close();
  await pages?.close();
});

/** Clips `url` (open in a tab of `profile`) as the "Delegate this" menu does: a draft in the side panel. */
async function delegateFromMenu(profile: Profile, url: string) {
  return profile.worker.evaluate(async (url) => {
    const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ url?: string }[]> } } };
    const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
    const handlers = (globalThis as unknown as { zuarbeit: { onMenuClick(i: unknown, t: unknown): Promise<unknown> } }).zuarbeit;
    return handlers.onMenuClick({ menuItemId: 'zuarbeit-delegate', editable: false, pageUrl: url }, tab);
  }, url);
}

const DE_DRAFT = 'Neue Aufgabe (Entwurf)';

const TEXT = {
  en: {
    quickAdd: 'New task',
    tasks: 'Tasks',
    instructions: 'Instructions',
    connection: 'Connection',
    create: 'Create workspace',
    address: 'Endpoint address',
    draft: 'New task (draft)',
    duration: 'Duration',
    logTime: 'Log time',
  },
  de: {
    quickAdd: 'Neue Aufgabe',
    tasks: 'Aufgaben',
    instructions: 'Anweisungen',
    connection: 'Verbindung',
    create: 'Arbeitsbereich anlegen',
    address: 'Adresse des Endpunkts',
    draft: DE_DRAFT,
    duration: 'Dauer',
    logTime: 'Zeit erfassen',
  },
} as const;

describe.each(['en', 'de'] as const)('accessibility (%s)', (lang) => {
  it(
    'no serious or critical axe violations in popup, task list, task view, instructions, connection, draft and report, light and dark; targets ≥ 24 px',
    { timeout: 240_000 },
    async () => {
      const profile = await launchProfile({ lang });
      profiles.push(profile);
      const t = TEXT[lang];
      const popup = await profile.openPage('popup.html');
      const panel = await profile.openPage('sidepanel.html');
      const report: Record<string, Finding[]> = {};
      const small: Record<string, string[]> = {};
      const check = async (page: Page, name: string) => {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          report[`${name}/${colorScheme}`] = await audit(page);
        }
        small[name] = await smallTargets(page);
      };
      try {
        const quickAdd = popup.getByPlaceholder(t.quickAdd, { exact: false });
        await quickAdd.fill(lang === 'de' ? 'Fristen im Fall Müller prüfen' : 'Check the deadlines in Müller');
        await quickAdd.press('Enter');
        await popup.locator('[data-row]').first().waitFor();
        await check(popup, 'popup');

        await panel.locator('[data-row]').first().waitFor();
        await check(panel, 'task list');
        await panel.locator('[data-row]').first().click();
        await panel.getByRole('heading', { level: 1 }).first().waitFor();
        await check(panel, 'task view (client)');
        // Time on it, so the report below has its tables.
        await panel.getByLabel(t.duration, { exact: true }).fill('45');
        await panel.getByRole('button', { name: t.logTime }).click();
        await panel.locator('.time-entries li').first().waitFor();
        await panel.getByRole('button', { name: t.instructions, exact: true }).click();
        await panel.getByRole('heading', { level: 1 }).first().waitFor();
        await check(panel, 'instructions');
        await panel.getByRole('button', { name: t.connection, exact: true }).click();
        await panel.getByRole('button', { name: t.create }).waitFor();
        await check(panel, 'connection');

        // The draft of a clipped page, with its source, quote preview and the confidentiality check.
        const url = `${pages.origin}/article.html`;
        const article = await profile.context.newPage();
        await article.goto(url);
        await delegateFromMenu(profile, url);
        await panel.getByRole('heading', { level: 1, name: t.draft }).waitFor();
        await check(panel, 'draft');
        await article.close();

        // The monthly report page.
        const reportPage = await profile.openPage('report.html');
        await reportPage.getByRole('heading', { level: 1 }).first().waitFor();
        await reportPage.locator('table').first().waitFor();
        await check(reportPage, 'report');
        await reportPage.close();

        const serious = seriousFindings(report);
        console.log(
          `[a11y ${lang}] all findings by impact:`,
          JSON.stringify(Object.fromEntries(Object.entries(report).map(([v, f]) => [v, f.map((x) => `${x.impact}:${x.id}`)]))),
        );
        console.log(`[a11y ${lang}] small targets:`, JSON.stringify(small));
        expect(serious).toEqual([]);
        expect(small).toEqual(Object.fromEntries(Object.keys(small).map((k) => [k, []])));
      } catch (error) {
        await keepArtifacts(`a11y-${lang}`, [popup, panel], profile.logs);
        throw error;
      }
    },
  );
});

describe('the side panel at 320 px (issue 15, got in the way 10)', () => {
  it('keeps the footer at the bottom on short content and off the draft’s discard confirmation', async () => {
    const profile = await launchProfile({ lang: 'en' });
    profiles.push(profile);
    const panel = await profile.openPage('sidepanel.html');
    await panel.setViewportSize({ width: 320, height: 560 });
    const footerTop = () => panel.locator('.panel-footer').evaluate((el) => el.getBoundingClientRect().top);
    try {
      await panel.getByRole('button', { name: 'Instructions', exact: true }).click();
      await panel.getByRole('heading', { level: 1 }).first().waitFor();
      // Short content: the footer ends where the panel ends.
      const layout = await panel.evaluate(() => ({
        footerBottom: Math.round(document.querySelector('.panel-footer')!.getBoundingClientRect().bottom),
        height: document.documentElement.clientHeight,
        overflowsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        wide: [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
          .slice(0, 5),
      }));
      expect(layout).toEqual({ footerBottom: layout.height, height: layout.height, overflowsSideways: false, wide: [] });

      const url = `${pages.origin}/article.html`;
      const article = await profile.context.newPage();
      await article.goto(url);
      await delegateFromMenu(profile, url);
      await article.close();
      await panel.bringToFront();
      await panel.getByRole('heading', { level: 1, name: 'New task (draft)' }).waitFor();
      await panel.getByRole('button', { name: 'Discard draft' }).last().focus();
      await panel.keyboard.press('Enter');
      const question = panel.getByRole('group', { name: /Discard this draft/ });
      await question.waitFor();
      const box = (await question.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(await footerTop());
    } catch (error) {
      await keepArtifacts('a11y-320', [panel], profile.logs);
      throw error;
    }
  });
});

describe('endpoint address in Chromium', () => {
  it('refuses “Kanzlei Server” (Chromium would make it kanzlei%20server) and offers http:// for 127.0.0.1:8787', async () => {
    const profile = await launchProfile({ lang: 'en' });
    profiles.push(profile);
    const panel = await profile.openPage('sidepanel.html');
    try {
      // Chromium's parser really is the lenient one this guards against.
      expect(await panel.evaluate(() => new URL('https://Kanzlei Server').host)).toBe('kanzlei%20server');
      await panel.getByRole('button', { name: 'Connection', exact: true }).click();
      const address = panel.getByLabel('Endpoint address');
      await address.fill('Kanzlei Server');
      await panel.getByRole('button', { name: 'Create workspace' }).click();
      await panel.getByRole('alert').filter({ hasText: '“Kanzlei Server” is not a web address.' }).waitFor();
      await address.fill('127.0.0.1:8787');
      await panel.getByRole('button', { name: 'Create workspace' }).click();
      await panel.getByRole('button', { name: 'Use http://127.0.0.1:8787' }).click();
      expect(await address.inputValue()).toBe('http://127.0.0.1:8787');
    } catch (error) {
      await keepArtifacts('a11y-endpoint', [panel], profile.logs);
      throw error;
    }
  });
});
