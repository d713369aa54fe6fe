// The browser's floor for the page benches (bench/popup, bench/panel): a blank extension page
// written into the e2e build, and the one way both measure a page, from navigation start to the
// frame that paints what they wait for.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_NAME } from '../../lib/store/db';
import { META } from '../../lib/store/meta-keys';
import { EXTENSION_DIR, type Profile } from '../../test/e2e/harness';

/** The blank page's path in the extension; it paints one `[data-row]` and nothing else. */
export const BLANK = 'bench-blank.html';

/** What every bench page ends with: one row, the element firstPaint waits for. */
const ADD_ROW =
  "const row = document.createElement('p'); row.setAttribute('data-row', ''); row.textContent = 'Aufgabe'; document.getElementById('app').append(row);\n";

/** Writes `<name>.html`, whose only script is `<name>.js` (after `head`, e.g. stylesheets), into `dir`; returns what removes both. */
function writePage(dir: string, name: string, script: string, head = ''): () => void {
  const files = [join(dir, `${name}.html`), join(dir, `${name}.js`)];
  writeFileSync(
    files[0],
    `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title>${head}</head>` +
      `<body><div id="app"></div><script type="module" src="/${name}.js"></script></body></html>`,
  );
  writeFileSync(files[1], script);
  return () => files.forEach((file) => rmSync(file, { force: true }));
}

/**
 * Writes the blank page (a module script that only adds one row) into the build the profile
 * copies (the e2e build unless `dir` names another), with the LOADED and READER pages; returns
 * what removes them again, once the profile has them.
 */
export function writeBlankPage(dir: string = EXTENSION_DIR): () => void {
  const removers = [writePage(dir, 'bench-blank', ADD_ROW), writeLoadedPage(dir), writeReaderPage(dir)];
  return () => removers.forEach((remove) => remove());
}

/**
 * IndexedDB's floor for a view's start: a page that loads none of our code, opens the first
 * workspace's database (DB_NAME, where the benches seed) with the browser's own API and reads
 * what the view reads before its first render, in the same transactions and order, then adds one
 * row. `?view=popup`: the session's records, the list index's counters and each range's first 25
 * rows, and the drafts; `?view=panel`: the session's records and the route, then the routed task,
 * its thread and its time log. What a view takes above this page is its own work besides reading.
 */
export const READER = 'bench-reader.html';

function writeReaderPage(dir: string): () => void {
  return writePage(
    dir,
    'bench-reader',
    `const done = (request) => new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
const ended = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = tx.onabort = () => reject(tx.error); });
const db = await done(indexedDB.open(${JSON.stringify(DB_NAME)}));
const session = (meta) => Promise.all(${JSON.stringify([META.connection, META.devices, META.clock])}.map((key) => done(meta.get(key))));
if (new URLSearchParams(location.search).get('view') === 'panel') {
  const first = db.transaction('meta', 'readonly');
  const [, route] = await Promise.all([session(first.objectStore('meta')), done(first.objectStore('meta').get(${JSON.stringify(META.panelRoute)})), ended(first)]);
  const tx = db.transaction(['task', 'comment', 'timeEntry'], 'readonly');
  await Promise.all([
    done(tx.objectStore('task').get(route.id)),
    done(tx.objectStore('comment').index('by-task').getAll(route.id)),
    done(tx.objectStore('timeEntry').index('by-task').getAll(route.id)),
    ended(tx),
  ]);
} else {
  const drafts = done(db.transaction('drafts', 'readonly').objectStore('drafts').getAll());
  const tx = db.transaction(['meta', 'task', 'taskRowCount'], 'readonly');
  const counters = tx.objectStore('taskRowCount');
  const [, keys] = await Promise.all([session(tx.objectStore('meta')), done(counters.getAllKeys()), done(counters.getAll())]);
  const index = tx.objectStore('task').index('by-order');
  const ranges = keys.filter((key) => key.startsWith('range:')).map((key) => JSON.parse(key.slice(6)));
  await Promise.all([...ranges.map(([author, cls]) => done(index.getAll(IDBKeyRange.bound([author, cls], [author, cls, []]), 25))), ended(tx), drafts]);
}
${ADD_ROW}`,
  );
}

/**
 * The floor with the popup's code: a page that loads and runs the popup's shared chunks and its
 * stylesheet (everything popup.html loads but its own entry script) and then only adds one row.
 * What the popup takes above this page is its own start: opening the databases, reading, rendering.
 */
export const LOADED = 'bench-loaded.html';

function writeLoadedPage(dir: string): () => void {
  const popup = readFileSync(join(dir, 'popup.html'), 'utf8');
  const chunks = [...popup.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1]);
  const styles = [...popup.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1]);
  return writePage(
    dir,
    'bench-loaded',
    chunks.map((href) => `import '${href}';\n`).join('') + ADD_ROW,
    styles.map((href) => `<link rel="stylesheet" href="${href}">`).join(''),
  );
}

/**
 * Milliseconds from navigation start, and from the document being parsed (our scripts start), to
 * the start of the frame that paints the first element matching `selector` (the blank page's row by default);
 * `framed`: from navigation start to the end of that frame's style, layout and paint (work a view
 * moves from before the frame into it, such as a layout it no longer forces, shows here).
 */
export async function firstPaint(
  profile: Profile,
  path: string,
  selector = '[data-row]',
): Promise<{ fromNavigation: number; fromParsed: number; framed: number; steps: Record<string, number> }> {
  const page = await profile.context.newPage();
  await page.addInitScript((selector) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) {
        observer.disconnect();
        // The frame that paints it starts now; later work (the popup renders the rest of a long
        // list after this paint) must not count.
        requestAnimationFrame(() => {
          (window as unknown as { painted: number }).painted = performance.now();
          // A task posted now, before every other (the views' after-paint work), runs once this
          // frame's style, layout and paint are done.
          void (
            globalThis as unknown as { scheduler: { postTask(task: () => void, options: { priority: string }): Promise<void> } }
          ).scheduler.postTask(() => ((window as unknown as { framed: number }).framed = performance.now()), { priority: 'user-blocking' });
        });
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }, selector);
  await page.goto(profile.url(path));
  await page.waitForFunction(() => (window as unknown as { framed?: number }).framed !== undefined, undefined, { timeout: 60_000 });
  const timing = await page.evaluate(() => {
    const { painted, framed } = window as unknown as { painted: number; framed: number };
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    // The views' own steps (performance marks named zuarbeit:*, lib/ui/startup-marks.ts), from navigation start.
    const steps: Record<string, number> = { parsed: nav.domInteractive };
    for (const mark of performance.getEntriesByType('mark'))
      if (mark.name.startsWith('zuarbeit:')) steps[mark.name.slice(9)] = mark.startTime;
    return { fromNavigation: painted, fromParsed: painted - nav.domInteractive, framed, steps };
  });
  await page.close();
  return timing;
}

/** The median of each step over `runs` (the steps of firstPaint), as one line: "parsed 38 · module 74 · …". */
export function medianSteps(runs: readonly Record<string, number>[]): string {
  const names = [...new Set(runs.flatMap((run) => Object.keys(run)))];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return names
    .map((name) => [name, median(runs.map((run) => run[name]).filter((t) => t !== undefined))] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([name, t]) => `${name} ${t.toFixed(0)}`)
    .join(' · ');
}
