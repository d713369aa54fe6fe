// Scenario 5: a browser started in German shows the German UI: menu title, popup, side panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepArtifacts, launchProfile, screenshot, type Profile } from './harness';

let profile: Profile;
beforeAll(async () => {
  profile = await launchProfile({ lang: 'de' });
});
afterAll(async () => {
  await profile?.close();
});

describe('German UI', () => {
  it('names the menu item, the popup sections and the side panel views in German', async () => {
    const popup = await profile.openPage('popup.html');
    const panel = await profile.openPage('sidepanel.html');
    try {
      const worker = await profile.worker.evaluate(() => {
        const { chrome } = globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string; getUILanguage(): string } } };
        return { menu: chrome.i18n.getMessage('menuDelegate'), language: chrome.i18n.getUILanguage() };
      });
      expect(worker.menu).toBe('Delegieren');
      expect(worker.language).toMatch(/^de/);
      await popup.getByText('Noch nichts delegiert').waitFor();
      await screenshot(popup, 'popup-empty-de');
      const quickAdd = popup.getByPlaceholder('Neue Aufgabe', { exact: false });
      await quickAdd.fill('Fristen im Fall Müller prüfen');
      await quickAdd.press('Enter');
      await popup.getByText('Wartet auf mich').waitFor();
      await popup.getByText('Fristen im Fall Müller prüfen').waitFor();
      expect(await popup.getByText('Keine Eile').count()).toBeGreaterThan(0);
      await screenshot(popup, 'popup-de');
      await panel
        .getByRole('button', { name: 'Anweisungen' })
        .or(panel.getByRole('link', { name: 'Anweisungen' }))
        .first()
        .click();
      await panel.getByRole('heading', { name: 'Ständige Anweisungen' }).waitFor();
      await screenshot(panel, 'sidepanel-instructions-de');
      await panel
        .getByRole('button', { name: 'Verbindung' })
        .or(panel.getByRole('link', { name: 'Verbindung' }))
        .first()
        .click();
      await panel.getByRole('heading', { name: 'Verbindung' }).waitFor();
      await screenshot(panel, 'sidepanel-connection-de');
    } catch (error) {
      await keepArtifacts('german', [popup, panel], profile.logs);
      throw error;
    }
  });
});
