// The e2e harness: Debian's Chromium with the built extension in its own profile, a real
// endpoint on a free loopback port with a temporary SQLite file, and a page server.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { sqliteDatabase, startEndpoint, type RunningEndpoint, type TestDatabase } from '../support/endpoint';
export { sqliteDatabase, startEndpoint, type RunningEndpoint } from '../support/endpoint';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The tests' build (`ZUARBEIT_E2E=1 npx wxt build`): the store build plus the worker's test hook. */
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3-e2e');
export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');
export const ARTIFACTS = join(ROOT, 'test/e2e/artifacts');

/** Debian's Chromium (or CHROME_PATH); fails loudly when there is none. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error('No Chromium found for the browser tests. Install it with `apt-get install -y chromium` or set CHROME_PATH.');
  }
  return found;
}

/** Serves test/e2e/pages on a free loopback port. */
export async function startPageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const pages = join(ROOT, 'test/e2e/pages');
  const server: Server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0].replace(/^\/+/, '') || 'article.html';
    const file = join(pages, name.replace(/[^a-z0-9._-]/gi, ''));
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': name.endsWith('.pdf') ? 'application/pdf' : 'text/html; charset=utf-8' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { origin: `http://127.0.0.1:${address.port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

export interface Profile {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  url(path: string): string;
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
  logs: string[];
}

/**
 * A copy of the built extension whose manifest also grants loopback hosts. A real right-click
 * grants `activeTab` for the clicked tab, and a real user grants the endpoint's origin when
 * asked; automation can do neither, so the copy stands in for both. The build itself is untouched.
 */
function testableExtension(build: string): string {
  if (!existsSync(join(build, 'manifest.json'))) throw new Error('Build the extension for the tests first: ZUARBEIT_E2E=1 npx wxt build');
  const copy = mkdtempSync(join(tmpdir(), 'zuarbeit-e2e-ext-'));
  cpSync(build, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
  return copy;
}

/** Launches Chromium with the built extension (or another build, for a bench's baseline) in a fresh profile. */
export async function launchProfile(options: { lang?: 'de' | 'en'; extensionDir?: string } = {}): Promise<Profile> {
  const extension = testableExtension(options.extensionDir ?? EXTENSION_DIR);
  const dir = mkdtempSync(join(tmpdir(), 'zuarbeit-e2e-profile-'));
  const lang = options.lang ?? 'en';
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: false,
    locale: lang === 'de' ? 'de-DE' : 'en-US',
    viewport: { width: 420, height: 720 },
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'de' ? 'de_DE.UTF-8' : 'en_US.UTF-8' },
    args: [
      '--headless=new',
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      `--lang=${lang}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const logs: string[] = [];
  context.on('page', (page) => page.on('console', (msg) => logs.push(`[${page.url()}] ${msg.type()}: ${msg.text()}`)));
  return {
    context,
    worker,
    extensionId,
    logs,
    url: (path) => `chrome-extension://${extensionId}/${path}`,
    async openPage(path) {
      const page = await context.newPage();
      page.on('console', (msg) => logs.push(`[${path}] ${msg.type()}: ${msg.text()}`));
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under test/e2e/screenshots (ignored by git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Keeps what a failing step saw: a screenshot and the console output. */
export async function keepArtifacts(name: string, pages: Page[], logs: string[]): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const [i, page] of pages.entries()) {
    if (!page.isClosed()) await page.screenshot({ path: join(ARTIFACTS, `${name}-${i}.png`), fullPage: true }).catch(() => undefined);
  }
  writeFileSync(join(ARTIFACTS, `${name}.log`), logs.join('\n'));
}

/** The console output of several profiles, one after the other with `---` between (none for a profile not launched). */
function logsOf(profiles: (Profile | undefined)[]): string[] {
  return profiles.flatMap((profile, i) => [...(i > 0 ? ['---'] : []), ...(profile?.logs ?? [])]);
}

/**
 * A test file's `step(name, run)`: runs `run`; when it fails, keeps the pages in `opened` and the
 * logs of `profiles()` (asked then: beforeAll may have failed before setting them) under
 * `prefix-name` (just `name` when `prefix` is empty), and fails with the same error.
 */
export function stepsFor(prefix: string, opened: Page[], profiles: () => (Profile | undefined)[]) {
  return async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      await keepArtifacts(prefix ? `${prefix}-${name}` : name, opened, logsOf(profiles()));
      throw error;
    }
  };
}

/**
 * Reads the extension's own IndexedDB from inside `target` (an extension page or the service
 * worker): the number of records in `store`, and the meta value `metaKey` if asked for.
 */
export function readExtensionDb(target: Page | Worker, store: string, metaKey?: string): Promise<{ count: number; meta: unknown }> {
  // Page and Worker evaluate alike; their overloads just do not unify as a union.
  return (target as Page).evaluate(
    async ({ store, metaKey }: { store: string; metaKey?: string }) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open('zuarbeit');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      // No named helpers in here: tsx's keepNames would wrap them in a `__name` the page lacks.
      const count = await new Promise<number>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const meta = metaKey
        ? await new Promise<unknown>((resolve, reject) => {
            const request = db.transaction('meta').objectStore('meta').get(metaKey);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          })
        : undefined;
      db.close();
      return { count, meta };
    },
    { store, metaKey },
  );
}

/** One `meta` entry of the extension's first workspace database, read inside `target` (nothing else is read). */
export function readMeta(target: Page | Worker, key: string): Promise<unknown> {
  return (target as Page).evaluate(async (metaKey: string) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('zuarbeit');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const value = await new Promise<unknown>((resolve, reject) => {
      const request = db.transaction('meta').objectStore('meta').get(metaKey);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return value;
  }, key);
}

/** Everything in the extension's IndexedDB of `target` (an extension page or the service worker), as one JSON text. */
export function dumpExtensionDb(target: Page | Worker): Promise<string> {
  return (target as Page).evaluate(async () => {
    // No named helpers in here: tsx's keepNames would wrap them in a `__name` the worker lacks.
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('zuarbeit');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all: Record<string, unknown[]> = {};
    for (const store of Array.from(db.objectStoreNames)) {
      all[store] = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    db.close();
    return JSON.stringify(all);
  });
}

/** Polls `read` until `ok` holds of its value (or fails after `timeout` ms); returns the value. */
export async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Gave up waiting after ${timeout} ms; last value: ${JSON.stringify(last)}`);
}

/** Presses the side panel's "Sync now" and waits for it to say so. */
export async function syncNow(panel: Page): Promise<void> {
  await panel.getByRole('button', { name: 'Sync now' }).first().click();
  await panel.getByText('Synced just now').first().waitFor({ timeout: 20_000 });
}

export interface PairedProfiles {
  endpoint: RunningEndpoint;
  database: TestDatabase;
  client: Profile;
  assistant: Profile;
  /** The client's side panel, left on its Connection page. */
  clientPanel: Page;
  /** The assistant's side panel, left on its Connection page after a first sync. */
  assistantPanel: Page;
  invitation: string;
  /** Closes both browsers, stops the endpoint and drops its database. */
  close(): Promise<void>;
}

export interface PairOptions {
  /** Where the pages opened here are collected, for {@link keepArtifacts}. */
  opened?: Page[];
  /** The artifact name a failed pairing is kept under. */
  name?: string;
  clientDeviceName?: string;
  assistantDeviceName?: string;
  /** Runs on the client's side after the invitation exists, before the assistant joins. */
  beforeJoin?: (clientPanel: Page) => Promise<void>;
}

/**
 * On the client's side panel: creates the workspace at `endpointOrigin` from the Connection page and
 * returns an invitation for an assistant.
 */
export async function createWorkspaceAndInvite(panel: Page, endpointOrigin: string, deviceName = 'Kanzlei-Laptop'): Promise<string> {
  await panel.getByRole('button', { name: 'Connection' }).click();
  await panel.getByLabel('Name of this device').fill(deviceName);
  await panel.getByLabel('Endpoint address').fill(endpointOrigin);
  await panel.getByRole('button', { name: 'Create workspace' }).click();
  await panel.getByRole('button', { name: 'Invite assistant' }).click();
  const field = panel.getByLabel('Invitation for your assistant');
  // Also outside a test (pairing runs in beforeAll), so no expect.poll: a plain bounded wait.
  return waitFor(
    () => field.inputValue(),
    (value) => /^zuarbeit:http:\/\/127\.0\.0\.1:\d+#/.test(value),
  );
}

/** On an assistant's side panel: joins with `invitation` from the Connection page as `deviceName`. */
export async function joinWorkspace(panel: Page, invitation: string, deviceName = 'Assistenz'): Promise<void> {
  await panel.getByRole('button', { name: 'Connection' }).click();
  await panel.getByLabel('Name of this device').fill(deviceName);
  await panel.getByLabel('Invitation', { exact: true }).fill(invitation);
  await panel.getByRole('button', { name: 'Join workspace' }).click();
  await panel.getByText('Assistant', { exact: true }).first().waitFor();
}

/**
 * Starts an endpoint on a fresh SQLite file and two Chromium profiles, and pairs them through
 * the UI only: the client creates the workspace and invites, the assistant pastes the invitation.
 */
export async function pairProfiles(options: PairOptions = {}): Promise<PairedProfiles> {
  const opened = options.opened ?? [];
  const database = sqliteDatabase();
  const endpoint = await startEndpoint(database.url);
  const client = await launchProfile();
  const assistant = await launchProfile();
  const close = async () => {
    await client.close();
    await assistant.close();
    await endpoint.stop();
    await database.drop();
  };
  try {
    const clientPanel = await client.openPage('sidepanel.html');
    opened.push(clientPanel);
    const invitation = await createWorkspaceAndInvite(clientPanel, endpoint.origin, options.clientDeviceName);
    await options.beforeJoin?.(clientPanel);

    const assistantPanel = await assistant.openPage('sidepanel.html');
    opened.push(assistantPanel);
    await joinWorkspace(assistantPanel, invitation, options.assistantDeviceName);
    await syncNow(assistantPanel);
    return { endpoint, database, client, assistant, clientPanel, assistantPanel, invitation, close };
  } catch (error) {
    await keepArtifacts(`${options.name ?? 'pair'}-pairing`, opened, logsOf([client, assistant]));
    await close();
    throw error;
  }
}

/**
 * Opens the popup (which syncs on opening) until a row shows `text` (and `status`, if given),
 * looking into the collapsed "Done" section too. Pages opened go into `opened`.
 */
export async function popupShows(profile: Profile, text: string, status?: string, opened: Page[] = []): Promise<Page> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const popup = await profile.openPage('popup.html');
    opened.push(popup);
    const row = popup.locator('[data-row]', { hasText: text }).filter(status ? { hasText: status } : {});
    const shown = () =>
      // `isVisible` does not wait (its timeout is ignored): wait for the row, so a slow first paint
      // under load is not taken for a missing row.
      row
        .first()
        .waitFor({ state: 'visible', timeout: 1500 })
        .then(
          () => true,
          () => false,
        );
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

/** Opens the side panel on a task by clicking its row in the popup (the popup closes itself). */
export async function openTask(profile: Profile, title: string, opened: Page[] = []): Promise<Page> {
  const popup = await popupShows(profile, title, undefined, opened);
  // The row itself: the title also shows elsewhere (a running timer in the header).
  await popup.locator('[data-row]', { hasText: title }).first().click();
  const panel = await profile.openPage('sidepanel.html');
  opened.push(panel);
  await panel.getByRole('heading', { name: 'Task', exact: true }).waitFor();
  return panel;
}

/** The toolbar badge's text. */
export async function badge(profile: Profile): Promise<string> {
  return profile.worker.evaluate(() => {
    const { chrome } = globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } };
    return chrome.action.getBadgeText({});
  });
}

/**
 * Waits until the profile has pushed every local change (its outbox is empty), read through
 * `via` (an extension page of the profile, when its service worker was stopped).
 */
export async function pushed(profile: Profile, via: Page | Worker = profile.worker): Promise<void> {
  await waitFor(
    async () => (await readExtensionDb(via, 'outbox')).count,
    (count) => count === 0,
  );
}

/** The materialised records (`data`) of one store of the extension's first workspace database, read inside `target`. */
export function readRecords<T = Record<string, unknown>>(target: Page | Worker, store: string): Promise<T[]> {
  return readRecordsIn<T>(target, 'zuarbeit', store);
}

/**
 * Stops the profile's service worker as Chromium does when it idles out (CDP
 * `ServiceWorker.stopAllWorkers`) and waits until CDP reports it stopped. Playwright's `Worker`
 * handle neither closes nor follows a restarted worker: read the store through a page afterwards.
 */
export async function stopServiceWorker(profile: Profile): Promise<void> {
  const page = await profile.context.newPage();
  const cdp = await profile.context.newCDPSession(page);
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) status.set(version.versionId, version.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await waitFor(
    async () => [...status.values()],
    (all) => all.length > 0 && all.every((s) => s === 'stopped'),
    10_000,
  );
  await cdp.detach();
  await page.close();
}

/**
 * Issue 13, on a side panel's Connection page: adds a workspace ("Add a workspace"), which opens
 * on its pairing forms, and joins it with `invitation` as `deviceName`, named `workspaceName`.
 */
export async function joinAnotherWorkspace(panel: Page, invitation: string, deviceName: string, workspaceName: string): Promise<void> {
  await panel.getByRole('button', { name: 'Connection', exact: true }).click();
  const before = await panel.locator('.workspaces > li').count();
  await panel.getByRole('button', { name: 'Add a workspace' }).click();
  await waitFor(
    () => panel.locator('.workspaces > li').count(),
    (count) => count === before + 1,
  );
  await panel.getByLabel('Name of this workspace (optional)').fill(workspaceName);
  await panel.getByLabel('Name of this device').fill(deviceName);
  await panel.getByLabel('Invitation', { exact: true }).fill(invitation);
  await panel.getByRole('button', { name: 'Join workspace' }).click();
  await panel.locator('.workspaces > li[aria-current="true"]', { hasText: workspaceName }).filter({ hasText: 'Assistant' }).waitFor();
}

/** Issue 13: opens the workspace `name` from the side panel's Connection page; the panel then shows its tasks. */
export async function openWorkspace(panel: Page, name: string): Promise<void> {
  await panel.getByRole('button', { name: 'Connection', exact: true }).click();
  await panel.getByRole('button', { name: `Open “${name}”`, exact: true }).click();
  await panel.getByRole('region', { name: 'Tasks', exact: true }).waitFor();
}

/** The workspaces in the profile's registry (issue 13), read inside `target`: id, database and label. */
export function readWorkspaces(target: Page | Worker): Promise<{ id: string; dbName: string; label: string }[]> {
  return (target as Page).evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('zuarbeit-workspaces');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const entries = await new Promise<{ id: string; dbName: string; label: string; addedAt: string }[]>((resolve, reject) => {
      const request = db.transaction('workspace').objectStore('workspace').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return entries.sort((a, b) => a.addedAt.localeCompare(b.addedAt)).map(({ id, dbName, label }) => ({ id, dbName, label }));
  });
}

/** The materialised records (`data`) of `store` in the workspace database `dbName`, read inside `target`. */
export function readRecordsIn<T = Record<string, unknown>>(target: Page | Worker, dbName: string, store: string): Promise<T[]> {
  return (target as Page).evaluate(
    async ({ dbName, store }: { dbName: string; store: string }) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const rows = await new Promise<{ data: T }[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return rows.map((row) => row.data);
    },
    { dbName, store },
  );
}
