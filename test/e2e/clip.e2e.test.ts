// Scenarios 1 and 2: clipping a page, a selection and a document link into tasks; standing
// instructions that survive a reload. The built extension in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchProfile, screenshot, startPageServer, stepsFor, type Profile } from './harness';

let profile: Profile;
let pages: Awaited<ReturnType<typeof startPageServer>>;
const opened: Page[] = [];

beforeAll(async () => {
  pages = await startPageServer();
  profile = await launchProfile({ lang: 'en' });
});
afterAll(async () => {
  await profile?.close();
  await pages?.close();
});

/** Calls the handler the "Delegate this" menu calls, for the tab showing `url`. */
async function delegateFromMenu(url: string, info: Record<string, unknown>) {
  return profile.worker.evaluate(
    async ({ url, info }) => {
      // Runs inside the extension's service worker, where `chrome` is the extension API.
      const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: { url: string }): Promise<unknown[]> } } };
      const [tab] = await chrome.tabs.query({ url });
      const handlers = (
        globalThis as unknown as {
          zuarbeit: { onMenuClick(i: unknown, t: unknown): Promise<{ id: string; source: Record<string, unknown> }> };
        }
      ).zuarbeit;
      return handlers.onMenuClick({ menuItemId: 'zuarbeit-delegate', editable: false, pageUrl: url, ...info }, tab);
    },
    { url, info },
  );
}

const step = stepsFor('', opened, () => [profile]);

describe('clipping in Chromium', () => {
  it('clips a page, a selection and a document link; drafts open in the side panel; the popup lists the tasks', async () => {
    const article = `${pages.origin}/article.html`;
    const tab = await profile.context.newPage();
    await tab.goto(article);
    opened.push(tab);

    const pageDraft = await step('clip-page', () => delegateFromMenu(article, {}));
    expect(pageDraft.source).toMatchObject({
      type: 'page',
      url: article,
      // Reader View's title heuristic drops the "BGH: " prefix that only the <title> has.
      title: 'Urteil zur Haftung bei Online-Bewertungen',
      description: 'Der Bundesgerichtshof hat die Haftung von Bewertungsportalen präzisiert.',
      siteName: 'Rechtsprechung Aktuell',
      lang: 'de',
    });

    const panel = await profile.openPage('sidepanel.html');
    opened.push(panel);
    await step('draft-page', async () => {
      await expect.poll(() => panel.getByLabel('Title', { exact: true }).inputValue()).toContain('Urteil zur Haftung');
      await panel.getByLabel('Instructions', { exact: true }).fill('Bitte die Kernaussagen in **fünf** Punkten zusammenfassen.');
      await panel.keyboard.press('Control+Enter');
      await panel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
      expect(await panel.getByLabel('Instructions', { exact: true }).inputValue()).toContain('in **fünf** Punkten');
    });
    await screenshot(panel, 'sidepanel-task-en');

    await tab.evaluate(() => {
      const selection = window.getSelection()!;
      const range = document.createRange();
      range.setStartBefore(document.getElementById('lead')!);
      range.setEndAfter(document.getElementById('points')!);
      selection.removeAllRanges();
      selection.addRange(range);
    });
    const selectionDraft = await step('clip-selection', () =>
      delegateFromMenu(article, { selectionText: 'Der VI. Zivilsenat hat entschieden' }),
    );
    expect(selectionDraft.source.type).toBe('selection');
    // Captured from the DOM, so paragraphs, the list and the link survive.
    expect(selectionDraft.source.quote).toMatch(
      /^Der VI. Zivilsenat hat entschieden, dass ein Bewertungsportal nach einem konkreten Hinweis prüfen muss/,
    );
    expect(selectionDraft.source.quote).toContain('beruht.\n\nDie Entscheidung betrifft drei Fragen:');
    expect(selectionDraft.source.quote).toMatch(/\n- Wann ein Hinweis konkret genug ist/);
    expect(selectionDraft.source.quote).toContain(`[VI ZR 1/25](${pages.origin}/urteile/vi-zr-1-25)`);
    await step('draft-selection', async () => {
      await panel.getByText('Der VI. Zivilsenat hat entschieden').first().waitFor();
      await screenshot(panel, 'sidepanel-draft-en');
      await panel.getByRole('button', { name: 'Delegate', exact: true }).click();
      // Delegating shows the new task; only then clip the next thing, as a person would.
      await panel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
    });

    const pdf = `${pages.origin}/files/urteil-vi-zr-1-25.pdf`;
    const linkDraft = await step('clip-link', () => delegateFromMenu(article, { linkUrl: pdf }));
    expect(linkDraft.source).toMatchObject({ type: 'document', url: pdf, documentType: 'pdf' });
    await step('draft-link', async () => {
      await expect.poll(() => panel.getByLabel('Title', { exact: true }).inputValue()).toContain('urteil-vi-zr-1-25');
      await panel.getByRole('button', { name: 'Delegate', exact: true }).click();
    });

    const popup = await profile.openPage('popup.html');
    opened.push(popup);
    await step('popup', async () => {
      const rows = popup.locator('[data-row]');
      await expect.poll(() => rows.count()).toBe(3);
      const texts = await rows.allInnerTexts();
      expect(texts.join('\n')).toContain('PDF');
      expect(texts.filter((t) => t.includes('127.0.0.1'))).toHaveLength(3);
      expect(texts.some((t) => t.includes('Urteil zur Haftung'))).toBe(true);
      expect(await popup.getByText('Open', { exact: false }).first().isVisible()).toBe(true);
    });
    await screenshot(popup, 'popup-en');
  });

  it('keeps standing instructions in their order across a reload', async () => {
    const panel = await profile.openPage('sidepanel.html');
    opened.push(panel);
    await step('instructions', async () => {
      await panel
        .getByRole('button', { name: 'Instructions' })
        .or(panel.getByRole('link', { name: 'Instructions' }))
        .first()
        .click();
      await panel.getByText('No standing instructions yet', { exact: false }).waitFor();
      for (const [title, body] of [
        ['Quellen', 'Immer die Quellen angeben.'],
        ['Anrede', 'Mandanten von X duzen.'],
      ]) {
        await panel.getByLabel('Title', { exact: true }).last().fill(title);
        await panel.getByLabel('Instruction', { exact: true }).last().fill(body);
        await panel.getByRole('button', { name: 'Add instruction' }).click();
        await panel.getByText(body).waitFor();
      }
      await panel.getByRole('button', { name: 'Move “Anrede” up' }).click();
      await expect.poll(() => panel.locator('ol > li').first().innerText()).toContain('Anrede');
      await panel.reload();
      await panel
        .getByRole('button', { name: 'Instructions' })
        .or(panel.getByRole('link', { name: 'Instructions' }))
        .first()
        .click();
      await panel.getByText('Mandanten von X duzen.').waitFor();
      const items = await panel.locator('ol > li').allInnerTexts();
      expect(items.map((t) => t.split('\n')[0])).toEqual(['Anrede', 'Quellen']);
    });
    await screenshot(panel, 'sidepanel-instructions-en');
  });
});
