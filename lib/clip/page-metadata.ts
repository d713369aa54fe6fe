/**
 * What a page says about itself: title, description, site name, language, favicon, author and
 * date. The page's own declarations (JSON-LD, Open Graph and other meta tags, `<title>`, `<html
 * lang>`, `<link rel=icon>`) are read first: they are cheap (well under a millisecond) and they
 * are what Reader View itself prefers. Mozilla's Readability, which finds the article in the
 * page, runs only when those leave the title or the description open, because a cold
 * Readability.parse() costs tens of milliseconds in the page (docs/clipping.md has the figures);
 * a clip hands in the article its snapshot parsed, so a page is never parsed twice.
 */
import { Readability } from '@mozilla/readability';
import { METADATA_LIMITS, type PageMetadata } from './capture';
import { titleFromUrl } from './document-link';
import { clean, cutText } from './text';

export type { PageMetadata };

export interface PageMetadataOptions {
  /**
   * `auto` (the default) runs Readability only where the page's own metadata leaves the title
   * or the description open and the page has at most READABILITY_MAX_ELEMENTS elements;
   * `always` and `never` are for measuring.
   */
  readability?: 'auto' | 'always' | 'never';
  /**
   * Readability's findings for this page when the caller already parsed it (a clip parses once,
   * for the snapshot too; null: it found no article); where Readability would run, they are used
   * instead of a second parse. Undefined: parse here if needed.
   */
  article?: ArticleFields | null;
}

/** The fields of Readability's article the metadata falls back to. */
export type ArticleFields = Pick<
  NonNullable<ReturnType<Readability['parse']>>,
  'title' | 'excerpt' | 'siteName' | 'byline' | 'publishedTime'
>;

/** Pages with more elements skip Readability in `auto` mode: parsing them costs hundreds of milliseconds. */
export const READABILITY_MAX_ELEMENTS = 4000;

/** schema.org types whose JSON-LD describes an article (the list Readability uses). */
const ARTICLE_TYPES =
  /^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$/;

interface StructuredData {
  title?: string;
  description?: string;
  siteName?: string;
  byline?: string;
  publishedTime?: string;
}

/** Reads a page's metadata from `doc` (never modified: Readability works on a clone). */
export function extractPageMetadata(doc: Document, url: string, options: PageMetadataOptions = {}): PageMetadata {
  const meta = readMetaTags(doc);
  const documentTitle = clean(doc.title) ?? clean(doc.querySelector('title')?.textContent);
  const jsonLd = readJsonLd(doc, documentTitle ?? first(meta, 'og:title', 'twitter:title'));
  const declaredTitle = jsonLd.title ?? first(meta, 'og:title', 'twitter:title', 'dc:title', 'dcterm:title', 'parsely-title');
  let description =
    jsonLd.description ?? first(meta, 'og:description', 'description', 'twitter:description', 'dc:description', 'dcterm:description');
  let siteName = jsonLd.siteName ?? first(meta, 'og:site_name');
  let byline = jsonLd.byline ?? first(meta, 'author', 'dc:creator', 'dcterm:creator', 'parsely-author') ?? articleAuthor(meta);
  let publishedTime = jsonLd.publishedTime ?? first(meta, 'article:published_time', 'parsely-pub-date');
  let title = declaredTitle ?? documentTitle;

  const mode = options.readability ?? 'auto';
  const runReadability =
    mode === 'always' || (mode === 'auto' && (!declaredTitle || !description) && countElements(doc) <= READABILITY_MAX_ELEMENTS);
  if (runReadability) {
    const article = options.article !== undefined ? options.article : readArticle(doc);
    if (article) {
      // The declared title stays: Readability's title comes from the same tags, or else from `<title>` with the site's name cut off.
      title = declaredTitle ?? clean(article.title) ?? title;
      description ??= clean(article.excerpt);
      siteName ??= clean(article.siteName);
      byline ??= clean(article.byline);
      publishedTime ??= clean(article.publishedTime);
    }
  }

  title ??= clean(doc.querySelector('h1')?.textContent) ?? titleFromUrl(url);
  return withoutEmpty({
    title: cutText(title, METADATA_LIMITS.title),
    description: description && cutText(description, METADATA_LIMITS.description),
    siteName: siteName && cutText(siteName, METADATA_LIMITS.siteName),
    lang: pageLanguage(doc, meta),
    favicon: favicon(doc, url),
    byline: byline && cutText(byline, METADATA_LIMITS.byline),
    publishedTime: publishedTime && publishedTime.length <= METADATA_LIMITS.publishedTime ? publishedTime : undefined,
  });
}

function readArticle(doc: Document): ArticleFields | null {
  try {
    const clone = doc.cloneNode(true) as Document;
    // The article's HTML is not needed: an empty serializer saves serialising it.
    return new Readability(clone, { serializer: () => '' }).parse();
  } catch {
    return null; // Readability gives up on odd documents (framesets, XML); the declared metadata stands.
  }
}

/** `<meta>` values by lower-cased `property` and `name` tokens; the first non-empty value of a key wins. */
function readMetaTags(doc: Document): Map<string, string> {
  const values = new Map<string, string>();
  for (const element of Array.from(doc.getElementsByTagName('meta'))) {
    const content = clean(element.getAttribute('content'));
    if (!content) continue;
    const keys = [
      ...(element.getAttribute('property') ?? '').split(/\s+/),
      element.getAttribute('name') ?? '',
      element.getAttribute('http-equiv') ?? '',
    ];
    for (const key of keys) {
      const normalised = key.trim().toLowerCase().replace(/\./g, ':');
      if (normalised && !values.has(normalised)) values.set(normalised, content);
    }
  }
  return values;
}

function first(meta: Map<string, string>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = meta.get(key);
    if (value) return unescapeEntities(value);
  }
  return undefined;
}

/** `article:author` is often a profile URL, which is no name. */
function articleAuthor(meta: Map<string, string>): string | undefined {
  const value = meta.get('article:author');
  return value && !/^https?:\/\//i.test(value) ? value : undefined;
}

/** The first schema.org article in the page's JSON-LD (`shownTitle` picks between its name and headline), plus the site's name from its publisher or WebSite entry. */
function readJsonLd(doc: Document, shownTitle: string | undefined): StructuredData {
  const found: StructuredData = {};
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue; // broken JSON-LD is common; the meta tags still count
    }
    for (const item of jsonLdItems(parsed)) {
      const type = typeNames(item['@type']);
      if (!found.title && type.some((name) => ARTICLE_TYPES.test(name))) {
        found.title = articleTitle(text(item.name), text(item.headline), shownTitle);
        found.description = text(item.description);
        found.byline = authorNames(item.author);
        found.publishedTime = text(item.datePublished);
        found.siteName ??= text(record(item.publisher)?.name);
      } else if (!found.siteName && type.includes('WebSite')) {
        found.siteName = text(item.name);
      }
    }
  }
  return found;
}

/**
 * Sites disagree on which of `name` and `headline` holds the article's title (Wikipedia puts a
 * short description into `headline`, aktualne.cz its own name into `name`); like Reader View, take
 * the one that resembles the `<title>`, else `name`.
 */
function articleTitle(name: string | undefined, headline: string | undefined, documentTitle: string | undefined): string | undefined {
  if (!name || !headline || name === headline) return name ?? headline;
  // `<title>` usually ends with the site's name (`… - Aktuálně.cz`), which neither candidate contains.
  const shown = documentTitle ?? '';
  const withoutSite = shown.replace(/\s+[|\-–—»·•]\s+[^|\-–—»·•]{1,40}$/u, '');
  const resembles = (candidate: string) => Math.max(similarity(candidate, shown), similarity(candidate, withoutSite)) > 0.75;
  return resembles(headline) && !resembles(name) ? headline : name;
}

/** The share of `other`'s words (by length) that also occur in `text`: Readability's measure. */
function similarity(text: string, other: string): number {
  const words = (value: string) =>
    value
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const known = new Set(words(text));
  const otherWords = words(other);
  if (known.size === 0 || otherWords.length === 0) return 0;
  const unknown = otherWords.filter((word) => !known.has(word)).join(' ');
  return 1 - unknown.length / otherWords.join(' ').length;
}

/** JSON-LD objects, whether given alone, in an array or in an `@graph`. */
function jsonLdItems(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(jsonLdItems);
  const item = record(value);
  if (!item) return [];
  const graph = item['@graph'];
  return Array.isArray(graph) ? [item, ...graph.flatMap(jsonLdItems)] : [item];
}

function typeNames(value: unknown): string[] {
  const names = Array.isArray(value) ? value : [value];
  return names.filter((name): name is string => typeof name === 'string').map((name) => name.replace(/^https?:\/\/schema\.org\//, ''));
}

function authorNames(value: unknown): string | undefined {
  const authors = (Array.isArray(value) ? value : [value])
    .map((author) => (typeof author === 'string' ? clean(author) : text(record(author)?.name)))
    .filter((name): name is string => !!name && !/^https?:\/\//i.test(name));
  return authors.length > 0 ? authors.join(', ') : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? clean(unescapeEntities(value)) : undefined;
}

function pageLanguage(doc: Document, meta: Map<string, string>): string | undefined {
  const declared =
    clean(doc.documentElement?.getAttribute('lang')) ??
    clean(doc.documentElement?.getAttribute('xml:lang')) ??
    meta.get('content-language')?.split(',')[0]?.trim() ??
    meta.get('og:locale')?.replace('_', '-');
  return declared && declared.length <= METADATA_LIMITS.lang ? declared : undefined;
}

/** The page's declared icon resolved to an absolute URL, else the site's `/favicon.ico`. */
function favicon(doc: Document, url: string): string | undefined {
  const base = baseUrl(doc, url);
  const links = Array.from(doc.querySelectorAll('link[rel][href]'));
  const relTokens = (link: Element) => (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
  const icon =
    links.find((link) => relTokens(link).includes('icon')) ??
    links.find((link) => relTokens(link).some((token) => token.startsWith('apple-touch-icon')));
  const candidates = [icon?.getAttribute('href'), '/favicon.ico'];
  for (const href of candidates) {
    if (!href?.trim()) continue;
    try {
      const resolved = new URL(href.trim(), base);
      if (['http:', 'https:', 'data:'].includes(resolved.protocol) && resolved.href.length <= METADATA_LIMITS.favicon) return resolved.href;
    } catch {
      // an unusable href: try the next candidate
    }
  }
  return undefined;
}

/** `<base href>` resolved against the page URL, which `new URL` then resolves relative links against. */
function baseUrl(doc: Document, url: string): string {
  const href = doc.querySelector('base[href]')?.getAttribute('href');
  if (href) {
    try {
      return new URL(href, url).href;
    } catch {
      // fall through to the page URL
    }
  }
  return url;
}

function countElements(doc: Document): number {
  return doc.getElementsByTagName('*').length;
}

/** Undoes the double escaping that many sites put into meta content (`&amp;amp;`); the parser already did the first level. */
function unescapeEntities(value: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };
  return value
    .replace(/&(quot|amp|apos|lt|gt|nbsp);/g, (_, name: string) => named[name])
    .replace(/&#(?:x([0-9a-f]+)|([0-9]+));/gi, (_, hex: string | undefined, decimal: string | undefined) => {
      const code = Number.parseInt(hex ?? decimal ?? '', hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    });
}

function withoutEmpty(metadata: PageMetadata): PageMetadata {
  const result: PageMetadata = { title: metadata.title };
  for (const key of ['description', 'siteName', 'lang', 'favicon', 'byline', 'publishedTime'] as const) {
    const value = metadata[key];
    if (value) result[key] = value;
  }
  return result;
}
