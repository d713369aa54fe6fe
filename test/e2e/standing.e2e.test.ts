// Issue 9: the client makes a task repeat weekly through the Repeats editor; the assistant (another
// Chromium profile) sees this week's occurrence, completes it, and the next one appears on both
// sides. Then the endpoint goes away, both complete the same occurrence offline, and after it
// returns there is exactly one record for it, one next occurrence, and no duplicate anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  openTask as openTaskIn,
  pairProfiles,
  popupShows as popupShowsIn,
  pushed,
  readRecords,
  stepsFor,
  syncNow,
  type PairedProfiles,
  type Profile,
} from './harness';

const TITLE = 'Wochenbericht an die Mandantin';

let pair: PairedProfiles;
let client: Profile;
let assistant: Profile;
const opened: Page[] = [];

beforeAll(async () => {
  pair = await pairProfiles({ opened, name: 'standing' });
  ({ client, assistant } = pair);
});
afterAll(async () => {
  await pair?.close();
});

const step = stepsFor('standing', opened, () => [client, assistant]);

const popupShows = (profile: Profile, text: string, status?: string) => popupShowsIn(profile, text, status, opened);
const openTask = (profile: Profile, title: string) => openTaskIn(profile, title, opened);

interface StoredOccurrence {
  id: string;
  taskId: string;
  day: string;
  status: string;
  doneOn?: string | null;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The day as the UI writes it (en, this year): "Dec 8". */
function shown(day: string): string {
  return new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));
}

/** The standing-task view of the task view in `panel`. */
const standingView = (panel: Page) => panel.getByRole('region', { name: 'Standing task' });

/** Completes the current occurrence in the side panel and waits until the view has moved on to `next`. */
async function complete(panel: Page, next: string): Promise<void> {
  const view = standingView(panel);
  await view.getByRole('button', { name: 'Done', exact: true }).click();
  await view.getByText(`Now: Next ${shown(next)}`).waitFor({ timeout: 15_000 });
}

let taskId = '';
let start = '';

describe('a standing task across two browsers', () => {
  it('the client makes it weekly, the assistant completes this week’s, the next one appears on both sides', async () => {
    await step('client-creates', async () => {
      const quick = await client.openPage('popup.html');
      opened.push(quick);
      const quickAdd = quick.getByPlaceholder('New task', { exact: false });
      await quickAdd.fill(TITLE);
      await quickAdd.press('Enter');
      await quick.getByText(TITLE).waitFor();
      const panel = await openTask(client, TITLE);
      const repeats = panel.getByRole('combobox', { name: 'Repeats' });
      await repeats.selectOption({ label: 'Weekly on chosen days' });
      // The weekday of the first date (today) is ticked by default: once a week, from today.
      await panel.getByText('Next dates:', { exact: false }).waitFor();
      await standingView(panel).waitFor();
      const [task] = (
        await readRecords<{ id: string; title: string; recurrence: { rule: string; anchor: string } }>(client.worker, 'task')
      ).filter((t) => t.title === TITLE);
      expect(task.recurrence.anchor).toBe('schedule');
      expect(task.recurrence.rule).toMatch(/^DTSTART;VALUE=DATE:\d{8}\nRRULE:FREQ=WEEKLY;/);
      expect(task.recurrence.rule).toMatch(/BYDAY=(MO|TU|WE|TH|FR|SA|SU)(;|$)/);
      taskId = task.id;
      const dtstart = /DTSTART;VALUE=DATE:(\d{4})(\d{2})(\d{2})/.exec(task.recurrence.rule)!;
      start = `${dtstart[1]}-${dtstart[2]}-${dtstart[3]}`;
      await standingView(panel)
        .getByText(`Then: ${shown(addDays(start, 7))}`, { exact: false })
        .waitFor();
      await syncNow(panel);
      await pushed(client);
    });

    await step('assistant-completes', async () => {
      await syncNow(pair.assistantPanel);
      const panel = await openTask(assistant, TITLE);
      const view = standingView(panel);
      await view.getByText(`Now: Due ${shown(start)}`, { exact: false }).waitFor({ timeout: 15_000 });
      // The assistant may complete, not skip: skipping is the client's.
      expect(await view.getByRole('button', { name: 'Skip this one' }).count()).toBe(0);
      await complete(panel, addDays(start, 7));
      await pushed(assistant);
      expect(await readRecords<StoredOccurrence>(assistant.worker, 'occurrence')).toEqual([
        expect.objectContaining({ id: `${taskId}:${start}`, taskId, day: start, status: 'done' }),
      ]);
    });

    await step('both-see-next', async () => {
      for (const profile of [assistant, client]) {
        const popup = await popupShows(profile, TITLE, `Next ${shown(addDays(start, 7))}`);
        await popup.close();
      }
      const panel = await openTask(client, TITLE);
      const view = standingView(panel);
      await view.getByText(`Now: Next ${shown(addDays(start, 7))}`).waitFor();
      await view.getByText(`Last done: ${shown(start)}`, { exact: false }).waitFor();
      expect(await view.locator('.standing-history li[data-status="done"]').count()).toBe(1);
    });
  });

  it('both complete the same occurrence offline; after reconnecting there is one completion and one next occurrence', async () => {
    const second = addDays(start, 7);
    const third = addDays(start, 14);
    await pair.endpoint.stop();
    await step('offline-both-complete', async () => {
      for (const profile of [client, assistant]) {
        const panel = await openTask(profile, TITLE);
        await standingView(panel)
          .getByText(`Now: Next ${shown(second)}`)
          .waitFor();
        await complete(panel, third);
        // Offline: the completion waits in the outbox.
        await panel
          .getByText(/change.* waiting|Offline/)
          .first()
          .waitFor({ timeout: 20_000 });
      }
    });
    await pair.endpoint.start();
    await step('converge', async () => {
      // The client pushes its completion, the assistant pushes its own and pulls the client's, the client pulls the assistant's.
      for (const panel of [pair.clientPanel, pair.assistantPanel, pair.clientPanel]) await syncNow(panel);
      for (const profile of [client, assistant]) await pushed(profile);
      for (const profile of [client, assistant]) {
        const occurrences = (await readRecords<StoredOccurrence>(profile.worker, 'occurrence')).sort((a, b) => a.day.localeCompare(b.day));
        expect(occurrences.map((o) => [o.id, o.status])).toEqual([
          [`${taskId}:${start}`, 'done'],
          [`${taskId}:${second}`, 'done'],
        ]);
        const panel = await openTask(profile, TITLE);
        const view = standingView(panel);
        await view.getByText(`Now: Next ${shown(third)}`).waitFor();
        expect(await view.getByText(`Now: Next ${shown(third)}`).count()).toBe(1);
        expect(await view.locator('.standing-history li[data-status="done"]').count()).toBe(2);
        const popup = await popupShows(profile, TITLE, `Next ${shown(third)}`);
        // One row for the standing task, not one per occurrence.
        expect(await popup.locator('[data-row]', { hasText: TITLE }).count()).toBe(1);
        await popup.close();
      }
    });
  });
});
