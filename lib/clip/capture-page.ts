/**
 * The in-page half of a clip, run by `entrypoints/capture.ts` inside the clipped tab: the
 * page's metadata and the current selection as text. Only the injected script imports this
 * (it carries Readability); everything else uses the schema in `capture.ts`.
 */
import { METADATA_LIMITS, type CaptureResult, type PageMetadata } from './capture';
import { titleFromUrl } from './document-link';
import { extractPageMetadata } from './page-metadata';
import { MAX_QUOTE_CHARS } from '../model';
import { selectionToText } from './selection-text';
import { readPageArticle, snapshotOfArticle, type PageArticle } from './snapshot';
import { cutText } from './text';

/**
 * Runs inside the page: the page's metadata, the selection as text if the user selected
 * something, and the page's readable text (the snapshot; a selection's draft offers to include it). Never throws.
 */
export function captureInPage(): CaptureResult {
  // Readability runs once per clip (on a clone): the snapshot and the metadata fallback share it.
  const article = readPageArticle(document);
  return {
    page: capturePage(article),
    selection: captureSelection(),
    snapshot: snapshotOfArticle(document, article ?? null, { isHidden: isHiddenByStyle }),
  };
}

function capturePage(article: PageArticle | null | undefined): PageMetadata {
  const url = location.href;
  try {
    return extractPageMetadata(document, url, { article });
  } catch {
    // A page with a broken DOM still gets a task with a title.
    return { title: document.title.trim().slice(0, METADATA_LIMITS.title) || titleFromUrl(url).slice(0, METADATA_LIMITS.title) };
  }
}

function captureSelection(): CaptureResult['selection'] {
  let text = '';
  let editable = false;
  const selection = window.getSelection();
  try {
    const ranges: Range[] = [];
    for (let index = 0; index < (selection?.rangeCount ?? 0); index++) {
      const range = selection?.getRangeAt(index);
      if (range && !range.collapsed) ranges.push(range);
    }
    // Firefox gives one range per selected table cell; all of them together are the selection.
    if (ranges.length > 0) text = selectionToText(ranges, { baseUrl: document.baseURI, isHidden: isHiddenByStyle });
    const anchor = selection?.anchorNode;
    const anchorElement = anchor instanceof Element ? anchor : (anchor?.parentElement ?? null);
    editable = anchorElement instanceof HTMLElement && anchorElement.isContentEditable;
  } catch {
    text = ''; // a DOM the walk cannot handle: the fallbacks below still give the user their text
  }
  if (!text) {
    // A selection inside a text field is not part of the DOM's selection in every browser.
    text = cutText(formFieldSelection().trim(), MAX_QUOTE_CHARS, 'quote');
    editable ||= text !== '';
  }
  // Shadow DOM and other cases the walk cannot see: the browser's own plain text beats nothing.
  if (!text) text = cutText((selection?.toString() ?? '').trim(), MAX_QUOTE_CHARS, 'quote');
  if (!text) return null;
  return editable ? { text, editable } : { text };
}

/** Elements the page's style sheets hide: only the live page knows (cloned nodes have no computed style). */
function isHiddenByStyle(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  return view ? view.getComputedStyle(element).display === 'none' : false;
}

function formFieldSelection(): string {
  const field = document.activeElement;
  if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) return '';
  // Password fields are never clipped.
  if (field instanceof HTMLInputElement && field.type === 'password') return '';
  const { selectionStart, selectionEnd, value } = field;
  if (selectionStart === null || selectionEnd === null || selectionStart === selectionEnd) return '';
  return value.slice(selectionStart, selectionEnd);
}
