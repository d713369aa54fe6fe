import type { SensitiveSpan } from './types';
import { isWordChar, startsNumber } from './text';

// Own rules rather than libphonenumber-js: its findNumbers (default country DE) joined numbers
// across ", ", took "12.03.1985", "1.234,56" and "123/24" for phone numbers, and cost 16–36 KB gzip.
const START = /\+[1-9]|00[1-9]|0[1-9]|\(0/g;
const GROUP = /\(0\)|\(0?[ \u00a0]?\d{1,5}\)|\d+/y;
const SEPARATOR = /[ \u00a0]?[/–-][ \u00a0]?|[ \u00a0]/y;
const DATE_SHAPE = /^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$/;

interface Group {
  text: string;
  end: number;
  separator: string;
}

/** Reads digit groups from `index`: "+49 (0)30 123 45-67" → ["+49", "(0)30"…]. */
function readGroups(text: string, index: number): Group[] {
  const groups: Group[] = [];
  let position = index;
  let separator = '';
  while (position < text.length) {
    GROUP.lastIndex = position;
    const group = GROUP.exec(text);
    if (!group) break;
    groups.push({ text: group[0], end: GROUP.lastIndex, separator });
    // "(0)30" and "(030)1234" need no separator after the brackets.
    position = GROUP.lastIndex;
    if (group[0].endsWith(')') && /\d/.test(text[position] ?? '')) {
      separator = '';
      continue;
    }
    SEPARATOR.lastIndex = position;
    const next = SEPARATOR.exec(text);
    if (!next || !/[\d(]/.test(text[SEPARATOR.lastIndex] ?? '')) break;
    separator = next[0];
    position = SEPARATOR.lastIndex;
  }
  return groups;
}

/**
 * Keeps the groups a person would read as one number: after a group of five or more digits only
 * an extension ("-7") may follow, so "030 1234567 2 Exemplare" ends before "2".
 */
function phoneGroups(groups: Group[]): Group[] {
  const kept: Group[] = [];
  for (const group of groups) {
    const previous = kept[kept.length - 1];
    if (previous && previous.text.replace(/\D/g, '').length >= 5 && kept.length > 1) {
      if (/^-$/.test(group.separator.trim()) && /^\d{1,5}$/.test(group.text)) kept.push(group);
      break;
    }
    kept.push(group);
  }
  return kept;
}

/**
 * Phone numbers in German, Austrian, Swiss and international notation: "+49 30 1234567",
 * "0049 30 …", "030/123 45 67", "(0 30) 12 34 56-7", "+41 44 123 45 67", "0171 1234567".
 * National numbers start with the trunk 0; dates, amounts and file numbers do not match.
 */
export function findPhoneNumbers(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  let resumeAt = 0;
  for (const match of text.matchAll(START)) {
    const start = match.index;
    if (start < resumeAt) continue;
    // "+…" always begins a number, and so does anything right after a phone number ("030 1234567 030 7654321").
    const afterPhone = hits.length > 0 && /^[ \u00a0]+$/.test(text.slice(resumeAt, start));
    const fresh = match[0][0] === '+' ? !isWordChar(text[start - 1]) : startsNumber(text, start);
    if (!fresh && !afterPhone) continue;
    const international = match[0].startsWith('+') || match[0].startsWith('00');
    const groups = phoneGroups(readGroups(text, international && match[0][0] === '+' ? start + 1 : start));
    if (groups.length === 0) continue;
    const end = groups[groups.length - 1].end;
    const written = text.slice(start, end);
    // "(0)" is the trunk prefix printed for callers from inside the country, not part of the number.
    const digits = written.replace(/\(0\)/, '').replace(/\D/g, '');
    const national = international ? digits.replace(/^00/, '') : digits;
    const [min, max] = international ? [8, 15] : [7, 13];
    if (national.length < min || national.length > max) continue;
    // Not the front of an amount or a date ("030 1234567,89"); a truncated group list may end before a space.
    if (DATE_SHAPE.test(written) || isWordChar(text[end]) || /^[.,/]\d/.test(text.slice(end, end + 2))) continue;
    hits.push({ start, end, type: 'phone' });
    resumeAt = end;
  }
  return hits;
}
