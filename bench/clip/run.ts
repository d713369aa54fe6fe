// bench/clip: clip → task stored. For 200 clips of real pages (shared fixtures, falling back to
// the e2e article): capture in the page (metadata with Readability, in happy-dom), build the
// draft, store it (fake-indexeddb) and set the panel route. Then selection → quote on an
// enormous selection (the walk must stop at the cap). Prints median and p95; asserts nothing.
import 'fake-indexeddb/auto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Window } from 'happy-dom';
import { extractPageMetadata, type PageMetadataOptions } from '../../lib/clip/page-metadata';
import { buildDraft } from '../../lib/clip/draft';
import { selectionToText } from '../../lib/clip/selection-text';
import { openZuarbeitDb, saveDraft, setPanelRoute } from '../../lib/store';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = resolve(ROOT, '../shared/fixtures/pages');
const sources = existsSync(FIXTURES)
  ? readdirSync(FIXTURES)
      .filter((d) => existsSync(join(FIXTURES, d, 'source.html')))
      .map((d) => readFileSync(join(FIXTURES, d, 'source.html'), 'utf8'))
  : [readFileSync(join(ROOT, 'test/e2e/pages/article.html'), 'utf8')];

// READABILITY_MODE=never|always measures the other modes of extractPageMetadata (docs/clipping.md).
const mode: PageMetadataOptions['readability'] =
  process.env.READABILITY_MODE === 'never' || process.env.READABILITY_MODE === 'always' ? process.env.READABILITY_MODE : 'auto';
const db = await openZuarbeitDb('bench-clip');
const capture: number[] = [];
const store: number[] = [];
const total: number[] = [];
for (let i = 0; i < 200; i++) {
  const html = sources[i % sources.length];
  const window = new Window({
    url: 'https://example.com/article',
    settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true },
  });
  window.document.write(html);
  const t0 = performance.now();
  const page = extractPageMetadata(window.document as unknown as Document, 'https://example.com/article', { readability: mode });
  const t1 = performance.now();
  const draft = buildDraft({
    target: 'page',
    pageUrl: 'https://example.com/article',
    pageTitle: page.title,
    capture: { page, selection: null },
    id: crypto.randomUUID(),
    now: new Date(),
  });
  await saveDraft(db, draft);
  await setPanelRoute(db, { view: 'draft', id: draft.id });
  const t2 = performance.now();
  capture.push(t1 - t0);
  store.push(t2 - t1);
  total.push(t2 - t0);
  await window.happyDOM.close();
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, p95 ${s[Math.floor(s.length * 0.95)].toFixed(1)} ms`;
};
console.log(`clip → task stored, 200 clips of ${sources.length} real pages:`);
console.log(`  capture in the page (metadata, Readability ${mode}, happy-dom): ${stats(capture)}`);
console.log(`  build draft + store + route (fake-indexeddb): ${stats(store)}`);
console.log(`  total: ${stats(total)} (budget p95 ≤ 100 ms)`);

// 3,000 paragraphs selected, capped at 1,000 characters: the walk stops after a few of them.
const enormous = new Window({
  url: 'https://example.com/article',
  settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true },
});
enormous.document.write(`<!DOCTYPE html><html><body>${`<p>${'wort '.repeat(20)}</p>`.repeat(3_000)}</body></html>`);
const selection: number[] = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  selectionToText(enormous.document.body as unknown as Node, { baseUrl: 'https://example.com/article', maxChars: 1000 });
  selection.push(performance.now() - t0);
}
await enormous.happyDOM.close();
console.log(`selection → quote, 3,000 paragraphs capped at 1,000 characters (happy-dom): ${stats(selection)}`);
process.exit(0);
