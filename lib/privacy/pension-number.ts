import type { SensitiveSpan } from './types';
import { crossSum } from './text';

const SEP = '[ \\u00a0]?';
const PENSION_NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{2})${SEP}(\\d{6})${SEP}([A-Z])${SEP}(\\d{2})${SEP}(\\d)(?![\\p{L}\\p{N}])`,
  'gu',
);
const WEIGHTS = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];

/** The check digit of a pension insurance number: the letter as its two-digit alphabet position, weighted cross sums mod 10. */
export function pensionNumberCheckDigit(area: string, birth: string, letter: string, serial: string): number {
  const position = String(letter.toUpperCase().charCodeAt(0) - 64).padStart(2, '0');
  const digits = area + birth + position + serial;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i += 1) sum += crossSum(Number(digits[i]) * WEIGHTS[i]);
  return sum % 10;
}

/** True when "DDMMYY" names a day that exists in some year (the birth date inside the number). */
function isBirthDatePart(birth: string): boolean {
  const day = Number(birth.slice(0, 2));
  const month = Number(birth.slice(2, 4));
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/** German pension insurance numbers (Rentenversicherungsnummer), e.g. "65 170839 J 003", with a valid check digit. */
export function findPensionNumbers(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  for (const match of text.matchAll(PENSION_NUMBER)) {
    const [, area, birth, letter, serial, check] = match;
    if (isBirthDatePart(birth) && pensionNumberCheckDigit(area, birth, letter, serial) === Number(check)) {
      hits.push({ start: match.index, end: match.index + match[0].length, type: 'pension-number' });
    }
  }
  return hits;
}
