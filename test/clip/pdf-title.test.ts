// Issue 15 (got in the way 8): a PDF clipped in Chrome's viewer takes the tab's title, not the file URL.
import { describe, expect, it } from 'vitest';
import { buildDraft, type DraftInput } from '../../lib/clip/draft';

const URL = 'https://juris.example.de/urteile/vi-zr-1-25.pdf';
const viewer = (title: string) => ({ page: { title }, selection: null });
const draft = (overrides: Partial<DraftInput>) =>
  buildDraft({ target: 'page', pageUrl: URL, pageTitle: '', capture: null, id: 'd1', now: new Date('2026-12-01T10:00:00Z'), ...overrides });

describe('the title of a PDF in the browser’s viewer', () => {
  it('is the tab’s title when the viewer page is titled after the file or its address', () => {
    expect(draft({ pageTitle: 'Urteil VI ZR 1/25', capture: viewer(URL) }).title).toBe('Urteil VI ZR 1/25');
    expect(draft({ pageTitle: 'Urteil VI ZR 1/25', capture: viewer('vi-zr-1-25.pdf') }).title).toBe('Urteil VI ZR 1/25');
    expect(draft({ pageTitle: 'Urteil VI ZR 1/25' }).title).toBe('Urteil VI ZR 1/25');
  });

  it('falls back to the file name when the tab shows only the address', () => {
    expect(draft({ pageTitle: URL, capture: viewer(URL) }).title).toBe('vi-zr-1-25.pdf');
  });

  it('leaves web pages as they were: the page’s own title first', () => {
    const page = 'https://www.example.com/news/urteil.html';
    expect(draft({ pageUrl: page, pageTitle: 'BGH kippt Klausel | Example News', capture: viewer('BGH kippt Klausel') }).title).toBe(
      'BGH kippt Klausel',
    );
  });
});
