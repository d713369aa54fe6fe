import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { captureSnapshot } from '../../lib/clip/snapshot';
import { pageSnapshotSchema } from '../../lib/snapshot/page-snapshot';

/**
 * The snapshot over the 77 real pages of ../shared/fixtures/pages (mozilla/readability's test
 * suite): every page yields text or says "no readable content", valid by the schema the
 * background parses with, and never throws. Figures (time, sizes, parts): bench/snapshot.
 */
const PAGES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'pages');

describe('snapshot of real pages', () => {
  it('gives text or an explicit "no readable content" on each of the 77 pages', async () => {
    if (!existsSync(PAGES)) throw new Error(`The real pages are missing: expected them in ${PAGES}.`);
    const names = readdirSync(PAGES).filter((name) => existsSync(join(PAGES, name, 'source.html')));
    expect(names.length).toBeGreaterThanOrEqual(77);
    let withText = 0;
    for (const name of names) {
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
      document.write(readFileSync(join(PAGES, name, 'source.html'), 'utf8'));
      const snapshot = captureSnapshot(document);
      expect(pageSnapshotSchema.safeParse(snapshot).success, name).toBe(true);
      if ('text' in snapshot) {
        expect(snapshot.text.trim().length, name).toBeGreaterThan(0);
        withText++;
      } else expect(snapshot, name).toEqual({ missing: 'no-readable-content' });
      await window.happyDOM.close();
    }
    console.log(`snapshot: ${withText}/${names.length} real pages with text, the rest "no readable content"`);
  }, 240_000);
});
