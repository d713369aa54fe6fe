import { describe, expect, it } from 'vitest';
import { formatSize, MAX_HIGHLIGHTS, searchPieces } from '../../lib/snapshot/view';

describe('search in a snapshot', () => {
  it('cuts the text at every case-insensitive match, and the pieces give back the text', () => {
    const text = 'Die Revision hat Erfolg. Die REVISION führt zur Aufhebung.';
    const { pieces, matches } = searchPieces(text, 'revision');
    expect(matches).toBe(2);
    expect(pieces.filter((piece) => piece.match).map((piece) => piece.text)).toEqual(['Revision', 'REVISION']);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
  });

  it('takes the query literally: markup and regular expression characters are text', () => {
    const text = 'a <script>alert(1)</script> and (a+b)* [x](y)';
    for (const query of ['<script>', '(a+b)*', '[x](y)', '.*']) {
      const { pieces, matches } = searchPieces(text, query);
      expect(matches).toBe(query === '.*' ? 0 : 1);
      expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    }
  });

  it('keeps offsets where lower-casing would change the length', () => {
    const text = 'İstanbul und ıstanbul; Straße';
    const { pieces } = searchPieces(text, 'straße');
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    expect(pieces.at(-1)).toEqual({ text: 'Straße', match: true });
  });

  it('an empty query is the whole text; a frequent one is counted in full but highlighted up to the limit', () => {
    expect(searchPieces('abc', '  ')).toEqual({ pieces: [{ text: 'abc', match: false }], matches: 0 });
    const text = 'e'.repeat(10_000);
    const { pieces, matches } = searchPieces(text, 'e');
    expect(matches).toBe(10_000);
    expect(pieces.filter((piece) => piece.match)).toHaveLength(MAX_HIGHLIGHTS);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
  });
});

describe('snapshot sizes', () => {
  it('reads in both languages', () => {
    expect(formatSize(820, 'en')).toBe('820 byte');
    expect(formatSize(12_345, 'en')).toBe('12 kB');
    expect(formatSize(1_400_000, 'de')).toBe('1,4 MB');
  });
});
