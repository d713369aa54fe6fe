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
    let digits = '';
    for (const [i, group] of groups.entries()) {
      digits += text.slice(group.start, group.end);
      if (digits.length > 11) break;
      const isLast = i === groups.length - 1;
      if (digits.length === 11 && (!isLast || endsNumber(text, group.end)) && isValidTaxId(digits)) {
        hits.push({ start: groups[0].start, end: group.end, type: 'tax-id' });
        break;
      }
    }
  }
  return hits;
}
