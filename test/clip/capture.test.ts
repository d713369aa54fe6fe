// @vitest-environment happy-dom
import { Readability } from '@mozilla/readability';
import { afterEach, describe, expect, it, vi } from 'vitest';
import captureScript from '../../entrypoints/capture';
import { captureResultSchema, parseCaptureResult } from '../../lib/clip/capture';
import { captureInPage } from '../../lib/clip/capture-page';
import { MAX_QUOTE_CHARS } from '../../lib/model';

/** Test scaffolding only: the page under test is built from trusted literals. */
function setPage(head: string, body: string): void {
  document.head.innerHTML = head;
  document.body.innerHTML = body;
}

function select(start: Node, startOffset: number, end: Node, endOffset: number): void {
  const range = document.createRange();
  range.setStart(start, startOffset);
  range.setEnd(end, endOffset);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

afterEach(() => {
  window.getSelection()?.removeAllRanges();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
});

describe('captureInPage', () => {
  it("returns the page's metadata and no selection when nothing is selected", () => {
    document.documentElement.setAttribute('lang', 'de');
    setPage(
      '<title>Urteil | Kanzlei</title><meta property="og:title" content="Urteil zur Klausel"><meta name="description" content="Kurz gefasst."><meta property="og:site_name" content="Kanzlei"><link rel="icon" href="/icon.svg">',
      '<p>Text</p>',
    );
    const result = captureInPage();
    expect(captureResultSchema.safeParse(result).success).toBe(true);
    expect(result.selection).toBeNull();
    expect(result.page).toMatchObject({ title: 'Urteil zur Klausel', description: 'Kurz gefasst.', siteName: 'Kanzlei', lang: 'de' });
    expect(result.page.favicon).toBe(new URL('/icon.svg', location.href).href);
  });

  it('parses the page with Readability once, for the snapshot and the metadata fallback alike', () => {
    // No description declared: the metadata falls back to Readability's excerpt, which the snapshot's parse already has.
    const paragraph = 'Der Bundesgerichtshof hat die Haftung von Bewertungsportalen für Bewertungen präzisiert. '.repeat(6);
    setPage('<title>Urteil</title>', `<article><h1>Urteil</h1><p>${paragraph}</p><p>${paragraph}</p></article>`);
    const parse = vi.spyOn(Readability.prototype, 'parse');
    try {
      const result = captureInPage();
      expect(parse).toHaveBeenCalledTimes(1);
      expect(result.page.description).toMatch(/^Der Bundesgerichtshof hat die Haftung/);
      expect(result.snapshot).toMatchObject({ text: expect.stringContaining('Bewertungsportalen') });
    } finally {
      parse.mockRestore();
    }
  });

  it('converts the selected DOM, keeping list structure and absolute links', () => {
    setPage('<title>Liste</title>', '<p>Vorher</p><ul><li>Erstens</li><li>Zweitens mit <a href="/mehr">Link</a></li></ul><p>Nachher</p>');
    const items = document.querySelectorAll('li');
    select(items[0].firstChild as Text, 0, items[1].querySelector('a')?.firstChild as Text, 4);
    const result = captureInPage();
    expect(result.selection).toEqual({ text: `- Erstens\n- Zweitens mit [Link](${new URL('/mehr', location.href).href})` });
  });

  it('leaves out what the style sheets hide', () => {
    setPage('<style>.sr { display: none }</style>', '<p>sichtbar</p><p class="sr">versteckt</p><p>auch sichtbar</p>');
    select(document.body, 0, document.body, document.body.childNodes.length);
    expect(captureInPage().selection?.text).toBe('sichtbar\n\nauch sichtbar');
  });

  it('reads a selection inside a text field and marks it editable', () => {
    setPage('', '<textarea>Mein Entwurf für den Mandanten</textarea>');
    const field = document.querySelector('textarea') as HTMLTextAreaElement;
    field.focus();
    field.setSelectionRange(5, 12);
    window.getSelection()?.removeAllRanges();
    expect(captureInPage().selection).toEqual({ text: 'Entwurf', editable: true });
  });

  it('is what the unlisted script returns to executeScript', () => {
    setPage('<title>Skript</title>', '');
    expect(captureScript.main()).toEqual(captureInPage());
  });
});

describe('parseCaptureResult', () => {
  it('accepts a well-formed capture', () => {
    expect(parseCaptureResult({ page: { title: 'T' }, selection: { text: 'x' } })).toEqual({
      page: { title: 'T' },
      selection: { text: 'x' },
    });
  });

  it('refuses what a page could have tampered with', () => {
    expect(parseCaptureResult(undefined)).toBeNull();
    expect(parseCaptureResult(null)).toBeNull();
    expect(parseCaptureResult({ page: { title: 42 }, selection: null })).toBeNull();
    expect(parseCaptureResult({ page: { title: 'T' }, selection: { text: '' } })).toBeNull();
    expect(parseCaptureResult({ page: { title: 'T' }, selection: { text: 'x'.repeat(MAX_QUOTE_CHARS + 1) } })).toBeNull();
    expect(parseCaptureResult({ page: { title: 'T'.repeat(1001) }, selection: null })).toBeNull();
  });
});
