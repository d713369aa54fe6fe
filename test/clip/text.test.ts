import { describe, expect, it } from 'vitest';
import { clean, cutText, TRUNCATION_MARKER } from '../../lib/clip/text';

describe('cutText, quote style', () => {
  it('leaves short text alone and cuts long text at a word boundary', () => {
    expect(cutText('kurz', 10, 'quote')).toBe('kurz');
    expect(cutText('eins zwei drei vier fünf sechs', 20, 'quote')).toBe(`eins zwei drei${TRUNCATION_MARKER}`);
  });

  it('never splits a surrogate pair', () => {
    const text = cutText('😀'.repeat(100), 21, 'quote');
    expect(text.length).toBeLessThanOrEqual(21);
    expect(text.replace(TRUNCATION_MARKER, '')).toMatch(/^(😀)+$/u);
  });

  it('cuts inside a long unbroken run rather than dropping most of it', () => {
    const text = cutText(`kurz ${'x'.repeat(1000)}`, 500, 'quote');
    expect(text.length).toBe(500);
    expect(text.endsWith(`${'x'.repeat(10)}${TRUNCATION_MARKER}`)).toBe(true);
  });
});

describe('cutText, field style', () => {
  it('ends a cut field with an ellipsis right where it was cut, marker included in the limit', () => {
    expect(cutText('Bundesgerichtshof', 17)).toBe('Bundesgerichtshof');
    expect(cutText('Bundesgerichtshof', 8)).toBe('Bundesg…');
    expect(cutText('eins zwei drei', 6)).toBe('eins…');
  });

  it('never splits a surrogate pair', () => {
    const text = cutText('😀'.repeat(10), 6);
    expect(text).toBe('😀😀…');
  });
});

describe('clean', () => {
  it('collapses whitespace and turns nothing into undefined', () => {
    expect(clean('  Urteil \n vom\t3. März ')).toBe('Urteil vom 3. März');
    expect(clean('   ')).toBeUndefined();
    expect(clean(null)).toBeUndefined();
  });
});
