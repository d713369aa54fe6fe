import type { SensitiveSpan } from './types';
import { mod11of10CheckDigit } from './iso7064';
import { digitRuns, endsNumber } from './text';

/**
 * The digit rule of the Steuer-ID since 2016: in the first ten digits exactly one digit occurs
 * twice or three times, all others at most once, and no digit three times in a row.
 */
function hasTaxIdDigitPattern(first10: string): boolean {
  const counts = new Map<string, number>();
  for (const char of first10) counts.set(char, (counts.get(char) ?? 0) + 1);
  const repeated = [...counts.values()].filter((count) => count > 1);
  if (repeated.length !== 1 || repeated[0] > 3) return false;
  return !/(\d)\1\1/.test(first10);
}

/** True when the 11 digits are a well-formed German tax ID (Steuer-ID, § 139b AO). */
export function isValidTaxId(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const first10 = digits.slice(0, 10);
  return hasTaxIdDigitPattern(first10) && mod11of10CheckDigit(first10) === Number(digits[10]);
}

/** German tax IDs, compact or in space-separated groups ("12 345 678 903"). */
export function findTaxIds(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  for (const groups of digitRuns(text, ' \\u00a0')) {
    // Every group may start an ID: two IDs separated by a space are one run of digit groups.
    for (let first = 0; first < groups.length; first += 1) {
      let digits = '';
      for (let last = first; last < groups.length && digits.length < 11; last += 1) {
        digits += text.slice(groups[last].start, groups[last].end);
        const isRunEnd = last === groups.length - 1;
        if (digits.length === 11 && (!isRunEnd || endsNumber(text, groups[last].end)) && isValidTaxId(digits)) {
          hits.push({ start: groups[first].start, end: groups[last].end, type: 'tax-id' });
          first = last;
        }
      }
    }
  }
  return hits;
}
