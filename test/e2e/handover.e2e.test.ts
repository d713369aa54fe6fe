// Issue 11 in three Chromium profiles, through the UI only: a client and her outgoing assistant
// pair, the client starts a handover, the outgoing assistant writes her notes and marks the
// package ready, the successor joins and sees the package as her first page, then the tasks; the
// client finishes (the outgoing device removed, the key renewed). Afterwards the outgoing device
// shows it was removed, and a task the client writes then reaches the successor while the outgoing
// profile's IndexedDB holds no plaintext of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { audit, seriousFindings } from './axe';
import {
  dumpExtensionDb,
  joinWorkspace,
  launchProfile,
  pairProfiles,
  pushed,
  screenshot,
  stepsFor,
  syncNow,
  type PairedProfiles,
  type Profile,
} from './harness';

const MARKER = 'NACH-UEBERGABE-5e1f';

let pair: PairedProfiles;
let client: Profile;
let anna: Profile;
let bea: Profile;
const opened: Page[] = [];

beforeAll(async () => {
  // The client and her outgoing assistant are paired as in pairing.e2e.test.ts; the successor joins in the test.
  pair = await pairProfiles({ opened, name: 'handover', assistantDeviceName: 'Anna' });
  ({ client, assistant: anna } = pair);
  bea = await launchProfile();
});
afterAll(async () => {
  await bea?.close();
  await pair?.close();
});

const step = stepsFor('handover', opened, () => [client, anna, bea]);

async function open(profile: Profile, path: string): Promise<Page> {
  const page = await profile.openPage(path);
  opened.push(page);
  return page;
}

/** Syncs `panel` until `target` shows (40 s at most); `between` runs after each sync. */
async function syncUntilShown(panel: Page, target: Locator, between?: () => Promise<unknown>): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await target.isVisible()) return true;
        await syncNow(panel);
        await between?.();
        return target.isVisible();
      },
      { timeout: 40_000 },
    )
    .toBe(true);
}

describe('handover to a successor in three browsers', () => {
  it('hands over, locks the outgoing assistant out, and the successor reads what is written after', async () => {
    const annaPanel = pair.assistantPanel;
    await step('client-delegates', async () => {
      const popup = await open(client, 'popup.html');
      const quickAdd = popup.getByPlaceholder('New task', { exact: false });
      await quickAdd.fill('Gutachten Müller prüfen');
      await quickAdd.press('Enter');
      await popup.getByText('Gutachten Müller prüfen').waitFor();
      await pushed(client);
      await syncNow(annaPanel);
    });

    const successorInvitation = await step('client-starts-handover', async () => {
      const panel = await open(client, 'sidepanel.html');
      await panel.getByRole('button', { name: 'Connection' }).click();
      const section = panel.getByRole('region', { name: 'Hand over to a successor' });
      const begin = section.getByRole('button', { name: 'Hand over to a successor' });
      await expect.poll(() => begin.isEnabled(), { timeout: 20_000 }).toBe(true);
      await begin.click();
      await expect.poll(() => section.getByLabel('Outgoing assistant').locator('option:checked').textContent()).toBe('Anna');
      await section.getByLabel('Both assistants work side by side until').fill('2026-12-31');
      expect(seriousFindings({ "client's start form": await audit(panel) })).toEqual([]);
      await section.getByRole('button', { name: 'Invite the successor' }).click();
      const field = section.getByLabel('Invitation for the successor');
      await field.waitFor({ timeout: 20_000 });
      // Renewed before inviting: the successor's invitation carries generation 2.
      expect(await field.inputValue()).toMatch(/\.k2\./);
      await section.getByText('The successor has not joined yet.').waitFor();
      await screenshot(panel, 'sidepanel-handover-client-en');
      await pushed(client);
      return field.inputValue();
    });

    await step('anna-writes-package', async () => {
      const panel = await open(anna, 'sidepanel.html');
      await panel.getByRole('button', { name: 'Tasks', exact: true }).click();
      const prepare = panel.getByRole('button', { name: 'Prepare the handover package' });
      await syncUntilShown(panel, prepare);
      await prepare.click();
      await panel.getByLabel('Your note on “Gutachten Müller prüfen”').fill('Mandant ruft meist freitags an.');
      await panel.getByLabel('Unwritten rules').fill('Berichte immer als PDF.');
      await panel.getByRole('button', { name: 'Add an access' }).click();
      await panel.getByLabel('Access to').fill('beA-Postfach');
      await panel.getByLabel('Where the credential is kept', { exact: false }).fill('Passwortmanager, Ordner Kanzlei');
      await panel.getByLabel('Shared password').check();
      expect(seriousFindings({ "outgoing assistant's package": await audit(panel) })).toEqual([]);
      const download = panel.waitForEvent('download');
      await panel.getByRole('button', { name: 'Export as Markdown' }).click();
      expect((await download).suggestedFilename()).toMatch(/^zuarbeit-handover-\d{4}-\d{2}-\d{2}\.md$/);
      await panel.getByRole('button', { name: 'Mark as ready' }).click();
      await panel.getByRole('button', { name: 'Edit again' }).waitFor({ timeout: 20_000 });
      await screenshot(panel, 'sidepanel-handover-package-en');
      await pushed(anna);
    });

    const beaPanel = await open(bea, 'sidepanel.html');
    await step('bea-joins-and-sees-package', async () => {
      await joinWorkspace(beaPanel, successorInvitation, 'Bea');
      await beaPanel.getByRole('button', { name: 'Tasks', exact: true }).click();
      const welcome = beaPanel.getByRole('region', { name: 'Welcome to the workspace' });
      await syncUntilShown(beaPanel, welcome);
      await welcome.getByText('Welcome. This is the handover package your predecessor prepared for you.').waitFor();
      await welcome.getByText('Berichte immer als PDF.').waitFor();
      await welcome.getByText('Mandant ruft meist freitags an.').waitFor();
      await screenshot(beaPanel, 'sidepanel-handover-welcome-en');
      expect(seriousFindings({ "successor's first page": await audit(beaPanel) })).toEqual([]);
      // What was written before her invitation is not hers to read, and not reported as unreadable.
      expect(await beaPanel.getByText('could not be read', { exact: false }).count()).toBe(0);
      await welcome.getByRole('button', { name: 'To the tasks' }).click();
      await beaPanel
        .getByRole('button', { name: /^Gutachten Müller prüfen/ })
        .first()
        .waitFor({ timeout: 20_000 });
    });

    await step('client-finishes', async () => {
      const panel = await open(client, 'sidepanel.html');
      await panel.getByRole('button', { name: 'Connection' }).click();
      const section = panel.getByRole('region', { name: 'Hand over to a successor' });
      await syncUntilShown(panel, section.getByText('The successor has joined: Bea.'), () =>
        panel
          .getByRole('button', { name: 'Refresh' })
          .first()
          .click()
          .catch(() => undefined),
      );
      await section.getByText('The handover package is ready.', { exact: false }).waitFor({ timeout: 20_000 });
      await section.getByText('Berichte immer als PDF.').waitFor();
      await section.getByRole('button', { name: 'Finish the handover' }).click();
      await section.getByRole('button', { name: 'Remove and renew' }).click();
      await section
        .getByText('Handover finished: “Anna” was removed and the workspace key renewed.', { exact: false })
        .waitFor({ timeout: 30_000 });
      await pushed(client);
    });

    await step('client-writes-after', async () => {
      const popup = await open(client, 'popup.html');
      const quickAdd = popup.getByPlaceholder('New task', { exact: false });
      await quickAdd.fill(`Neue Frist ${MARKER}`);
      await quickAdd.press('Enter');
      await popup.getByText(`Neue Frist ${MARKER}`).waitFor();
      await pushed(client);
    });

    await step('bea-reads-it', async () => {
      const panel = await open(bea, 'sidepanel.html');
      await panel.getByRole('button', { name: 'Tasks', exact: true }).click();
      const row = panel.getByRole('button', { name: new RegExp(`^Neue Frist ${MARKER}`) });
      await syncUntilShown(panel, row.first());
      expect(await dumpExtensionDb(bea.worker)).toContain(MARKER);
    });

    await step('anna-is-locked-out', async () => {
      const panel = await open(anna, 'sidepanel.html');
      await panel.getByRole('button', { name: 'Tasks', exact: true }).click();
      await panel.getByRole('button', { name: 'Sync now' }).first().click();
      await panel.getByText('This device was removed from the workspace.', { exact: false }).first().waitFor({ timeout: 30_000 });
      await screenshot(panel, 'sidepanel-handover-removed-en');
      const dump = await dumpExtensionDb(anna.worker);
      // The dump is real: it holds what Anna had before.
      expect(dump).toContain('Gutachten Müller prüfen');
      expect(dump).not.toContain(MARKER);
    });
  });
});
