import type { SensitiveSpan } from './types';
import { crossSum, digitsOf } from './text';

const HEALTH_INSURANCE_NUMBER = /(?<![\p{L}\p{N}])([A-Z])[ \u00a0]?((?:\d[ \u00a0]?){8}\d)(?![\p{L}\p{N}])/gu;

/** The check digit of a KVNR: the letter as 01–26, then the 8 digits, weights 1,2,1,2,…, cross sums mod 10. */
export function healthInsuranceCheckDigit(letter: string, eightDigits: string): number {
  const digits = String(letter.toUpperCase().charCodeAt(0) - 64).padStart(2, '0') + eightDigits;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += crossSum(Number(digits[i]) * (i % 2 === 0 ? 1 : 2));
  return sum % 10;
}

/** Health insurance numbers (the unchangeable 10-character KVNR, e.g. "A123456780") with a valid check digit. */
export function findHealthInsuranceNumbers(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  for (const match of text.matchAll(HEALTH_INSURANCE_NUMBER)) {
    const digits = digitsOf(match[2]);
    if (healthInsuranceCheckDigit(match[1], digits.slice(0, 8)) === Number(digits[8])) {
      hits.push({ start: match.index, end: match.index + match[0].length, type: 'health-insurance-number' });
    }
  }
  return hits;
}
