import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { captureSnapshot, SNAPSHOT_READABILITY_MAX_ELEMENTS } from '../../lib/clip/snapshot';
import { TRUNCATION_MARKER } from '../../lib/clip/text';
import { SNAPSHOT_LIMITS } from '../../lib/model';
import { pageSnapshotSchema, type PageSnapshot } from '../../lib/snapshot/page-snapshot';

/**
 * Golden fixtures: test/fixtures/snapshot/<name>.html is the clipped page, <name>.md the text the
 * snapshot keeps. `UPDATE_GOLDEN=1 npx vitest run test/clip/snapshot.test.ts` rewrites the .md
 * files; review the diff before keeping it.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'snapshot');
const URL = 'https://rechtsprechung.example/bgh/vi-zr-1-25';
const windows: Window[] = [];

afterAll(async () => {
  await Promise.all(windows.map((window) => window.happyDOM.close()));
});

function newWindow(javascript = false): Window {
  const window = new Window({
    url: URL,
    settings: {
      disableJavaScriptEvaluation: !javascript,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  windows.push(window);
  return window;
}

function page(html: string): Document {
  const document = newWindow().document as unknown as Document;
  document.write(html);
  return document;
}

function textOf(snapshot: PageSnapshot): string {
  if ('missing' in snapshot) throw new Error(`no snapshot: ${snapshot.missing}`);
  return snapshot.text;
}

const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.html'))
  .map((file) => file.slice(0, -'.html'.length))
  .sort();

describe('snapshot golden fixtures', () => {
  it.each(names)('%s: converts to the stored text', (name) => {
    const snapshot = captureSnapshot(page(readFileSync(join(FIXTURES, `${name}.html`), 'utf8')));
    expect(pageSnapshotSchema.safeParse(snapshot).success).toBe(true);
    const text = textOf(snapshot);
    const expectedPath = join(FIXTURES, `${name}.md`);
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedPath, `${text}\n`);
    expect(text).toBe(readFileSync(expectedPath, 'utf8').replace(/\n$/, ''));
  });

  it('keeps the article with headings, lists, links and tables, and leaves navigation, images and scripts out', () => {
    const snapshot = captureSnapshot(page(readFileSync(join(FIXTURES, 'urteil.html'), 'utf8')));
    const text = textOf(snapshot);
    expect(text).toMatch(/^## Leitsatz$/m);
    expect(text).toContain('1. Der Nutzungswille ist eine innere Tatsache');
    expect(text).toContain('[nach § 249 BGB](https://rechtsprechung.example/normen/bgb/249)');
    expect(text).toContain('| Nutzungsausfall Gruppe D | 14 | 826,00 € |');
    for (const absent of ['Anmelden', 'Cookies', 'Beliebte Urteile', 'Impressum', 'tracking', 'bgh.jpg'])
      expect(text).not.toContain(absent);
    expect(snapshot).toMatchObject({
      shortened: false,
      siteName: 'Rechtsprechung Online',
      byline: 'Redaktion Rechtsprechung Online',
      publishedTime: '2025-03-14T09:00:00+01:00',
    });
  });

  it('never changes the live page', () => {
    const document = page(readFileSync(join(FIXTURES, 'urteil.html'), 'utf8'));
    const before = document.documentElement.outerHTML;
    captureSnapshot(document);
    expect(document.documentElement.outerHTML).toBe(before);
  });
});

describe('snapshot of bad input', () => {
  it('hostile markup stays text: nothing runs, script URLs and form values are not kept', () => {
    const window = newWindow(true);
    const html = readFileSync(join(FIXTURES, 'hostile.html'), 'utf8');
    // Parsed, not loaded: the page's own scripts are the page's business, the capture must not start any.
    const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    const text = textOf(captureSnapshot(document));
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
    expect(text).toContain('<script>alert("text")</script>');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('link with a script URL');
    expect(text).not.toContain("](javascript:alert('link'))");
    expect(text).not.toContain('](data:');
    // Markdown typed into the page is text like any other: the viewer shows it, it links nowhere.
    expect(text).toContain('[Markdown](javascript:alert(2)) written in the text');
    expect(text).toContain('[normal link](https://rechtsprechung.example/normal)');
    for (const absent of ['hunter2', 'Template content', '__pwned', 'onerror="', 'evil.example']) expect(text).not.toContain(absent);
  });

  it('50 MB of text in one element: shortened at the cap, marked, quickly', () => {
    const document = page('<!DOCTYPE html><html><head><title>Big</title></head><body><pre id="big"></pre></body></html>');
    document.getElementById('big')!.append(document.createTextNode('Wort und Satz. '.repeat(50_000_000 / 15)));
    const snapshot = captureSnapshot(document);
    const text = textOf(snapshot);
    expect(text.length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.text);
    expect(text.length).toBeGreaterThan(SNAPSHOT_LIMITS.text - 250);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(snapshot).toMatchObject({ shortened: true });
  });

  it('a page of more elements than Readability is given: the body is walked up to the cap', () => {
    const document = page('<!DOCTYPE html><html><head><title>Big</title></head><body></body></html>');
    const paragraph = 'Absatz mit Text. '.repeat(12);
    const count = SNAPSHOT_READABILITY_MAX_ELEMENTS + 5_000;
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < count; i++) {
      const p = document.createElement('p');
      p.textContent = paragraph;
      fragment.append(p);
    }
    document.body.append(fragment);
    const snapshot = captureSnapshot(document);
    expect(textOf(snapshot).length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.text);
    expect(snapshot).toMatchObject({ shortened: true });
  });

  it('a page without readable text says so', () => {
    for (const body of [
      '',
      '<img src="/only-a-picture.jpg" alt="">',
      '<div><div></div></div><script>var x = 1;</script>',
      '<div hidden>secret</div><input value="typed">',
    ]) {
      expect(captureSnapshot(page(`<!DOCTYPE html><html><head><title>Empty</title></head><body>${body}</body></html>`))).toEqual({
        missing: 'no-readable-content',
      });
    }
  });

  it('a short page without an article keeps its visible text', () => {
    const snapshot = captureSnapshot(page('<!DOCTYPE html><html><body><p>Kurz: <a href="/a">Termin</a> am Montag.</p></body></html>'));
    expect(textOf(snapshot)).toBe('Kurz: [Termin](https://rechtsprechung.example/a) am Montag.');
  });

  it('a custom cap shortens with the visible marker', () => {
    const snapshot = captureSnapshot(page(readFileSync(join(FIXTURES, 'urteil.html'), 'utf8')), { maxChars: 600 });
    const text = textOf(snapshot);
    expect(text.length).toBeLessThanOrEqual(600);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(snapshot).toMatchObject({ shortened: true });
  });
});
