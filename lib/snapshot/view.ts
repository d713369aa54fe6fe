/**
 * What the snapshot views show, as pure functions: where a search matches the text and how
 * large a snapshot is. The components render the pieces as text nodes, so matches are
 * highlighted without any markup from the page.
 */

/** A piece of the text: a search match or the text between matches. */
export interface TextPiece {
  text: string;
  match: boolean;
}

/** Highlighting stops here: a one-letter search in 500,000 characters would otherwise build 100,000 elements. */
export const MAX_HIGHLIGHTS = 500;

/**
 * `text` cut into pieces at the case-insensitive matches of `query` (at most MAX_HIGHLIGHTS),
 * and how many matches there are in all. Offsets come from a regular expression on the text
 * itself: lower-casing first would shift them wherever a letter changes length (İ → i̇).
 */
export function searchPieces(text: string, query: string): { pieces: TextPiece[]; matches: number } {
  const needle = query.trim();
  if (!needle) return { pieces: [{ text, match: false }], matches: 0 };
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const pieces: TextPiece[] = [];
  let matches = 0;
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    matches++;
    if (matches > MAX_HIGHLIGHTS) continue;
    if (found.index > last) pieces.push({ text: text.slice(last, found.index), match: false });
    pieces.push({ text: found[0], match: true });
    last = found.index + found[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), match: false });
  return { pieces, matches };
}

/** A size for people: "820 B", "12 KB", "1.4 MB" in the UI's language. */
export function formatSize(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  const digits = unit === 'megabyte' && value < 10 ? 1 : 0;
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  } catch {
    return new Intl.NumberFormat('en', { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  }
}
