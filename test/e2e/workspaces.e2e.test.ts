// Issue 13 in three Chromium profiles, through the UI only: one assistant joins the workspaces of
// two clients, each on its own endpoint; the second through "Add a workspace" on the Connection
// page. Each client delegates a task; the assistant sees each in its own workspace (switching with
// "Open"), answers one, and the answer reaches that client only. Each workspace has its own database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { audit, seriousFindings, smallTargets, type Finding } from './axe';
import {
  createWorkspaceAndInvite,
  joinAnotherWorkspace,
  joinWorkspace,
  launchProfile,
  openTask,
  openWorkspace,
  pushed,
  readRecords,
  readRecordsIn,
  readWorkspaces,
  screenshot,
  sqliteDatabase,
  startEndpoint,
  stepsFor,
  syncNow,
  type Profile,
  type RunningEndpoint,
} from './harness';

const NOWAG = 'Kanzlei Nowag — Anna';
const BERG = 'Praxis Berg — Anna';
const NOWAG_TASK = 'Schriftsatz Nowag prüfen';
const BERG_TASK = 'Befund Berg zusammenfassen';
const ANSWER = 'Zusammenfassung folgt bis Freitag.';

const databases = [sqliteDatabase(), sqliteDatabase()];
let endpoints: RunningEndpoint[] = [];
let nowag: Profile;
let berg: Profile;
let anna: Profile;
let panel: Page;
const opened: Page[] = [];

beforeAll(async () => {
  endpoints = await Promise.all(databases.map((database) => startEndpoint(database.url)));
  [nowag, berg, anna] = await Promise.all([launchProfile(), launchProfile(), launchProfile()]);
});
afterAll(async () => {
  for (const profile of [nowag, berg, anna]) await profile?.close();
  for (const endpoint of endpoints) await endpoint.stop();
  for (const database of databases) await database.drop();
});

const step = stepsFor('workspaces', opened, () => [nowag, berg, anna]);

async function open(profile: Profile, path: string): Promise<Page> {
  const page = await profile.openPage(path);
  opened.push(page);
  return page;
}

/** Delegates `title` from the client's popup and waits until it is pushed. */
async function delegate(profile: Profile, title: string): Promise<void> {
  const popup = await open(profile, 'popup.html');
  const quickAdd = popup.getByPlaceholder('New task', { exact: false });
  await quickAdd.fill(title);
  await quickAdd.press('Enter');
  await popup.getByText(title).waitFor();
  await pushed(profile);
  await popup.close();
}

/** Syncs the panel until `target` shows (30 s at most). */
async function syncUntilShown(target: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        if ((await target.count()) > 0) return true;
        await syncNow(panel);
        return (await target.count()) > 0;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

const row = (title: string) => panel.locator('[data-row]', { hasText: title });

describe('one assistant, two clients', () => {
  it('joins both workspaces, keeps their tasks apart, and answers the right client', async () => {
    const [nowagInvitation, bergInvitation] = await step('clients-invite', async () => {
      const nowagPanel = await open(nowag, 'sidepanel.html');
      const bergPanel = await open(berg, 'sidepanel.html');
      return Promise.all([
        createWorkspaceAndInvite(nowagPanel, endpoints[0].origin, 'Kanzlei Nowag'),
        createWorkspaceAndInvite(bergPanel, endpoints[1].origin, 'Praxis Berg'),
      ]);
    });

    await step('assistant-joins-both', async () => {
      panel = await open(anna, 'sidepanel.html');
      await joinWorkspace(panel, nowagInvitation, 'Anna');
      // The first workspace is named afterwards, in the list; the second while joining.
      await panel.getByRole('button', { name: `Rename “127.0.0.1:${new URL(endpoints[0].origin).port}”` }).click();
      await panel.getByLabel('Name of the workspace').fill(NOWAG);
      await panel.getByLabel('Orange').check();
      await panel.getByRole('button', { name: 'Save', exact: true }).click();
      await panel.locator('.workspaces > li', { hasText: NOWAG }).waitFor();
      await joinAnotherWorkspace(panel, bergInvitation, 'Anna', BERG);
      await syncNow(panel);
      const items = panel.locator('.workspaces > li');
      await expect.poll(() => items.count()).toBe(2);
      expect(await items.nth(0).textContent()).toMatch(/Kanzlei Nowag — Anna.*Assistant/);
      expect(await items.nth(1).textContent()).toMatch(/Praxis Berg — Anna.*Assistant.*Shown now/);
      await screenshot(panel, 'sidepanel-workspaces-en');
    });

    await step('accessible', async () => {
      // The list, then with the rename form and the leave question open, light and dark.
      const report: Record<string, Finding[]> = {};
      const small: string[] = [];
      const check = async (name: string) => {
        for (const colorScheme of ['light', 'dark'] as const) {
          await panel.emulateMedia({ colorScheme });
          report[`${name}/${colorScheme}`] = await audit(panel);
        }
        small.push(...(await smallTargets(panel)));
      };
      await check('list');
      await panel.getByRole('button', { name: `Rename “${NOWAG}”` }).click();
      await panel.getByRole('form', { name: 'Rename the workspace' }).waitFor();
      await check('rename');
      await panel.keyboard.press('Escape');
      await panel.getByRole('button', { name: `Leave “${BERG}”` }).click();
      await panel.getByRole('group', { name: `Leave “${BERG}” on this device?` }).waitFor();
      await check('leave');
      await screenshot(panel, 'sidepanel-workspaces-leave-dark-en');
      await panel.keyboard.press('Escape');
      await panel.emulateMedia({ colorScheme: 'light' });
      expect(seriousFindings(report)).toEqual([]);
      expect(small).toEqual([]);
    });

    await step('clients-delegate', async () => {
      await delegate(nowag, NOWAG_TASK);
      await delegate(berg, BERG_TASK);
    });

    await step('assistant-sees-each-in-its-own', async () => {
      // The panel shows Praxis Berg (the workspace added last).
      await panel.getByRole('button', { name: 'Tasks', exact: true }).click();
      await syncUntilShown(row(BERG_TASK));
      expect(await row(NOWAG_TASK).count()).toBe(0);

      await openWorkspace(panel, NOWAG);
      await syncUntilShown(row(NOWAG_TASK));
      expect(await row(BERG_TASK).count()).toBe(0);

      // Each workspace's tasks are in its own database.
      const [first, second] = await readWorkspaces(panel);
      expect([first.label, second.label]).toEqual([NOWAG, BERG]);
      const titles = async (dbName: string) => (await readRecordsIn<{ title: string }>(panel, dbName, 'task')).map((t) => t.title);
      expect(await titles(first.dbName)).toEqual([NOWAG_TASK]);
      expect(await titles(second.dbName)).toEqual([BERG_TASK]);
    });

    await step('all-clients', async () => {
      // The popup's "All clients": both clients' new tasks, each row named by its client's workspace.
      const popup = await open(anna, 'popup.html');
      const switcher = popup.getByRole('combobox', { name: 'Workspace' });
      await switcher.waitFor();
      await switcher.selectOption({ label: 'All clients' });
      const region = popup.getByRole('region', { name: /^All clients · Waiting for me/ });
      const rows = region.locator('[data-row]');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
      expect(await rows.filter({ hasText: NOWAG_TASK }).locator('.ws-client').textContent()).toContain(NOWAG);
      expect(await rows.filter({ hasText: BERG_TASK }).locator('.ws-client').textContent()).toContain(BERG);
      await screenshot(popup, 'popup-all-clients-en');
      // Opening Berg's task while Nowag is shown: the panel moves to Berg's workspace, on that task.
      await rows.filter({ hasText: BERG_TASK }).click();
      await panel.getByRole('heading', { name: 'Task', exact: true }).waitFor({ timeout: 15_000 });
      await panel.getByText(BERG_TASK).first().waitFor();
      await panel.locator('.ws-current', { hasText: BERG }).waitFor();
      // A real popup closes itself as the panel takes the focus; this one is a tab.
      if (!popup.isClosed()) await popup.close();
    });

    await step('assistant-answers-berg', async () => {
      await panel.getByLabel('New message').fill(ANSWER);
      await panel.getByRole('button', { name: 'Send', exact: true }).click();
      await panel.getByText(ANSWER).waitFor();
      await syncNow(panel);
      const [, second] = await readWorkspaces(panel);
      await expect.poll(async () => (await readRecordsIn(panel, second.dbName, 'outbox')).length, { timeout: 20_000 }).toBe(0);
    });

    await step('answer-reaches-berg-only', async () => {
      const bergPanel = await openTask(berg, BERG_TASK, opened);
      await expect
        .poll(
          async () => {
            if ((await bergPanel.getByText(ANSWER).count()) > 0) return true;
            await syncNow(bergPanel);
            return (await bergPanel.getByText(ANSWER).count()) > 0;
          },
          { timeout: 30_000 },
        )
        .toBe(true);
      const nowagPanel = await openTask(nowag, NOWAG_TASK, opened);
      await syncNow(nowagPanel);
      expect(await nowagPanel.getByText(ANSWER).count()).toBe(0);
      // Neither client's database holds the other's task, nor Nowag the answer to Berg.
      expect((await readRecords<{ title: string }>(nowag.worker, 'task')).map((t) => t.title)).toEqual([NOWAG_TASK]);
      expect((await readRecords<{ title: string }>(berg.worker, 'task')).map((t) => t.title)).toEqual([BERG_TASK]);
      expect((await readRecords<{ body: string }>(nowag.worker, 'comment')).some((c) => JSON.stringify(c).includes(ANSWER))).toBe(false);
      expect((await readRecords(berg.worker, 'comment')).some((c) => JSON.stringify(c).includes(ANSWER))).toBe(true);
    });

    await step('assistant-leaves-berg', async () => {
      // Berg is shown: leaving it with its data moves the panel to Nowag first, then deletes Berg's database only.
      const [first, second] = await readWorkspaces(panel);
      await panel.getByRole('button', { name: 'Connection', exact: true }).click();
      await panel.getByRole('button', { name: `Leave “${BERG}”` }).click();
      const question = panel.getByRole('group', { name: `Leave “${BERG}” on this device?` });
      await question.getByLabel('Remove its data from this device').check();
      await question.getByRole('button', { name: 'Leave', exact: true }).click();
      await expect.poll(async () => (await readWorkspaces(panel)).map((w) => w.label), { timeout: 15_000 }).toEqual([NOWAG]);
      const names = () => panel.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
      await expect.poll(names, { timeout: 15_000 }).not.toContain(second.dbName);
      expect(await names()).toContain(first.dbName);
      await panel.locator('.workspaces > li[aria-current="true"]', { hasText: NOWAG }).waitFor();
      expect((await readRecordsIn<{ title: string }>(panel, first.dbName, 'task')).map((t) => t.title)).toEqual([NOWAG_TASK]);
    });
  });
});
