/**
 * Small text helpers of clipping: whitespace cleaning and the one text cutter that page
 * metadata, draft fields and selection quotes all use.
 */

/** Appended to a quote that was cut at the size limit (German and English readers both know `[…]`). */
export const TRUNCATION_MARKER = '\n\n[…]';

/**
 * How a cut text ends. A short field (title, description) gets an ellipsis right where it was
 * cut; a quote gets the marker on a line of its own, cut at a word boundary.
 */
const CUT_STYLES = {
  field: { marker: '…', atWord: false },
  quote: { marker: TRUNCATION_MARKER, atWord: true },
} as const;

export type CutStyle = keyof typeof CUT_STYLES;

/** Whitespace collapsed and trimmed; `undefined` for nothing. */
export function clean(value: string | null | undefined): string | undefined {
  const cleaned = value?.replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : undefined;
}

/** Cuts `text` to at most `maxChars` UTF-16 code units, marker included, never inside a surrogate pair. */
export function cutText(text: string, maxChars: number, style: CutStyle = 'field'): string {
  if (text.length <= maxChars) return text;
  const { marker, atWord } = CUT_STYLES[style];
  let end = Math.max(0, maxChars - marker.length);
  if (atWord) {
    const boundary = Math.max(text.lastIndexOf(' ', end), text.lastIndexOf('\n', end));
    // Prefer a word boundary unless it would throw away a long unbroken run (URLs, CJK text).
    if (boundary > end - 200 && boundary > 0) end = boundary;
  }
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end).trimEnd() + marker;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
