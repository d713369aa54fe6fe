/** Small text predicates shared by the detectors. */

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const DIGIT = /[0-9]/;
/** What may sit between two digit groups of one number ("030/123 45-67", "12.03."). */
const GROUP_SEPARATOR = /[ \u00a0\-/.]/;

/** True when `char` is a letter, digit or underscore in any script. */
export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

/**
 * True when a number starting at `index` is not the tail of a longer number or word:
 * "3704 0044" must not yield a phone number "0044 …", "+49 30" no tax ID "30 …".
 */
export function startsNumber(text: string, index: number): boolean {
  const before = text[index - 1];
  if (before === undefined) return true;
  if (isWordChar(before) || before === '+') return false;
  if (!GROUP_SEPARATOR.test(before) || !DIGIT.test(text[index - 2] ?? '')) return true;
  // After a separator, a number starts anew only behind a code with letters ("A123456780 0171 …"),
  // never behind digits or the head of an IBAN ("DE89 3704 …").
  let tokenStart = index - 2;
  while (tokenStart > 0 && isWordChar(text[tokenStart - 1])) tokenStart -= 1;
  const token = text.slice(tokenStart, index - 1);
  return /\p{L}/u.test(token) && !/^[A-Za-z]{2}\d{2}$/.test(token);
}

/** True when a number ending at `index` (exclusive) is not continued by more digits ("1.234,56", "123/24"). */
export function endsNumber(text: string, index: number): boolean {
  const after = text[index];
  if (after === undefined) return true;
  if (isWordChar(after)) return false;
  return !(/[ \u00a0\-/.,]/.test(after) && DIGIT.test(text[index + 1] ?? ''));
}

/** The digits of `value`, nothing else. */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** The sum of the decimal digits of a non-negative integer (the "Quersumme" of the check digit rules). */
export function crossSum(value: number): number {
  let sum = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 10)) sum += rest % 10;
  return sum;
}

/** A digit group inside a number: its range in the text. */
export interface DigitGroup {
  start: number;
  end: number;
}

/**
 * Numbers written as digit groups with single separators from `separator` (a regex character
 * class body); the detectors try the group sequences. A run's first group is dropped when it
 * continues something else ("123/24 4111 …", "DE89 3704 …"): a later group may still start a number.
 */
export function digitRuns(text: string, separator: string): DigitGroup[][] {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])\\d+(?:[${separator}]\\d+)*`, 'gu');
  const runs: DigitGroup[][] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const groups: DigitGroup[] = [];
    for (const group of match[0].matchAll(/\d+/g)) {
      groups.push({ start: start + group.index, end: start + group.index + group[0].length });
    }
    if (!startsNumber(text, start)) groups.shift();
    if (groups.length > 0) runs.push(groups);
  }
  return runs;
}
