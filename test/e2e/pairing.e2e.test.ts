// Scenarios 3 and 4: a client and an assistant, each in their own Chromium profile, pair
// through the UI only and work one task through question, answer, result and approval; then
// the endpoint goes away, both keep working, and both converge when it returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  badge,
  openTask as openTaskIn,
  pairProfiles,
  popupShows as popupShowsIn,
  pushed,
  screenshot,
  stepsFor,
  syncNow,
  type PairedProfiles,
  type Profile,
} from './harness';

let pair: PairedProfiles;
let endpoint: PairedProfiles['endpoint'];
let client: Profile;
let assistant: Profile;
const opened: Page[] = [];

beforeAll(async () => {
  pair = await pairProfiles({
    opened,
    name: 'pairing',
    // The task exists before the assistant joins: the assistant's first sync brings it.
    beforeJoin: async (clientPanel) => {
      await screenshot(clientPanel, 'sidepanel-connection-en');
      const popup = await clientPanel.context().newPage();
      opened.push(popup);
      await popup.goto(clientPanel.url().replace('sidepanel.html', 'popup.html'));
      const quickAdd = popup.getByPlaceholder('New task', { exact: false });
      await quickAdd.fill('Gutachten Müller prüfen');
      await quickAdd.press('Enter');
      await popup.getByText('Gutachten Müller prüfen').waitFor();
      await syncNow(clientPanel);
    },
  });
  ({ endpoint, client, assistant } = pair);
});
afterAll(async () => {
  await pair?.close();
});

const step = stepsFor('', opened, () => [client, assistant]);

const popupShows = (profile: Profile, text: string, status?: string) => popupShowsIn(profile, text, status, opened);
const openTask = (profile: Profile, title: string) => openTaskIn(profile, title, opened);

describe('client and assistant in two browsers', () => {
  it('paired through the UI, carry a task through question, answer, result and approval', async () => {
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
