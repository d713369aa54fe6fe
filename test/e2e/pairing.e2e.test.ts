// Scenarios 3 and 4: a client and an assistant, each in their own Chromium profile, pair
// through the UI only and work one task through question, answer, result and approval; then
// the endpoint goes away, both keep working, and both converge when it returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  keepArtifacts,
  launchProfile,
  readExtensionDb,
  screenshot,
  sqliteDatabase,
  startEndpoint,
  type Profile,
  type RunningEndpoint,
} from './harness';

let endpoint: RunningEndpoint;
let database: ReturnType<typeof sqliteDatabase>;
let client: Profile;
let assistant: Profile;
const opened: Page[] = [];

beforeAll(async () => {
  database = sqliteDatabase();
  endpoint = await startEndpoint(database.url);
  client = await launchProfile();
  assistant = await launchProfile();
});
afterAll(async () => {
  await client?.close();
  await assistant?.close();
  await endpoint?.stop();
  await database?.drop();
});

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await keepArtifacts(name, opened, [...(client?.logs ?? []), '---', ...(assistant?.logs ?? [])]);
    throw error;
  }
}

async function open(profile: Profile, path: string): Promise<Page> {
  const page = await profile.openPage(path);
  opened.push(page);
  return page;
}

/**
 * Opens the popup (which syncs on opening) until a row shows `text` (and `status`, if given),
 * looking into the collapsed "Done" section too.
 */
async function popupShows(profile: Profile, text: string, status?: string): Promise<Page> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const popup = await open(profile, 'popup.html');
    const row = popup.locator('[data-row]', { hasText: text }).filter(status ? { hasText: status } : {});
    const shown = () =>
      row
        .first()
        .isVisible({ timeout: 1500 })
        .catch(() => false);
    if (await shown()) return popup;
    const done = popup.getByRole('button', { name: /^Done/ });
    if ((await done.count()) > 0 && (await done.first().getAttribute('aria-expanded')) === 'false') {
      await done.first().click();
      if (await shown()) return popup;
    }
    await popup.close();
  }
  throw new Error(`The popup never showed “${text}”`);
}

async function badge(profile: Profile): Promise<string> {
  return profile.worker.evaluate(() => {
    const { chrome } = globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } };
    return chrome.action.getBadgeText({});
  });
}

/** Waits until the profile has pushed every local change (its outbox is empty). */
async function pushed(profile: Profile): Promise<void> {
  const pending = async () => (await readExtensionDb(profile.worker, 'outbox')).count;
  await expect.poll(pending, { timeout: 20_000 }).toBe(0);
}

/** Opens the side panel on a task by clicking its row in the popup (the popup closes itself). */
async function openTask(profile: Profile, title: string): Promise<Page> {
  const popup = await popupShows(profile, title);
  await popup.getByText(title).first().click();
  const panel = await open(profile, 'sidepanel.html');
  await panel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
  return panel;
}

async function syncNow(panel: Page): Promise<void> {
  await panel.getByRole('button', { name: 'Sync now' }).first().click();
  await panel.getByText('Synced just now').first().waitFor({ timeout: 20_000 });
}

describe('client and assistant in two browsers', () => {
  it('pair through the UI and carry a task through question, answer, result and approval', async () => {
    const clientPanel = await open(client, 'sidepanel.html');
    const invitation = await step('client-pairs', async () => {
      await clientPanel.getByRole('button', { name: 'Connection' }).click();
      await clientPanel.getByLabel('Name of this device').fill('Kanzlei-Laptop');
      await clientPanel.getByLabel('Endpoint address').fill(endpoint.origin);
      await clientPanel.getByRole('button', { name: 'Create workspace' }).click();
      await clientPanel.getByRole('button', { name: 'Invite assistant' }).click();
      const field = clientPanel.getByLabel('Invitation for your assistant');
      await expect.poll(() => field.inputValue()).toMatch(/^zuarbeit:http:\/\/127\.0\.0\.1:\d+#/);
      await screenshot(clientPanel, 'sidepanel-connection-en');
      return field.inputValue();
    });

    await step('client-delegates', async () => {
      const popup = await open(client, 'popup.html');
      const quickAdd = popup.getByPlaceholder('New task', { exact: false });
      await quickAdd.fill('Gutachten Müller prüfen');
      await quickAdd.press('Enter');
      await popup.getByText('Gutachten Müller prüfen').waitFor();
      await syncNow(clientPanel);
    });

    const assistantPanel = await open(assistant, 'sidepanel.html');
    await step('assistant-joins', async () => {
      await assistantPanel.getByRole('button', { name: 'Connection' }).click();
      await assistantPanel.getByLabel('Name of this device').fill('Assistenz');
      await assistantPanel.getByLabel('Invitation', { exact: true }).fill(invitation);
      await assistantPanel.getByRole('button', { name: 'Join workspace' }).click();
      await assistantPanel.getByText('Assistant', { exact: true }).first().waitFor();
      await syncNow(assistantPanel);
    });

    await step('assistant-asks', async () => {
      const panel = await openTask(assistant, 'Gutachten Müller prüfen');
      await panel.getByLabel('New message').fill('Welche Frist gilt für die Stellungnahme?');
      await panel.getByLabel('Also set the status to “Question”', { exact: false }).check();
      await panel.getByRole('button', { name: 'Send', exact: true }).click();
      await panel.getByText('Welche Frist gilt für die Stellungnahme?').waitFor();
      await screenshot(panel, 'sidepanel-task-assistant-en');
      await pushed(assistant);
    });

    await step('client-sees-question', async () => {
      await popupShows(client, 'Gutachten Müller prüfen', 'Question');
      await expect.poll(() => badge(client), { timeout: 15_000 }).toBe('1');
      const panel = await openTask(client, 'Gutachten Müller prüfen');
      await panel.getByText('Welche Frist gilt für die Stellungnahme?').waitFor();
      // The question names who asked: the device the assistant joined with.
      await panel.getByText('Assistenz (Assistant)').first().waitFor();
      await panel.getByLabel('New message').fill('Bis zum 15. Dezember.');
      await panel.getByRole('button', { name: 'Send', exact: true }).click();
      await panel.getByText('Bis zum 15. Dezember.').waitFor();
      // Answered: now it waits for the assistant, not for the client.
      await expect.poll(() => badge(client), { timeout: 15_000 }).toBe('');
      await pushed(client);
    });

    await step('assistant-delivers', async () => {
      const panel = await openTask(assistant, 'Gutachten Müller prüfen');
      await expect.poll(async () => panel.getByText('Bis zum 15. Dezember.').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await expect.poll(() => badge(assistant), { timeout: 15_000 }).toBe('1');
      await panel.getByLabel('Result text').fill('Gutachten geprüft: zwei Fristen, beide eingehalten.');
      await panel.getByRole('button', { name: 'Deliver for review' }).click();
      await panel.getByText('Delivered.', { exact: false }).waitFor();
      await expect.poll(() => badge(assistant), { timeout: 15_000 }).toBe('');
      await pushed(assistant);
    });

    await step('client-approves', async () => {
      await popupShows(client, 'Gutachten Müller prüfen', 'To review');
      const panel = await openTask(client, 'Gutachten Müller prüfen');
      await panel.getByText('Gutachten geprüft: zwei Fristen, beide eingehalten.').waitFor();
      await panel.getByRole('button', { name: 'Approve' }).click();
      await panel.getByRole('button', { name: 'Yes, approve' }).click();
      await panel.getByText('Result approved', { exact: false }).waitFor();
      await expect.poll(() => panel.getByLabel('Status').inputValue()).toBe('done');
      await expect.poll(() => badge(client), { timeout: 15_000 }).toBe('');
      await pushed(client);
    });

    await step('assistant-sees-done', async () => {
      const popup = await popupShows(assistant, 'Gutachten Müller prüfen', 'Done');
      await screenshot(popup, 'popup-assistant-en');
    });
  });

  it('keeps working while the endpoint is down and converges when it returns', async () => {
    await endpoint.stop();
    await step('offline-client', async () => {
      const panel = await openTask(client, 'Gutachten Müller prüfen');
      await panel.getByLabel('Title', { exact: true }).fill('Gutachten Müller – Nachtrag');
      await panel.getByText('Saved').first().waitFor();
      await panel.getByLabel('New message').fill('Bitte noch den Nachtrag prüfen.');
      await panel.getByRole('button', { name: 'Send', exact: true }).click();
      await panel
        .getByText(/change.* waiting|Offline/)
        .first()
        .waitFor({ timeout: 20_000 });
    });
    await step('offline-assistant', async () => {
      const panel = await openTask(assistant, 'Gutachten Müller prüfen');
      await panel.getByLabel('New message').fill('Ich bin ab Montag wieder da.');
      await panel.getByRole('button', { name: 'Send', exact: true }).click();
      await panel.getByText('Ich bin ab Montag wieder da.').waitFor();
    });
    await endpoint.start();
    await step('converge', async () => {
      await popupShows(client, 'Gutachten Müller – Nachtrag');
      const assistantPanel = await openTask(assistant, 'Gutachten Müller – Nachtrag');
      await assistantPanel.getByText('Bitte noch den Nachtrag prüfen.').waitFor({ timeout: 20_000 });
      const clientPanel = await openTask(client, 'Gutachten Müller – Nachtrag');
      await expect.poll(() => clientPanel.getByText('Ich bin ab Montag wieder da.').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    });
  });
});
