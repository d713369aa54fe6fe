import type { SensitiveSpan } from './types';
import { digitRuns, type DigitGroup } from './text';

/** True when the digits pass the Luhn (mod 10) check of ISO/IEC 7812. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** True when the number starts with a known issuer prefix and has a length that issuer uses. */
export function hasKnownIssuerPrefix(digits: string): boolean {
  const length = digits.length;
  const two = Number(digits.slice(0, 2));
  const three = Number(digits.slice(0, 3));
  const four = Number(digits.slice(0, 4));
  if (digits[0] === '4') return length === 13 || length === 16 || length === 19; // Visa
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return length === 16; // Mastercard
  if (two === 34 || two === 37) return length === 15; // American Express
  if (two === 36 || two === 38 || two === 39 || (three >= 300 && three <= 305)) return length >= 14; // Diners
  if (four >= 3528 && four <= 3589) return length >= 16; // JCB
  // Maestro (50, 56–69, which includes girocard's 67…), Discover (6011, 65) and UnionPay (62).
  return two === 50 || (two >= 56 && two <= 69);
}

/** How card numbers are printed: compact, in fours (the last group shorter), or Amex/Diners 4-6-5 / 4-6-4. */
function isCardLayout(lengths: number[]): boolean {
  if (lengths.length === 1) return true;
  const layout = lengths.join('-');
  if (layout === '4-6-5' || layout === '4-6-4') return true;
  return lengths.every((length, i) => (i === lengths.length - 1 ? length >= 1 && length <= 4 : length === 4));
}

/** The index of the last group of the longest card number starting at group `first`, or -1. */
function longestCardFrom(text: string, groups: DigitGroup[], first: number): number {
  for (let last = Math.min(groups.length - 1, first + 4); last >= first; last -= 1) {
    const parts = groups.slice(first, last + 1).map((group) => text.slice(group.start, group.end));
    const digits = parts.join('');
    if (digits.length < 13 || digits.length > 19 || !isCardLayout(parts.map((part) => part.length))) continue;
    if (hasKnownIssuerPrefix(digits) && passesLuhn(digits)) return last;
  }
  return -1;
}

/** Payment card numbers: 13–19 digits (spaces or dashes), a known issuer prefix and a valid Luhn check digit. */
export function findCards(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  for (const groups of digitRuns(text, ' \\u00a0-')) {
    // Two cards in a row share one run of digit groups, so every group may start one; the longest
    // valid number wins: "4111 1111 1111 1111 12/25" is a card followed by its expiry.
    let first = 0;
    while (first < groups.length) {
      const last = longestCardFrom(text, groups, first);
      if (last === -1) {
        first += 1;
        continue;
      }
      hits.push({ start: groups[first].start, end: groups[last].end, type: 'card' });
      first = last + 1;
    }
  }
  return hits;
}
