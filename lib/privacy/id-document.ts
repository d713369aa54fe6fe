import type { SensitiveSpan } from './types';

// German ID cards and passports use these letters only (no vowels, no B, D, Q, S); the first character is a letter.
const ID_DOCUMENT = /(?<![\p{L}\p{N}])([CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8})(\d)?(?![\p{L}\p{N}])/gu;
const KEYWORD =
  /(?:Ausweis(?:-?\s?(?:nummer|nr\.?))?|Personalausweis(?:nummer)?|Reisepass(?:nummer)?|Pass-?\s?(?:nummer|nr\.?)|Dokumentennummer|ID[ -]?card(?:\s+(?:no\.?|number))?|passport(?:\s+(?:no\.?|number))?)[\s:.#-]*(?:\S+\s+){0,2}$/iu;
const KEYWORD_WINDOW = 60;

/** The ICAO 9303 check digit: digits as themselves, letters A=10 … Z=35, weights 7, 3, 1, sum mod 10. */
export function icaoCheckDigit(value: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.toUpperCase().charCodeAt(i);
    sum += (code >= 65 ? code - 55 : code - 48) * weights[i % 3];
  }
  return sum % 10;
}

/**
 * German ID card and passport numbers (9 characters). The rule: a hit when the 10th character is
 * the valid ICAO check digit, or when a keyword ("Ausweis(nummer)", "Personalausweis", "Reisepass",
 * "Passnummer", "ID card", "passport", …) stands at most two words before a 9-character number
 * without one. A failing check digit is never a hit.
 */
export function findIdDocuments(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  for (const match of text.matchAll(ID_DOCUMENT)) {
    const [whole, number, check] = match;
    if (!/\d/.test(number)) continue;
    const valid =
      check !== undefined
        ? icaoCheckDigit(number) === Number(check)
        : KEYWORD.test(text.slice(Math.max(0, match.index - KEYWORD_WINDOW), match.index));
    if (valid) hits.push({ start: match.index, end: match.index + whole.length, type: 'id-document' });
  }
  return hits;
}
