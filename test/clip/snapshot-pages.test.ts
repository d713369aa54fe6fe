import { describe, expect, it } from 'vitest';
import { captureSnapshot } from '../../lib/clip/snapshot';
import { pageSnapshotSchema } from '../../lib/snapshot/page-snapshot';
import { fixtureDocument, fixturePageNames } from '../support/fixture-pages';

/**
 * The snapshot over the 77 real pages of ../shared/fixtures/pages (mozilla/readability's test
 * suite): every page yields text or says "no readable content", valid by the schema the
 * background parses with, and never throws. Figures (time, sizes, parts): bench/snapshot.
 */

describe('snapshot of real pages', () => {
  it('gives text or an explicit "no readable content" on each of the 77 pages', async () => {
    const names = fixturePageNames();
    expect(names.length).toBeGreaterThanOrEqual(77);
    let withText = 0;
    for (const name of names) {
      const { document, close } = fixtureDocument(name);
      const snapshot = captureSnapshot(document);
      expect(pageSnapshotSchema.safeParse(snapshot).success, name).toBe(true);
      if ('text' in snapshot) {
        expect(snapshot.text.trim().length, name).toBeGreaterThan(0);
        withText++;
      } else expect(snapshot, name).toEqual({ missing: 'no-readable-content' });
      await close();
    }
    console.log(`snapshot: ${withText}/${names.length} real pages with text, the rest "no readable content"`);
  }, 240_000);
});
