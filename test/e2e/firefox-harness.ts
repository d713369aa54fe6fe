// The Firefox half of the e2e harness: Debian's firefox-esr driven over WebDriver BiDi by
// puppeteer-core (no driver download), the built MV2 extension installed as a temporary add-on.
// Facts this relies on (found on this machine): Firefox only lets automation open moz-extension://
// pages with system access allowed; puppeteer's page.goto() waits for navigation events Firefox
// never sends for extension pages, so pages are opened with BiDi's browsingContext.navigate;
// the add-on's UUID is fixed through the `extensions.webextensions.uuids` pref (keyed by the gecko
// id the build declares).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ROOT } from './harness';

/** The real-browser tests' Firefox build (`ZUARBEIT_E2E=1 wxt build -b firefox`): the store build plus the test hook. */
export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output/firefox-mv2-e2e');
/** The UUID the harness gives the add-on, so extension pages have a known origin. */
export const FIREFOX_UUID = '5f0c7a9e-2b1d-4c3e-9a8f-7d6e5c4b3a21';

/** Debian's firefox-esr (or FIREFOX_PATH); fails loudly when there is none. */
export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      'No Firefox found for the browser tests. Install it with `apt-get install -y firefox-esr firefox-esr-l10n-de` or set FIREFOX_PATH.',
    );
  return found;
}

export interface FirefoxProfile {
  browser: Browser;
  geckoId: string;
  url(path: string): string;
  /** Opens an extension page in a new tab and waits until it has loaded. */
  openPage(path: string): Promise<Page>;
  /** Navigates an existing tab (web page or extension page) and waits for `complete`. */
  navigate(page: Page, url: string): Promise<void>;
  logs: string[];
  close(): Promise<void>;
}

/**
 * A copy of the Firefox build whose manifest also grants loopback hosts (automation can neither
 * right-click, which grants activeTab, nor answer the permission prompt for the endpoint).
 */
function testableFirefoxExtension(): { dir: string; geckoId: string } {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
    throw new Error('Build the extension first: ZUARBEIT_E2E=1 npx wxt build -b firefox');
  const dir = mkdtempSync(join(tmpdir(), 'zuarbeit-e2e-ff-ext-'));
  cpSync(FIREFOX_EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const geckoId: string | undefined = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('The Firefox build declares no browser_specific_settings.gecko.id');
  manifest.permissions = [...(manifest.permissions ?? []), 'http://127.0.0.1/*'];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, geckoId };
}

/** Launches headless firefox-esr in a fresh profile with the built extension installed. */
export async function launchFirefox(options: { lang?: 'de' | 'en' } = {}): Promise<FirefoxProfile> {
  const { dir, geckoId } = testableFirefoxExtension();
  const lang = options.lang ?? 'en';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_UUID }),
      // The German UI needs Debian's langpack (firefox-esr-l10n-de); the extension follows it.
      'intl.locale.requested': lang === 'de' ? 'de' : 'en-US',
      'intl.accept_languages': lang === 'de' ? 'de-DE, de' : 'en-US, en',
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
    },
  });
  await browser.installExtension(dir);
  const logs: string[] = [];
  const url = (path: string) => `moz-extension://${FIREFOX_UUID}/${path}`;
  const navigate = async (page: Page, target: string) => {
    // Not page.goto(): it hangs on extension pages (no navigation events for them).
    await (
      page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: 'complete'): Promise<unknown> } }
    ).browsingContext.navigate(target, 'complete');
  };
  return {
    browser,
    geckoId,
    url,
    logs,
    navigate,
    async openPage(path) {
      const page = await browser.newPage();
      page.on('console', (msg) => logs.push(`[${path}] ${msg.type()}: ${msg.text()}`));
      await navigate(page, url(path));
      return page;
    },
    async close() {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
