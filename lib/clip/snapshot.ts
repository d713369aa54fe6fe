/**
 * The page as the client saw it (issue 12): the readable part of the page as text with light
 * markdown, for an assistant who cannot open the page (legal databases and newspapers are behind
 * logins). Readability finds the article in a clone of the document, never in the live page (it
 * rewrites the DOM it is given); the one selection walker (`selection-text.ts`) turns it into
 * text, so headings, paragraphs, lists, links and tables come out as in a quote, images are
 * dropped, and no HTML is ever serialised or stored. Runs in the page (capture script) and in
 * Node tests; never throws.
 */
import { Readability } from '@mozilla/readability';
import { SNAPSHOT_LIMITS } from '../model';
import type { PageSnapshot } from '../snapshot/page-snapshot';
import { METADATA_LIMITS } from './capture';
import { selectionToText } from './selection-text';
import { TRUNCATION_MARKER, clean, cutText } from './text';

/**
 * Pages beyond these sizes skip Readability and keep the visible text of the body, walked only
 * up to the cap: Readability copies the whole page's HTML for each of its up to four passes,
 * which on a page of 50 MB of text takes minutes and gigabytes (docs/clipping.md, "Page snapshot").
 */
export const SNAPSHOT_READABILITY_MAX_ELEMENTS = 20_000;
export const SNAPSHOT_READABILITY_MAX_CHARS = 2_000_000;

export interface SnapshotOptions {
  /** Longest text in UTF-16 code units, the cut marker included (default SNAPSHOT_LIMITS.text). */
  maxChars?: number;
  /** Extra hidden test for the live body (computed `display: none`); the clone has no computed style. */
  isHidden?: (element: Element) => boolean;
}

/** What Readability found in a page: the article as a DOM node, with its title, byline, site and date. */
export type PageArticle = NonNullable<ReturnType<Readability<Node>['parse']>>;

/**
 * Readability's article of `doc`, found in a clone: null when it finds none or gives up,
 * undefined when the page is too large to try (see SNAPSHOT_READABILITY_MAX_ELEMENTS). A clip
 * parses once and hands the article to both the snapshot and the metadata fallback
 * (`extractPageMetadata`'s `article`): a cold parse costs tens of milliseconds in the page.
 */
export function readPageArticle(doc: Document): PageArticle | null | undefined {
  try {
    return fitsReadability(doc) ? readArticle(doc) : undefined;
  } catch {
    return null;
  }
}

/** The readable text of `doc` and what the page says about it, or why there is none. */
export function captureSnapshot(doc: Document, options: SnapshotOptions = {}): PageSnapshot {
  return snapshotOfArticle(doc, readPageArticle(doc) ?? null, options);
}

/** The snapshot of `doc` from the article `readPageArticle` found (null: none, so the body's visible text). */
export function snapshotOfArticle(doc: Document, article: PageArticle | null, options: SnapshotOptions = {}): PageSnapshot {
  const maxChars = options.maxChars ?? SNAPSHOT_LIMITS.text;
  const baseUrl = doc.baseURI;
  try {
    let text = article?.content ? selectionToText(article.content, { baseUrl, maxChars }) : '';
    // No article found (a page of links, an app shell): the page's visible text is still what the client saw.
    if (!text && doc.body) text = selectionToText(doc.body, { baseUrl, maxChars, isHidden: options.isHidden });
    if (!text.trim()) return { missing: 'no-readable-content' };
    const snapshot: PageSnapshot = { text, shortened: wasCut(text, maxChars) };
    const title = clean(article?.title);
    const byline = clean(article?.byline);
    const siteName = clean(article?.siteName);
    const publishedTime = clean(article?.publishedTime);
    if (title) snapshot.title = cutText(title, METADATA_LIMITS.title);
    if (byline) snapshot.byline = cutText(byline, METADATA_LIMITS.byline);
    if (siteName) snapshot.siteName = cutText(siteName, METADATA_LIMITS.siteName);
    if (publishedTime && publishedTime.length <= METADATA_LIMITS.publishedTime) snapshot.publishedTime = publishedTime;
    return snapshot;
  } catch {
    // A DOM the walk cannot handle: the task is still made, without the page's text.
    return { missing: 'no-readable-content' };
  }
}

/** Counts elements and text up to the limits only, so a huge page costs no more than the limits. */
function fitsReadability(doc: Document): boolean {
  if (doc.getElementsByTagName('*').length > SNAPSHOT_READABILITY_MAX_ELEMENTS) return false;
  const walker = doc.createTreeWalker(doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  let chars = 0;
  while (walker.nextNode()) {
    chars += (walker.currentNode as CharacterData).length;
    if (chars > SNAPSHOT_READABILITY_MAX_CHARS) return false;
  }
  return true;
}

function readArticle(doc: Document): PageArticle | null {
  try {
    const clone = doc.cloneNode(true) as Document;
    // The article stays a DOM node for the walker: serialising it to HTML would only invite rendering it.
    return new Readability<Node>(clone, { serializer: (node) => node }).parse();
  } catch {
    return null; // Readability gives up on odd documents (framesets, XML); the body's text stands in.
  }
}

/** The walker marks a cut with TRUNCATION_MARKER within 200 characters of the cap (a word boundary). */
function wasCut(text: string, maxChars: number): boolean {
  return text.endsWith(TRUNCATION_MARKER) && text.length > maxChars - 250;
}
