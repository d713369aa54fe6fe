/**
 * A clipped quote as it reads (issue 15, got in the way 7): the capture keeps links as
 * Markdown `[text](url)`; shown, each becomes its text linked to the URL when that is http(s),
 * and its text alone otherwise. Everything else stays as captured, rendered as text (escaped).
 */
import { TRUNCATION_MARKER } from '../clip/text';
import { safeHref } from './markdown';

/** A piece of a quote: plain text, or a link's text with its safe href. */
export type QuoteSegment = { text: string } | { text: string; href: string };

// A link's text has no brackets or line breaks; its URL no blanks and no closing parenthesis.
const LINK = /\[([^\]\n]+)\]\(([^\s)]+)\)/g;

/** The quote split into text and links, in order; adjacent text is merged. */
export function quoteSegments(quote: string): QuoteSegment[] {
  const segments: QuoteSegment[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = segments.at(-1);
    if (last && !('href' in last)) last.text += text;
    else segments.push({ text });
  };
  let at = 0;
  for (const match of quote.matchAll(LINK)) {
    pushText(quote.slice(at, match.index));
    const href = safeHref(match[2]);
    if (href) segments.push({ text: match[1], href });
    else pushText(match[1]);
    at = match.index + match[0].length;
  }
  pushText(quote.slice(at));
  return segments;
}

/** Whether the clipper cut this quote at its limit (it then ends with the cut marker): the view says so (issue 15, got in the way 6). */
export function quoteWasCut(quote: string): boolean {
  return quote.endsWith(TRUNCATION_MARKER);
}
