// Issue 15, "Accessibility": a keyboard-only client. She delegates a clipped page, finds the
// assistant's question from the popup and answers it, then approves the delivered result, with
// keyboard.press and keyboard.type only, never a click. The assistant (another profile) acts as
// scripted; pairing is set-up, done through the UI as in pairing.e2e.test.ts. The assistant's task
// view and the client's review are audited with axe on the way.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, seriousFindings, type Finding } from './axe';
import { pairProfiles, pushed, startPageServer, stepsFor, syncNow, type PairedProfiles, type Profile } from './harness';

let pair: PairedProfiles;
let pages: Awaited<ReturnType<typeof startPageServer>>;
let client: Profile;
let assistant: Profile;
const opened: Page[] = [];

beforeAll(async () => {
  pages = await startPageServer();
  pair = await pairProfiles({ opened, name: 'keyboard' });
  ({ client, assistant } = pair);
  // The assistant works from panels it opens per step.
  await pair.assistantPanel.close();
});
afterAll(async () => {
  await pair?.close();
  await pages?.close();
});

const step = stepsFor('keyboard', opened, () => [client, assistant]);

async function open(profile: Profile, path: string): Promise<Page> {
  const page = await profile.openPage(path);
  opened.push(page);
  return page;
}

/** Who has the focus: its tag, accessible name as far as the page can tell, and whether it is a task row. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', name: '', row: false };
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ??
      (labelled
        ? labelled
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : null) ??
      ((el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || '');
    return { tag: el.tagName.toLowerCase(), name: name.trim(), row: el.matches('[data-row]') };
  });
}

/** Presses `key` until the focus is on what `wanted` accepts; fails after `max` presses. */
async function pressUntil(page: Page, key: string, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 80) {
  for (let i = 0; i < max; i++) {
    if (wanted(await focused(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached the wanted element; last: ${JSON.stringify(await focused(page))}`);
}

/** Whether `row` shows within a couple of seconds (isVisible does not wait). */
const shows = (row: ReturnType<Page['locator']>) =>
  row
    .first()
    .waitFor({ timeout: 2500 })
    .then(
      () => true,
      () => false,
    );

/** In the popup, by keyboard: Tab into the list, arrows to the row of `title`, Enter opens it in the side panel. */
async function openFromPopup(profile: Profile, title: string, status: string): Promise<Page> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const popup = await open(profile, 'popup.html');
    const row = popup.locator('[data-row]', { hasText: title }).filter({ hasText: status });
    if (await shows(row)) {
      await pressUntil(popup, 'Tab', (f) => f.row);
      await pressUntil(popup, 'ArrowDown', (f) => f.row && f.name.includes(title), 60);
      // Opening the row closes the popup, sometimes before the key press returns.
      await popup.keyboard.press('Enter').catch((error: Error) => {
        if (!popup.isClosed()) throw error;
      });
      const panel = await open(profile, 'sidepanel.html');
      await panel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
      return panel;
    }
    await popup.close();
  }
  throw new Error(`The popup never showed “${title}” as ${status}`);
}

/** The assistant's side, scripted: opens the task from the list in its side panel. */
async function assistantOpens(title: string, status: string): Promise<Page> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const panel = await open(assistant, 'sidepanel.html');
    await panel.getByRole('button', { name: 'Tasks', exact: true }).click();
    const row = panel.locator('[data-row]', { hasText: title }).filter({ hasText: status });
    if (await shows(row)) {
      await row.first().click();
      await panel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
      return panel;
    }
    await panel.close();
  }
  throw new Error(`The assistant never saw “${title}” as ${status}`);
}

const TITLE = 'Urteil zur Haftung bei Online-Bewertungen';

describe('keyboard only', () => {
  it('delegates, finds and answers a question, and approves a result without a mouse', { timeout: 420_000 }, async () => {
    const audits: Record<string, Finding[]> = {};
    const clientPanel = pair.clientPanel;

    await step('client-delegates', async () => {
      // The shortcut's own handler (a browser shortcut cannot be pressed by automation), on the open page.
      const url = `${pages.origin}/article.html`;
      const article = await client.context.newPage();
      await article.goto(url);
      await article.bringToFront();
      await client.worker.evaluate(async (url) => {
        const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ url?: string }[]> } } };
        const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
        const handlers = (globalThis as unknown as { zuarbeit: { onCommand(c: string, t: unknown): Promise<unknown> } }).zuarbeit;
        return handlers.onCommand('delegate-current', tab);
      }, url);
      const panel = await open(client, 'sidepanel.html');
      await panel.getByRole('heading', { level: 1, name: 'New task (draft)' }).waitFor();
      await pressUntil(panel, 'Tab', (f) => f.tag === 'input' && f.name === 'Title');
      await panel.keyboard.press('Control+Enter');
      await panel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
      await pushed(client);
      await article.close();
    });

    await step('assistant-asks', async () => {
      const panel = await assistantOpens(TITLE, 'New');
      await panel.getByLabel('Result text').fill('Entwurf: Der BGH verlangt eine Prüfung nach konkretem Hinweis.');
      await panel.getByLabel('New message').fill('Soll ich auch die Vorinstanz zusammenfassen?');
      await panel.getByLabel('Also set the status to “Question”', { exact: false }).check();
      await panel.getByRole('button', { name: 'Send', exact: true }).click();
      await panel.getByText('Soll ich auch die Vorinstanz zusammenfassen?').waitFor();
      for (const colorScheme of ['light', 'dark'] as const) {
        await panel.emulateMedia({ colorScheme });
        audits[`task view (assistant)/${colorScheme}`] = await audit(panel);
      }
      await pushed(assistant);
    });

    await step('client-answers', async () => {
      await syncNow(clientPanel);
      const panel = await openFromPopup(client, TITLE, 'Question');
      // The task opens at what waits: the thread, focused.
      await expect.poll(async () => (await focused(panel)).name).toMatch(/^Waiting for you: your assistant wrote/);
      await panel.getByText('Soll ich auch die Vorinstanz zusammenfassen?').waitFor();
      await pressUntil(panel, 'Tab', (f) => f.tag === 'textarea' && f.name === 'New message', 20);
      await panel.keyboard.type('Ja, bitte kurz.');
      await pressUntil(panel, 'Tab', (f) => f.name.startsWith('Also set the status back'), 5);
      await panel.keyboard.press('Space');
      await pressUntil(panel, 'Shift+Tab', (f) => f.tag === 'textarea' && f.name === 'New message', 5);
      await panel.keyboard.press('Control+Enter');
      await panel.getByText('Ja, bitte kurz.').waitFor();
      await expect.poll(() => panel.getByLabel('Status').inputValue()).toBe('in-progress');
      await pushed(client);
    });

    await step('assistant-delivers', async () => {
      const panel = await assistantOpens(TITLE, 'In progress');
      await panel.getByText('Ja, bitte kurz.').waitFor({ timeout: 20_000 });
      await panel.getByRole('button', { name: 'Deliver for review' }).click();
      await panel.getByText('Delivered.', { exact: false }).waitFor();
      await pushed(assistant);
    });

    await step('client-approves', async () => {
      await syncNow(clientPanel);
      const panel = await openFromPopup(client, TITLE, 'To review');
      await expect.poll(async () => (await focused(panel)).name).toMatch(/^Waiting for you: a result to review/);
      for (const colorScheme of ['light', 'dark'] as const) {
        await panel.emulateMedia({ colorScheme });
        audits[`review (client)/${colorScheme}`] = await audit(panel);
      }
      await pressUntil(panel, 'Tab', (f) => f.tag === 'button' && f.name === 'Approve', 20);
      await panel.keyboard.press('Enter');
      // Asked first, with the harmless choice focused; the confirming one is before it.
      await expect.poll(async () => (await focused(panel)).name).toBe('Cancel');
      await panel.keyboard.press('Shift+Tab');
      expect((await focused(panel)).name).toBe('Yes, approve');
      await panel.keyboard.press('Enter');
      await expect.poll(async () => (await focused(panel)).name).toMatch(/^Result approved on .+: the task is done\.$/);
      await expect.poll(() => panel.getByLabel('Status').inputValue()).toBe('done');
      await pushed(client);
    });

    console.log(
      '[keyboard] axe findings:',
      JSON.stringify(Object.fromEntries(Object.entries(audits).map(([v, f]) => [v, f.map((x) => `${x.impact}:${x.id}`)]))),
    );
    expect(seriousFindings(audits)).toEqual([]);
  });
});
