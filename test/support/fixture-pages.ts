// The 77 real pages of ../shared/fixtures/pages (mozilla/readability's test suite, with the
// metadata Firefox's Reader View extracts): their names and each page parsed as a document.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';

export const FIXTURE_PAGES = resolve(import.meta.dirname, '../../../shared/fixtures/pages');

/** The fixture pages in name order; a missing or empty folder throws rather than passing unseen (CI always has it). */
export function fixturePageNames(): string[] {
  if (!existsSync(FIXTURE_PAGES))
    throw new Error(`The Reader View fixtures are missing: expected them in ${FIXTURE_PAGES} (mozilla/readability's test pages).`);
  const names = readdirSync(FIXTURE_PAGES)
    .filter((name) => existsSync(join(FIXTURE_PAGES, name, 'source.html')))
    .sort();
  if (names.length === 0) throw new Error(`${FIXTURE_PAGES} holds no fixture pages (<name>/source.html).`);
  return names;
}

/** A file of one fixture page (`source.html`, `expected-metadata.json`, ...). */
export function fixtureFile(name: string, file: string): string {
  return readFileSync(join(FIXTURE_PAGES, name, file), 'utf8');
}

/** The page's `source.html` parsed as a browser would, with no script, style sheet or frame loaded; `close` frees its window. */
export function fixtureDocument(name: string): { document: Document; close(): Promise<void> } {
  const window = new Window({
    url: 'https://example.com/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  const document = window.document as unknown as Document;
  document.write(fixtureFile(name, 'source.html'));
  return { document, close: () => window.happyDOM.close() };
}
