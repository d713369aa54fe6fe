import type { SensitiveSpan } from './types';

// Each umlaut also matches its transliteration and its decomposed form (PDF text often has "u\u0308").
const LETTER_VARIANTS: Record<string, string> = {
  ä: '(?:ä|a\\u0308|ae)',
  ö: '(?:ö|o\\u0308|oe)',
  ü: '(?:ü|u\\u0308|ue)',
  ß: '(?:ß|ss)',
};

/** A pattern for one listed name: case-insensitive, any whitespace between its words. */
function namePattern(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .map((word) => [...word].map((char) => LETTER_VARIANTS[char.toLowerCase()] ?? char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(''))
    .join('\\s+');
}

/**
 * The client's own names (Mandanten, opposing parties): each listed entry as a whole word,
 * case-insensitive, umlauts also as ae/oe/ue. A genitive "s" ("Müllers") stays outside the span,
 * so "[Mandant 1]s" keeps the grammar. Parts of a name match only when listed themselves.
 */
export function findNames(text: string, names: readonly string[]): SensitiveSpan[] {
  const patterns = names.filter((name) => name.trim().length > 0).map(namePattern);
  if (patterns.length === 0) return [];
  // Longer entries first, so "Anna Müller" wins over a listed "Müller" at the same place.
  patterns.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${patterns.join('|')})(?=(?:s|['’]s?)?(?![\\p{L}\\p{M}\\p{N}_]))`, 'giu');
  return [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    type: 'name' as const,
  }));
}
