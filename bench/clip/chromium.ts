// bench/clip/chromium: clip → draft stored, in Chromium with the built extension (the e2e build,
// `ZUARBEIT_E2E=1 npx wxt build`). Each of the real pages in ../shared/fixtures/pages is served on
// loopback (every other request is cut off: no network), opened in a tab, and clipped through
// the handler "Delegate this" calls; the worker times the capture script alone (inject, metadata,
// snapshot) and the whole clip up to the stored draft and panel route. Prints median and p95;
// asserts nothing. ROUNDS=n clips each page n times (default 2, the first a warm-up); BASELINE=<dir>
// measures another e2e build (e.g. a copy of .output/chrome-mv3-e2e made before a change) side by side.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchProfile, type Profile } from '../../test/e2e/harness';

const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures/pages');
if (!existsSync(FIXTURES)) throw new Error(`missing ${FIXTURES}`);
const names = readdirSync(FIXTURES)
  .filter((d) => existsSync(join(FIXTURES, d, 'source.html')))
  .sort();
const rounds = Number(process.env.ROUNDS ?? 2);

const server = createServer((req, res) => {
  const name = (req.url ?? '/').split('/')[1] ?? '';
  const file = join(FIXTURES, name.replace(/[^a-z0-9._-]/gi, ''), 'source.html');
  if (!names.includes(name) || !existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(file));
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const address = server.address();
if (!address || typeof address === 'string') throw new Error('no port');
const origin = `http://127.0.0.1:${address.port}`;

/** One build under measurement: its own profile and tab, and what it measured. */
interface Subject {
  label: string;
  profile: Profile;
  tab: Page;
  captureMs: number[];
  totalMs: number[];
  slowest: [string, number][];
}

async function subject(label: string, extensionDir?: string): Promise<Subject> {
  const profile = await launchProfile({ extensionDir });
  // The fixtures link images, fonts and scripts of their sites: none of it is fetched.
  await profile.context.route(
    (url) => !url.href.startsWith(origin) && !url.protocol.startsWith('chrome'),
    (route) => route.abort(),
  );
  return { label, profile, tab: await profile.context.newPage(), captureMs: [], totalMs: [], slowest: [] };
}

async function clip(s: Subject, name: string, counted: boolean): Promise<void> {
  const url = `${origin}/${name}/`;
  await s.tab.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
  const { capture, total } = await s.profile.worker.evaluate(async (url: string) => {
    // Inside the extension's service worker: `chrome` and the e2e build's `zuarbeit` handlers.
    const g = globalThis as any;
    const [tab] = await g.chrome.tabs.query({ url });
    const t0 = performance.now();
    await g.chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['/capture.js'] });
    const t1 = performance.now();
    await g.zuarbeit.onMenuClick({ menuItemId: 'zuarbeit-delegate', editable: false, pageUrl: url }, tab);
    const t2 = performance.now();
    return { capture: t1 - t0, total: t2 - t1 };
  }, url);
  if (!counted) return;
  s.captureMs.push(capture);
  s.totalMs.push(total);
  s.slowest.push([name, total]);
}

// BASELINE=<dir of another e2e build> measures it side by side, page by page, under the same load.
const subjects = [await subject('this build')];
if (process.env.BASELINE) subjects.unshift(await subject(`baseline ${process.env.BASELINE}`, process.env.BASELINE));
for (let round = 0; round < rounds; round++) {
  for (const name of names) for (const s of subjects) await clip(s, name, round > 0 || rounds === 1);
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, p95 ${s[Math.floor(s.length * 0.95)].toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
};
const counted = rounds > 1 ? rounds - 1 : 1;
console.log(
  `clip → draft stored in Chromium, ${names.length} real pages × ${counted} round(s)${rounds > 1 ? ' (a warm-up round not counted)' : ''}:`,
);
for (const s of subjects) {
  console.log(`${s.label}:`);
  console.log(`  capture script alone (inject, metadata, snapshot): ${stats(s.captureMs)}`);
  console.log(`  clip → draft stored (capture, build, store, route): ${stats(s.totalMs)} (budget p95 ≤ 100 ms)`);
  console.log(
    `  slowest: ${s.slowest
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`)
      .join(', ')}`,
  );
}
for (const s of subjects) await s.profile.close();
server.close();
process.exit(0);
