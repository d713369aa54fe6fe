import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { selectionToText } from '../../lib/clip/selection-text';
import { TRUNCATION_MARKER } from '../../lib/clip/text';
import { MAX_QUOTE_CHARS } from '../../lib/model';

/**
 * Golden fixtures: test/fixtures/selection/<name>.html is what the user selected, <name>.md the
 * text Zuarbeit stores. `UPDATE_GOLDEN=1 npx vitest run test/clip/selection-text` rewrites the
 * .md files; review the diff before keeping it.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'selection');
const BASE_URL = 'https://example.com/recht/artikel.html';
const windows: Window[] = [];

afterAll(async () => {
  await Promise.all(windows.map((window) => window.happyDOM.close()));
});

/** A page whose body is the fixture (parsed by the HTML parser, as a browser would). */
function page(html: string): Document {
  const window = new Window({
    url: BASE_URL,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  windows.push(window);
  const document = window.document as unknown as Document;
  document.write(`<!DOCTYPE html><html><head><title>t</title></head><body>${html}</body></html>`);
  return document;
}

function selectBody(document: Document): Range {
  const range = document.createRange();
  range.selectNodeContents(document.body);
  return range;
}

const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.html'))
  .map((file) => file.slice(0, -'.html'.length))
  .sort();

describe('selection golden fixtures', () => {
  it('has enough fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  it.each(names)('%s: a cloned fragment converts to the stored text', (name) => {
    const document = page(readFileSync(join(FIXTURES, `${name}.html`), 'utf8'));
    const text = selectionToText(selectBody(document).cloneContents(), { baseUrl: BASE_URL });
    const expectedPath = join(FIXTURES, `${name}.md`);
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedPath, `${text}\n`);
    expect(text).toBe(readFileSync(expectedPath, 'utf8').replace(/\n$/, ''));
  });

  it.each(names)('%s: the live range gives the same text as its clone', (name) => {
    const document = page(readFileSync(join(FIXTURES, `${name}.html`), 'utf8'));
    const range = selectBody(document);
    expect(selectionToText(range, { baseUrl: BASE_URL })).toBe(selectionToText(range.cloneContents(), { baseUrl: BASE_URL }));
  });
});

describe('lists', () => {
  it('numbers a list from its start attribute, even 0', () => {
    const document = page('<ol start="0"><li>null</li><li>eins</li></ol>');
    expect(selectionToText(document.body, { baseUrl: BASE_URL })).toBe('0. null\n1. eins');
  });
});

describe('selectionToText on partial ranges', () => {
  it('keeps list numbering and nesting when the selection starts inside the third item', () => {
    const document = page('<ol><li>one</li><li>two</li><li>three</li><li>four <b>bold</b></li></ol><p>after</p>');
    const items = document.querySelectorAll('li');
    const range = document.createRange();
    range.setStart(items[2].firstChild as Text, 2);
    range.setEnd(items[3].querySelector('b')?.firstChild as Text, 2);
    expect(selectionToText(range, { baseUrl: BASE_URL })).toBe('3. ree\n4. four bo');
  });

  it('clips a selection inside one text node and keeps code whitespace there', () => {
    const document = page('<p>Hello   wide   world</p><pre>a    b\n  c</pre>');
    const paragraph = document.createRange();
    paragraph.setStart(document.querySelector('p')?.firstChild as Text, 2);
    paragraph.setEnd(document.querySelector('p')?.firstChild as Text, 17);
    expect(selectionToText(paragraph, { baseUrl: BASE_URL })).toBe('llo wide wo');
    const code = document.createRange();
    code.selectNodeContents(document.querySelector('pre')?.firstChild as Text);
    expect(selectionToText(code, { baseUrl: BASE_URL })).toBe('a    b\n  c');
  });

  it('treats a selection inside one list item as its text, not as a one-item list', () => {
    const document = page('<ul><li><p>first para</p><p>second para</p></li></ul>');
    const range = document.createRange();
    range.setStart(document.querySelectorAll('p')[0].firstChild as Text, 6);
    range.setEnd(document.querySelectorAll('p')[1].firstChild as Text, 6);
    expect(selectionToText(range, { baseUrl: BASE_URL })).toBe('para\n\nsecond');
  });

  it('joins several ranges (Firefox table-cell selections) as paragraphs', () => {
    const document = page('<table><tr><td>Alpha</td><td>Beta</td></tr></table>');
    const ranges = Array.from(document.querySelectorAll('td'), (cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range;
    });
    expect(selectionToText(ranges, { baseUrl: BASE_URL })).toBe('Alpha\n\nBeta');
  });

  it('skips what the page hides with its style sheets when told how to see it', () => {
    const document = page('<p>shown</p><p class="sr">hidden by CSS</p><p>also shown</p>');
    const text = selectionToText(selectBody(document), { baseUrl: BASE_URL, isHidden: (element) => element.classList.contains('sr') });
    expect(text).toBe('shown\n\nalso shown');
  });

  it('returns an empty string for a collapsed range', () => {
    const document = page('<p>text</p>');
    const range = document.createRange();
    range.setStart(document.querySelector('p')?.firstChild as Text, 1);
    expect(selectionToText(range, { baseUrl: BASE_URL })).toBe('');
  });
});

describe('the size cap', () => {
  it('caps the huge fixture at MAX_QUOTE_CHARS with the marker', () => {
    const document = page(readFileSync(join(FIXTURES, 'huge.html'), 'utf8'));
    const text = selectionToText(selectBody(document), { baseUrl: BASE_URL });
    expect(text.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
    expect(text.length).toBeGreaterThan(MAX_QUOTE_CHARS - 300);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('stops walking early on an enormous selection', () => {
    const document = page(`<p>${'wort '.repeat(20)}</p>`.repeat(3_000));
    // Every element the walk visits is asked whether it is hidden: the count shows where it stopped.
    let visited = 0;
    const text = selectionToText(document.body, { baseUrl: BASE_URL, maxChars: 1000, isHidden: () => (visited++, false) });
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(visited).toBeGreaterThan(0);
    expect(visited).toBeLessThan(100);
  });

  it('stops collecting a huge table once it passes the cap', () => {
    const document = page(`<table>${'<tr><td>Zelle links</td><td>Zelle rechts</td></tr>'.repeat(3_000)}</table>`);
    const text = selectionToText(document.body, { baseUrl: BASE_URL, maxChars: 2000 });
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.startsWith('| Zelle links | Zelle rechts |\n| --- | --- |')).toBe(true);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('caps several ranges together, not each on its own', () => {
    const document = page('<p>aaaa aaaa</p><p>bbbb bbbb</p>');
    const ranges = Array.from(document.querySelectorAll('p'), (paragraph) => {
      const range = document.createRange();
      range.selectNodeContents(paragraph);
      return range;
    });
    const text = selectionToText(ranges, { baseUrl: BASE_URL, maxChars: 15 });
    expect(text.length).toBeLessThanOrEqual(15);
    expect(text.startsWith('aaaa aaaa')).toBe(true);
  });
});
