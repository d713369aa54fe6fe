/**
 * Turns a clip (where the user right-clicked, what the page capture found) into a task draft.
 * Pure and total: every input yields a valid draft, so a clip never ends in an error, only in
 * less detail (no capture where scripting is not allowed: browser pages, the PDF viewer, web
 * stores).
 *
 * Defaults, chosen for the first delegations to a new assistant: due "no rush" (null), priority
 * normal, autonomy ask-first. Kind is `research`, except a slide deck (`presentation`) and text
 * selected where the user writes, in a text field or an editor (`revise-text`): that is their
 * own text, while text selected on a page they read is material to look into.
 */
import { MAX_QUOTE_CHARS, type DocumentType, type TaskDraft, type TaskKind, type TaskSource } from '../model';
import { METADATA_LIMITS, type CaptureResult } from './capture';
import { classifyLink, detectDocument, fileNameFromUrl, titleFromUrl } from './document-link';
import { clean, cutText } from './text';

/** Where the user right-clicked. */
export type DraftTarget = 'page' | 'selection' | 'link' | 'image';

export interface DraftInput {
  /** `command` is the keyboard shortcut: the selection if there is one, else the page. */
  target: DraftTarget | 'command';
  pageUrl: string;
  pageTitle: string;
  linkUrl?: string;
  linkText?: string;
  srcUrl?: string;
  /** The menu event's plain selection text: the quote when the page could not be captured. */
  selectionText?: string;
  favIconUrl?: string;
  capture: CaptureResult | null;
  id: string;
  now: Date;
}

/** Title length of a task (lib/model taskSchema). */
export const MAX_TITLE_CHARS = 500;
const MAX_URL_CHARS = 8192;

const PRESENTATIONS: readonly DocumentType[] = ['pptx', 'ppt', 'odp', 'gslide'];

/** Link texts that say nothing about the document behind them; its file name says more. */
const GENERIC_LINK_TEXT =
  /^(download|herunterladen|here|hier|link|pdf|docx?|xlsx?|pptx?|open|öffnen|view|ansehen|anzeigen|datei|file|mehr|more|click here|hier klicken)$/i;

/** Builds the draft for a clip; the link's own URL is used for links, never the page's. */
export function buildDraft(input: DraftInput): TaskDraft {
  const { source, kind } = sourceOf(input);
  const createdAt = input.now.toISOString();
  return {
    id: input.id,
    title: cutText(source.title, MAX_TITLE_CHARS),
    kind,
    instructions: '',
    source,
    due: null,
    priority: 'normal',
    autonomy: 'ask-first',
    createdAt,
    updatedAt: createdAt,
  };
}

function sourceOf(input: DraftInput): { source: TaskSource; kind: TaskKind } {
  const capturedAt = input.now.toISOString();
  if (input.target === 'link' && input.linkUrl && usableUrl(input.linkUrl)) return linkSource(input, input.linkUrl, capturedAt);
  if (input.target === 'image' && input.srcUrl && usableUrl(input.srcUrl)) {
    const url = input.srcUrl;
    const title = clean(input.capture?.page.title) ?? clean(input.pageTitle) ?? lastSegment(url) ?? titleFromUrl(url);
    return { source: { type: 'link', url, title: cutText(title, METADATA_LIMITS.title), capturedAt }, kind: 'research' };
  }
  const quote = selectionQuote(input);
  if (quote && (input.target === 'selection' || input.target === 'command')) {
    const page = pageSource(input, capturedAt);
    const editable = input.capture?.selection?.editable === true;
    // A selection in a PDF or an open Google Doc keeps its document type, so the assistant knows where to look.
    return { source: { ...page.source, type: 'selection', quote }, kind: editable ? 'revise-text' : page.kind };
  }
  // A selection the capture could not read and the event did not carry, a data: image, a link without URL: the page itself.
  return pageSource(input, capturedAt);
}

function linkSource(input: DraftInput, url: string, capturedAt: string): { source: TaskSource; kind: TaskKind } {
  const link = classifyLink(url);
  const text = clean(input.linkText);
  const fileName = fileNameFromUrl(url);
  const meaningfulText = text && !looksLikeUrl(text) && !(fileName && GENERIC_LINK_TEXT.test(text)) ? text : undefined;
  const title = meaningfulText ?? fileName ?? text ?? titleFromUrl(url);
  if (link.type === 'document') {
    return {
      source: { type: 'document', url, title: cutText(title, METADATA_LIMITS.title), documentType: link.documentType, capturedAt },
      kind: kindOfDocument(link.documentType),
    };
  }
  return { source: { type: 'link', url, title: cutText(title, METADATA_LIMITS.title), capturedAt }, kind: 'research' };
}

/**
 * The page's title. A PDF in the browser's viewer is the exception (issue 15, got in the way 8):
 * the viewer's own page is titled after the file or its URL, while the tab shows the document's
 * title ("Urteil VI ZR 1/25"); that one wins unless it is itself just the address.
 */
function pageTitle(captured: string | undefined, tabTitle: string, url: string | null, documentType: DocumentType | null): string {
  const fallback = url ? (fileNameFromUrl(url) ?? titleFromUrl(url)) : '';
  const tab = clean(tabTitle);
  if (documentType !== 'pdf') return clean(captured) ?? tab ?? fallback;
  const own = clean(captured);
  return [tab, own].find((title) => title && !looksLikeUrl(title) && title !== fallback) ?? fallback;
}

/** The page as the source; a tab that shows a document (the PDF viewer, an open Google Doc) is that document. */
function pageSource(input: DraftInput, capturedAt: string): { source: TaskSource; kind: TaskKind } {
  const page = input.capture?.page;
  const url = input.pageUrl && usableUrl(input.pageUrl) ? input.pageUrl : null;
  const documentType = url ? detectDocument(url) : null;
  const title = pageTitle(page?.title, input.pageTitle, url, documentType);
  const favicon = [input.favIconUrl, page?.favicon].find((candidate) => candidate && usableIcon(candidate));
  const source: TaskSource = {
    type: documentType ? 'document' : 'page',
    url,
    title: cutText(title, METADATA_LIMITS.title),
    capturedAt,
  };
  if (documentType) source.documentType = documentType;
  if (page?.description) source.description = page.description;
  if (page?.siteName) source.siteName = page.siteName;
  if (page?.lang) source.lang = page.lang;
  if (favicon) source.favicon = favicon;
  if (page?.byline) source.byline = page.byline;
  if (page?.publishedTime) source.publishedTime = page.publishedTime;
  return { source, kind: documentType ? kindOfDocument(documentType) : 'research' };
}

function selectionQuote(input: DraftInput): string | undefined {
  const captured = input.capture?.selection?.text.trim();
  if (captured) return cutText(captured, MAX_QUOTE_CHARS, 'quote');
  const fromEvent = input.selectionText?.trim();
  return fromEvent ? cutText(fromEvent, MAX_QUOTE_CHARS, 'quote') : undefined;
}

function kindOfDocument(documentType: DocumentType): TaskKind {
  return PRESENTATIONS.includes(documentType) ? 'presentation' : 'research';
}

/** A URL worth storing: absolute, not a script, and short enough for the record (inline data: images are neither). */
function usableUrl(url: string): boolean {
  if (url.length > MAX_URL_CHARS) return false;
  try {
    return !['javascript:', 'data:', 'blob:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function usableIcon(url: string): boolean {
  if (url.length > METADATA_LIMITS.favicon) return false;
  try {
    return ['http:', 'https:', 'data:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function looksLikeUrl(text: string): boolean {
  return /^(https?:\/\/|www\.)\S+$/i.test(text);
}

function lastSegment(url: string): string | undefined {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    return segment ? clean(decodeURIComponent(segment)) : undefined;
  } catch {
    return undefined;
  }
}
