import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
function messages(locale: string): Map<string, string> {
  const flat = new Map<string, string>();
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'string') flat.set(prefix, value);
    else for (const [key, inner] of Object.entries(value as object)) walk(prefix ? `${prefix}_${key}` : key, inner);
  };
  walk('', JSON.parse(readFileSync(join(root, 'locales', `${locale}.json`), 'utf8')));
  return flat;
}

describe('locales', () => {
  const en = messages('en');
  const de = messages('de');

  it('German has every English message and no other', () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('every message is filled in and keeps the same substitutions', () => {
    for (const [key, text] of en) {
      const german = de.get(key) ?? '';
      expect(text.trim(), key).not.toBe('');
      expect(german.trim(), key).not.toBe('');
      const subs = (s: string) => [...s.matchAll(/\$\d/g)].map((m) => m[0]).sort();
      expect(subs(german), key).toEqual(subs(text));
    }
  });

  it('uses the formal "Sie" in German, never "du"', () => {
    for (const [key, text] of de) expect(text, key).not.toMatch(/\b(du|dein|deine|dich|dir)\b/i);
  });
});
