import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPageMetadata } from '../../lib/clip/page-metadata';

const URL_ = 'https://www.example.com/artikel/frist.html';
const windows: Window[] = [];

afterAll(async () => {
  await Promise.all(windows.map((window) => window.happyDOM.close()));
});

/** A document parsed from markup, as the browser would build it. */
function parse(html: string, url = URL_): Document {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  windows.push(window);
  const document = window.document as unknown as Document;
  document.write(html);
  return document;
}

const ARTICLE_BODY = `<article><h1>Überschrift im Text</h1>${'<p>Ein ausführlicher Absatz über Fristen im Mietrecht, der lang genug ist, damit Readability ihn als Artikel erkennt, und der noch weitergeht.</p>'.repeat(6)}</article>`;

describe('extractPageMetadata', () => {
  it('reads the declared metadata', () => {
    const doc = parse(`<html lang="de-DE"><head>
      <title>Frist verpasst? | Kanzlei Blog</title>
      <meta property="og:title" content="Frist verpasst? Was jetzt zu tun ist">
      <meta name="description" content="Die Beschreibung.">
      <meta property="og:site_name" content="Kanzlei Blog">
      <meta name="author" content="Dr. Anna Beispiel">
      <meta property="article:published_time" content="2025-06-05T08:00:00Z">
      <link rel="icon" type="image/png" href="/static/icon-32.png">
    </head><body><p>x</p></body></html>`);
    expect(extractPageMetadata(doc, URL_)).toEqual({
      title: 'Frist verpasst? Was jetzt zu tun ist',
      description: 'Die Beschreibung.',
      siteName: 'Kanzlei Blog',
      lang: 'de-DE',
      favicon: 'https://www.example.com/static/icon-32.png',
      byline: 'Dr. Anna Beispiel',
      publishedTime: '2025-06-05T08:00:00Z',
    });
  });

  it('prefers JSON-LD, picking between name and headline by the shown title', () => {
    const doc = parse(`<html><head><title>New Zealand - Wikipedia</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","name":"New Zealand","headline":"country in Oceania","author":[{"name":"A"},{"name":"B"}],"publisher":{"name":"Wikimedia"},"datePublished":"2001-01-01"}</script>
    </head><body><p>x</p></body></html>`);
    expect(extractPageMetadata(doc, URL_, { readability: 'never' })).toMatchObject({
      title: 'New Zealand',
      siteName: 'Wikimedia',
      byline: 'A, B',
      publishedTime: '2001-01-01',
    });
  });

  it('finds the article in an @graph and survives broken JSON-LD', () => {
    const doc = parse(`<html><head><title>T</title>
      <script type="application/ld+json">{ not json</script>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Beispiel-Verlag"},{"@type":["NewsArticle"],"headline":"Schlagzeile","description":"Aus dem Graph"}]}</script>
    </head><body></body></html>`);
    expect(extractPageMetadata(doc, URL_, { readability: 'never' })).toMatchObject({
      title: 'Schlagzeile',
      description: 'Aus dem Graph',
      siteName: 'Beispiel-Verlag',
    });
  });

  it('lets Readability fill what the page does not declare, without touching the page', () => {
    const doc = parse(
      `<html><head><title>Mietrecht: So berechnen Sie Fristen richtig - Kanzlei Beispiel</title></head><body>${ARTICLE_BODY}</body></html>`,
    );
    const before = doc.body.textContent;
    const metadata = extractPageMetadata(doc, URL_);
    expect(metadata.description).toMatch(/^Ein ausführlicher Absatz über Fristen/);
    expect(metadata.title).toBe('Mietrecht: So berechnen Sie Fristen richtig');
    expect(doc.body.textContent).toBe(before);
    expect(doc.querySelectorAll('p')).toHaveLength(6);
  });

  it('skips Readability when told to, keeping the raw <title>', () => {
    const doc = parse(
      `<html><head><title>Mietrecht: So berechnen Sie Fristen richtig - Kanzlei Beispiel</title></head><body>${ARTICLE_BODY}</body></html>`,
    );
    const metadata = extractPageMetadata(doc, URL_, { readability: 'never' });
    expect(metadata.title).toBe('Mietrecht: So berechnen Sie Fristen richtig - Kanzlei Beispiel');
    expect(metadata.description).toBeUndefined();
  });

  it('has a sensible title when nothing declares one', () => {
    expect(
      extractPageMetadata(parse('<html><head></head><body><h1> Impressum </h1></body></html>'), URL_, { readability: 'never' }).title,
    ).toBe('Impressum');
    expect(extractPageMetadata(parse('<html><head></head><body></body></html>'), URL_).title).toBe('example.com/artikel/frist.html');
    expect(
      extractPageMetadata(parse('<html><head></head><body></body></html>', 'https://example.com/'), 'https://example.com/').title,
    ).toBe('example.com');
  });

  it('undoes double-escaped entities and collapses whitespace', () => {
    const doc =
      parse(`<html><head><meta property="og:title" content="Tom &amp;amp; Jerry&amp;#39;s   Fall"><meta name="description" content="  Zeile eins
      Zeile zwei  "></head><body></body></html>`);
    expect(extractPageMetadata(doc, URL_)).toMatchObject({ title: "Tom & Jerry's Fall", description: 'Zeile eins Zeile zwei' });
  });

  it('caps long fields at the stored limits', () => {
    const doc = parse(
      `<html><head><meta property="og:title" content="${'T'.repeat(1500)}"><meta name="description" content="${'d '.repeat(2000)}"></head><body></body></html>`,
    );
    const metadata = extractPageMetadata(doc, URL_);
    expect(metadata.title.length).toBeLessThanOrEqual(1000);
    expect(metadata.description?.length).toBeLessThanOrEqual(2000);
    expect(metadata.description?.endsWith('…')).toBe(true);
  });

  describe('favicon', () => {
    it('resolves a relative icon against <base href>', () => {
      const doc = parse(
        '<html><head><base href="https://cdn.example.net/site/"><link rel="shortcut icon" href="favicon.png"></head><body></body></html>',
      );
      expect(extractPageMetadata(doc, URL_).favicon).toBe('https://cdn.example.net/site/favicon.png');
    });

    it('takes an apple-touch-icon when there is no icon, else /favicon.ico', () => {
      expect(
        extractPageMetadata(parse('<html><head><link rel="apple-touch-icon" href="/touch.png"></head><body></body></html>'), URL_).favicon,
      ).toBe('https://www.example.com/touch.png');
      expect(extractPageMetadata(parse('<html><head></head><body></body></html>'), URL_).favicon).toBe(
        'https://www.example.com/favicon.ico',
      );
    });

    it('offers none for pages without a web origin', () => {
      expect(extractPageMetadata(parse('<html><head></head><body></body></html>'), 'file:///home/anna/brief.html').favicon).toBeUndefined();
    });
  });

  describe('language', () => {
    it('falls back from <html lang> to Content-Language and og:locale', () => {
      expect(
        extractPageMetadata(parse('<html><head><meta http-equiv="content-language" content="fr, en"></head><body></body></html>'), URL_)
          .lang,
      ).toBe('fr');
      expect(
        extractPageMetadata(parse('<html><head><meta property="og:locale" content="de_AT"></head><body></body></html>'), URL_).lang,
      ).toBe('de-AT');
      expect(extractPageMetadata(parse('<html><head></head><body></body></html>'), URL_).lang).toBeUndefined();
    });
  });
});
