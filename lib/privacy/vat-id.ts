import type { SensitiveSpan } from './types';
import { mod11of10CheckDigit } from './iso7064';

const VAT_ID = /(?<![\p{L}\p{N}])DE[ \u00a0]?(\d{3})[ \u00a0]?(\d{3})[ \u00a0]?(\d{3})(?![\p{L}\p{N}])/gu;

/** True when the 9 digits after "DE" carry the BZSt check digit (method 11/10). */
export function isValidVatIdDigits(digits: string): boolean {
  return /^\d{9}$/.test(digits) && mod11of10CheckDigit(digits.slice(0, 8)) === Number(digits[8]);
}

/** German VAT IDs (USt-IdNr.): "DE" and 9 digits, also "DE 123 456 789", with a valid check digit. */
export function findVatIds(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  for (const match of text.matchAll(VAT_ID)) {
    if (isValidVatIdDigits(match[1] + match[2] + match[3])) {
      hits.push({ start: match.index, end: match.index + match[0].length, type: 'vat-id' });
    }
  }
  return hits;
}
