import { countrySpecs, isValidIBAN } from 'ibantools';
import type { SensitiveSpan } from './types';
import { isWordChar } from './text';

const IBAN_START = /(?<![\p{L}\p{N}])([A-Za-z]{2})(\d{2})/gu;
const ALPHANUMERIC = /[A-Za-z0-9]/;

/**
 * IBANs of every country ibantools knows, printed compact or in groups (single spaces), with the
 * country's exact length and a valid ISO 13616 mod-97 checksum and BBAN format.
 */
export function findIbans(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const length = countrySpecs[match[1].toUpperCase()]?.chars;
    if (!length) continue;
    let compact = match[0].toUpperCase();
    let index = match.index + 4;
    while (compact.length < length && index < text.length) {
      const char = text[index];
      // A space counts only between two characters of the IBAN, so no trailing space joins the span.
      if ((char === ' ' || char === '\u00a0') && ALPHANUMERIC.test(text[index + 1] ?? '')) {
        index += 1;
        continue;
      }
      if (!ALPHANUMERIC.test(char)) break;
      compact += char.toUpperCase();
      index += 1;
    }
    if (compact.length === length && !isWordChar(text[index]) && isValidIBAN(compact)) {
      hits.push({ start: match.index, end: index, type: 'iban' });
    }
  }
  return hits;
}
