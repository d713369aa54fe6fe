// Issue 10: the assistant starts the timer from the popup row, closes the popup, and the service
// worker is stopped (CDP ServiceWorker.stopAllWorkers). A minute later the reopened popup still
// shows the timer running, its elapsed time computed from the stored start; the assistant stops
// it in the side panel, and one entry of the right length reaches the client's time log, report and CSV.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  openTask as openTaskIn,
  pairProfiles,
  popupShows as popupShowsIn,
  pushed,
  readRecords,
  stepsFor,
  stopServiceWorker,
  syncNow,
  type PairedProfiles,
  type Profile,
} from './harness';

const TITLE = 'Gutachten Müller';
/** How long the timer runs with the worker stopped: a minute, and a little, so it logs one. */
const RUN_MS = 62_000;

let pair: PairedProfiles;
let client: Profile;
let assistant: Profile;
const opened: Page[] = [];

beforeAll(async () => {
  pair = await pairProfiles({ opened, name: 'timer' });
  ({ client, assistant } = pair);
});
afterAll(async () => {
  await pair?.close();
});

const step = stepsFor('timer', opened, () => [client, assistant]);

const popupShows = (profile: Profile, text: string) => popupShowsIn(profile, text, undefined, opened);

interface StoredTimer {
  id: string;
  taskId: string;
  startedAt: string;
  authorDevice: string;
  deleted?: boolean;
}
interface StoredEntry {
  id: string;
  taskId: string;
  minutes: number;
  start?: string | null;
  end?: string | null;
  source?: string;
  deleted?: boolean;
}

describe('a timer that outlives the popup and the service worker', () => {
  it('runs on from its stored start, stops into one entry, and the client sees it in the time log and the report', async () => {
    let taskId = '';
    await step('client-delegates', async () => {
      const popup = await client.openPage('popup.html');
      opened.push(popup);
      const quickAdd = popup.getByPlaceholder('New task', { exact: false });
      await quickAdd.fill(TITLE);
      await quickAdd.press('Enter');
      await popup.getByText(TITLE).waitFor();
      await syncNow(pair.clientPanel);
      taskId = (await readRecords<{ id: string; title: string }>(client.worker, 'task')).find((t) => t.title === TITLE)!.id;
    });

    const timer = await step('assistant-starts', async () => {
      await syncNow(pair.assistantPanel);
      const popup = await popupShows(assistant, TITLE);
      await popup.getByRole('button', { name: `Start the timer for “${TITLE}”` }).click();
      await popup.getByRole('button', { name: `Stop the timer for “${TITLE}”` }).waitFor();
      const timers = (await readRecords<StoredTimer>(popup, 'timer')).filter((t) => !t.deleted);
      expect(timers).toEqual([expect.objectContaining({ taskId })]);
      // The running timer is a synced record: the client will see who works on what.
      await pushed(assistant, popup);
      await popup.close();
      return timers[0];
    });

    await step('worker-stopped', async () => {
      // Nothing of the assistant's extension stays open that could hold the timer in memory.
      await pair.assistantPanel.close();
      await stopServiceWorker(assistant);
    });

    await step('client-sees-assistant-working', async () => {
      await syncNow(pair.clientPanel);
      await pair.clientPanel
        .getByText(`Assistenz has been working on “${TITLE}” since`, { exact: false })
        .first()
        .waitFor({ timeout: 20_000 });
    });

    // Time passes with no popup, no panel and no worker of the assistant's alive.
    const waited = RUN_MS - (Date.now() - Date.parse(timer.startedAt));
    if (waited > 0) await new Promise((resolve) => setTimeout(resolve, waited));

    await step('popup-reopened', async () => {
      const popup = await popupShows(assistant, TITLE);
      // Elapsed from the stored start: a timer counted in memory would start again at 0:00.
      await popup.getByText(`Running: ${TITLE} · 0:01`).waitFor();
      await popup
        .getByRole('button', { name: `Stop the timer for “${TITLE}”` })
        .getByText('■ 0:01')
        .waitFor();
      expect((await readRecords<StoredTimer>(popup, 'timer')).filter((t) => !t.deleted)).toEqual([timer]);
    });

    const entry = await step('assistant-stops-in-panel', async () => {
      const panel = await openTaskIn(assistant, TITLE, opened);
      const log = panel.locator('.time-log');
      await log.getByRole('button', { name: `Stop the timer for “${TITLE}”` }).click();
      await log.getByRole('button', { name: `Start the timer for “${TITLE}”` }).waitFor();
      await log.locator('.time-minutes', { hasText: '0:01 h' }).waitFor();
      const entries = (await readRecords<StoredEntry>(panel, 'timeEntry')).filter((e) => !e.deleted);
      expect(entries).toHaveLength(1);
      const [entry] = entries;
      expect(entry).toMatchObject({ taskId, source: 'timer', start: timer.startedAt, minutes: 1 });
      const ran = Date.parse(entry.end!) - Date.parse(timer.startedAt);
      expect(ran).toBeGreaterThanOrEqual(RUN_MS);
      expect(entry.minutes).toBe(Math.round(ran / 60_000));
      expect((await readRecords<StoredTimer>(panel, 'timer')).filter((t) => !t.deleted)).toEqual([]);
      await syncNow(panel);
      await pushed(assistant, panel);
      return entry;
    });

    await step('client-sees-entry', async () => {
      await syncNow(pair.clientPanel);
      await expect.poll(async () => (await readRecords<StoredEntry>(client.worker, 'timeEntry')).map((e) => e.id)).toEqual([entry.id]);
      const panel = await openTaskIn(client, TITLE, opened);
      const log = panel.locator('.time-log');
      await log.locator('.time-minutes', { hasText: '0:01 h' }).waitFor();
      await log.getByText('Assistenz', { exact: false }).first().waitFor();
      // The other side's timer is gone from the header once it stopped.
      expect(await panel.getByText('has been working on', { exact: false }).count()).toBe(0);
      const report = await client.openPage('report.html');
      opened.push(report);
      const row = report.locator('tr', { hasText: TITLE }).first();
      await row.waitFor();
      expect(await row.innerText()).toContain('0:01');
      await report.getByRole('row', { name: /Entries: 1/ }).waitFor();
      // The month's CSV (standard dialect) holds the one entry, read back with a real CSV parser.
      const [download] = await Promise.all([
        report.waitForEvent('download'),
        report.getByRole('button', { name: 'CSV (standard)' }).click(),
      ]);
      const csv = Papa.parse<Record<string, string>>(readFileSync(await download.path(), 'utf8'), { header: true, skipEmptyLines: true });
      expect(csv.errors).toEqual([]);
      expect(csv.data.map((line) => [line['Entry ID'], line.Task, line['Duration (h:mm)'], line.Assistant])).toEqual([
        [entry.id, TITLE, '0:01', 'Assistenz'],
      ]);
    });
  });
});
