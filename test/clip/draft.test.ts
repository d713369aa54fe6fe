import { describe, expect, it } from 'vitest';
import type { CaptureResult } from '../../lib/clip/capture';
import { buildDraft, type DraftInput } from '../../lib/clip/draft';
import { TRUNCATION_MARKER } from '../../lib/clip/text';
import { MAX_QUOTE_CHARS, taskDraftSchema, type TaskDraft } from '../../lib/model';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const PAGE_URL = 'https://www.example.com/news/2026/urteil.html';

const capture: CaptureResult = {
  page: {
    title: 'BGH kippt Klausel',
    description: 'Der Bundesgerichtshof hat entschieden.',
    siteName: 'Example News',
    lang: 'de',
    favicon: 'https://www.example.com/favicon.ico',
  },
  selection: null,
};

function input(overrides: Partial<DraftInput>): DraftInput {
  return {
    target: 'page',
    pageUrl: PAGE_URL,
    pageTitle: 'BGH kippt Klausel | Example News',
    capture: null,
    id: 'draft-1',
    now: NOW,
    ...overrides,
  };
}

/** Every draft must be storable: the schema is the contract with lib/store. */
function draft(overrides: Partial<DraftInput>): TaskDraft {
  const built = buildDraft(input(overrides));
  expect(taskDraftSchema.safeParse(built).success).toBe(true);
  return built;
}

describe('buildDraft defaults', () => {
  it('is research, no rush, normal priority, ask first, with empty instructions', () => {
    const built = draft({ capture });
    expect(built).toMatchObject({
      id: 'draft-1',
      kind: 'research',
      instructions: '',
      due: null,
      priority: 'normal',
      autonomy: 'ask-first',
      createdAt: '2026-03-02T09:30:00.000Z',
      updatedAt: '2026-03-02T09:30:00.000Z',
    });
    expect(built.source.capturedAt).toBe('2026-03-02T09:30:00.000Z');
  });
});

describe('page clips', () => {
  it('takes title, description, site name, language and favicon from the capture', () => {
    const built = draft({ capture, favIconUrl: undefined });
    expect(built.title).toBe('BGH kippt Klausel');
    expect(built.source).toEqual({
      type: 'page',
      url: PAGE_URL,
      title: 'BGH kippt Klausel',
      description: 'Der Bundesgerichtshof hat entschieden.',
      siteName: 'Example News',
      lang: 'de',
      favicon: 'https://www.example.com/favicon.ico',
      capturedAt: '2026-03-02T09:30:00.000Z',
    });
  });

  it('prefers the icon the browser shows over the declared one', () => {
    expect(draft({ capture, favIconUrl: 'https://cdn.example.com/icon.png' }).source.favicon).toBe('https://cdn.example.com/icon.png');
    expect(draft({ capture, favIconUrl: 'chrome://favicon/x' }).source.favicon).toBe('https://www.example.com/favicon.ico');
  });

  it('falls back to the tab title without a capture, and to the address without a title', () => {
    expect(draft({ capture: null }).title).toBe('BGH kippt Klausel | Example News');
    const untitled = draft({ capture: null, pageTitle: '   ' });
    expect(untitled.title).toBe('example.com/news/2026/urteil.html');
    expect(untitled.source.description).toBeUndefined();
  });

  it('stores a tab showing a PDF (the viewer allows no scripting) as that document', () => {
    const built = draft({ pageUrl: 'https://example.com/files/Gutachten%202025.pdf', pageTitle: '' });
    expect(built.source).toMatchObject({ type: 'document', documentType: 'pdf', url: 'https://example.com/files/Gutachten%202025.pdf' });
    expect(built.title).toBe('Gutachten 2025.pdf');
  });

  it('makes an open slide deck a presentation task', () => {
    const built = draft({ pageUrl: 'https://docs.google.com/presentation/d/1abc/edit', pageTitle: 'Pitch Q3 - Google Slides' });
    expect(built.kind).toBe('presentation');
    expect(built.source.documentType).toBe('gslide');
  });

  it('keeps browser pages with their title and no URL trouble', () => {
    const built = draft({ pageUrl: 'chrome://settings/', pageTitle: 'Settings' });
    expect(built.source).toMatchObject({ type: 'page', url: 'chrome://settings/', title: 'Settings' });
  });

  it('stores no URL rather than a broken one', () => {
    expect(draft({ pageUrl: '', pageTitle: 'x' }).source.url).toBeNull();
    expect(draft({ pageUrl: `https://example.com/?q=${'a'.repeat(9000)}`, pageTitle: 'x' }).source.url).toBeNull();
  });

  it('caps a very long title at 500 characters', () => {
    const built = draft({ capture: { ...capture, page: { title: 'Wort '.repeat(200) } } });
    expect(built.title.length).toBeLessThanOrEqual(500);
    expect(built.title.endsWith('…')).toBe(true);
    expect(built.source.title.length).toBeLessThanOrEqual(1000);
  });
});

describe('selection clips', () => {
  it('quotes the captured text', () => {
    const built = draft({
      target: 'selection',
      selectionText: 'flat text',
      capture: { ...capture, selection: { text: '- Punkt eins\n- Punkt zwei' } },
    });
    expect(built.source).toMatchObject({
      type: 'selection',
      url: PAGE_URL,
      title: 'BGH kippt Klausel',
      quote: '- Punkt eins\n- Punkt zwei',
      siteName: 'Example News',
    });
    expect(built.kind).toBe('research');
  });

  it("falls back to the menu event's selectionText when scripting was not allowed", () => {
    const built = draft({
      target: 'selection',
      selectionText: '  Text aus dem PDF-Viewer  ',
      capture: null,
      pageUrl: 'https://example.com/a.pdf',
    });
    expect(built.source).toMatchObject({ type: 'selection', quote: 'Text aus dem PDF-Viewer', documentType: 'pdf' });
  });

  it('falls back to the event text when the capture saw no selection (e.g. inside a frame)', () => {
    expect(draft({ target: 'selection', selectionText: 'im iframe', capture }).source.quote).toBe('im iframe');
  });

  it('makes text selected in an editor a revise-text task', () => {
    expect(draft({ target: 'selection', capture: { ...capture, selection: { text: 'Mein Entwurf', editable: true } } }).kind).toBe(
      'revise-text',
    );
  });

  it('caps an over-long event text like a captured one', () => {
    const quote = draft({ target: 'selection', selectionText: 'wort '.repeat(10_000) }).source.quote ?? '';
    expect(quote.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
    expect(quote.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('becomes a page clip when there is no text at all, never an error', () => {
    expect(draft({ target: 'selection', selectionText: '   ', capture: null }).source.type).toBe('page');
  });
});

describe('link clips', () => {
  it("uses the link's URL, not the page's", () => {
    const built = draft({ target: 'link', linkUrl: 'https://other.example.org/artikel', linkText: 'Ein anderer Artikel', capture });
    expect(built.source).toEqual({
      type: 'link',
      url: 'https://other.example.org/artikel',
      title: 'Ein anderer Artikel',
      capturedAt: '2026-03-02T09:30:00.000Z',
    });
    expect(built.title).toBe('Ein anderer Artikel');
  });

  it('recognises a document link and stores its type', () => {
    const built = draft({ target: 'link', linkUrl: 'https://example.com/docs/Mietvertrag.docx', linkText: 'Mietvertrag (Entwurf)' });
    expect(built.source).toMatchObject({
      type: 'document',
      documentType: 'docx',
      url: 'https://example.com/docs/Mietvertrag.docx',
      title: 'Mietvertrag (Entwurf)',
    });
    expect(built.kind).toBe('research');
  });

  it('prefers the file name over a link text that says nothing', () => {
    expect(draft({ target: 'link', linkUrl: 'https://example.com/Merkblatt%20Fristen.pdf', linkText: 'Download' }).title).toBe(
      'Merkblatt Fristen.pdf',
    );
    expect(
      draft({ target: 'link', linkUrl: 'https://example.com/Merkblatt.pdf', linkText: 'https://example.com/Merkblatt.pdf' }).title,
    ).toBe('Merkblatt.pdf');
    expect(draft({ target: 'link', linkUrl: 'https://example.com/Merkblatt.pdf' }).title).toBe('Merkblatt.pdf');
  });

  it('titles a bare link by its address', () => {
    expect(draft({ target: 'link', linkUrl: 'https://www.example.org/kontakt/' }).title).toBe('example.org/kontakt');
  });

  it('makes a slide deck link a presentation task', () => {
    const built = draft({ target: 'link', linkUrl: 'https://contoso.sharepoint.com/:p:/s/Sales/EPqR?e=1', linkText: 'Pitch' });
    expect(built.kind).toBe('presentation');
    expect(built.source.documentType).toBe('pptx');
  });

  it('falls back to the page for a javascript: link', () => {
    expect(draft({ target: 'link', linkUrl: 'javascript:void(0)', linkText: 'Menü' }).source).toMatchObject({
      type: 'page',
      url: PAGE_URL,
    });
  });
});

describe('image clips', () => {
  it('links to the image itself, titled by the page', () => {
    const built = draft({ target: 'image', srcUrl: 'https://cdn.example.com/img/chart.png' });
    expect(built.source).toMatchObject({
      type: 'link',
      url: 'https://cdn.example.com/img/chart.png',
      title: 'BGH kippt Klausel | Example News',
    });
  });

  it('clips the page instead of an inline data: image', () => {
    expect(draft({ target: 'image', srcUrl: `data:image/png;base64,${'A'.repeat(20_000)}` }).source).toMatchObject({
      type: 'page',
      url: PAGE_URL,
    });
  });
});

describe('the keyboard shortcut', () => {
  it('delegates the selection when there is one', () => {
    expect(draft({ target: 'command', capture: { ...capture, selection: { text: 'Absatz' } } }).source).toMatchObject({
      type: 'selection',
      quote: 'Absatz',
    });
  });

  it('delegates the page otherwise', () => {
    expect(draft({ target: 'command', capture }).source.type).toBe('page');
    expect(draft({ target: 'command', capture: null }).source.type).toBe('page');
  });
});

describe('author and date of a page', () => {
  const withAuthor: CaptureResult = {
    ...capture,
    page: { ...capture.page, byline: 'Dr. Erika Muster', publishedTime: '2026-03-01T18:00:00+01:00' },
  };

  it('are stored on the source of a page and of a selection, where the assistant can cite them', () => {
    expect(draft({ capture: withAuthor }).source).toMatchObject({
      type: 'page',
      byline: 'Dr. Erika Muster',
      publishedTime: '2026-03-01T18:00:00+01:00',
    });
    const selection = draft({ target: 'selection', capture: { ...withAuthor, selection: { text: 'Die Klausel ist unwirksam.' } } });
    expect(selection.source).toMatchObject({
      type: 'selection',
      quote: 'Die Klausel ist unwirksam.',
      byline: 'Dr. Erika Muster',
      publishedTime: '2026-03-01T18:00:00+01:00',
    });
  });

  it('are left out when the page declares none, and for a link (the page is not its author)', () => {
    expect(draft({ capture }).source).not.toHaveProperty('byline');
    expect(draft({ capture }).source).not.toHaveProperty('publishedTime');
    const link = draft({ target: 'link', linkUrl: 'https://example.com/other.html', linkText: 'Anderer Artikel', capture: withAuthor });
    expect(link.source).not.toHaveProperty('byline');
    expect(link.source).not.toHaveProperty('publishedTime');
  });
});
