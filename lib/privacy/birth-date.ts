import type { SensitiveSpan } from './types';

const DE_MONTHS =
  'Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Nov|Dez';
const EN_MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const SPACE = '[ \\u00a0]';
const DATE = new RegExp(
  [
    `(?<dd>\\d{1,2})\\.${SPACE}?(?<mm>\\d{1,2})\\.${SPACE}?(?<yy>\\d{4}|\\d{2})`,
    `(?<dd2>\\d{1,2})\\.${SPACE}?(?<mn>${DE_MONTHS})\\.?${SPACE}(?<yy2>\\d{4})`,
    `(?<dd3>\\d{1,2})(?:st|nd|rd|th)?${SPACE}(?<en>${EN_MONTHS})\\.?,?${SPACE}(?<yy3>\\d{4})`,
    `(?<en2>${EN_MONTHS})\\.?${SPACE}(?<dd4>\\d{1,2})(?:st|nd|rd|th)?,?${SPACE}(?<yy4>\\d{4})`,
    `(?<yy5>\\d{4})-(?<mm5>\\d{2})-(?<dd5>\\d{2})`,
    `(?<mm6>\\d{1,2})/(?<dd6>\\d{1,2})/(?<yy6>\\d{4})`,
  ]
    .map((alternative) => `(?:${alternative})`)
    .join('|'),
  'gu',
);
// The keyword must end at most three short words before the date: "geboren in Köln am 12.03.1985".
const KEYWORD = new RegExp(
  `(?:(?<![\\p{L}])(?:geb\\.|geboren|Geburtsdatum|Geb\\.-Datum|Geburtstag|born|date${SPACE}of${SPACE}birth|DOB|d\\.o\\.b\\.)|\\*)[\\s:.,()–-]*(?:[\\p{L}]{1,20}[\\s:.,()]+){0,3}$`,
  'iu',
);
const KEYWORD_WINDOW = 60;

/** True when day and month are in range (the year is not judged: any year may be a birth year). */
function isCalendarDate(day: string | undefined, month: string | undefined): boolean {
  if (day === undefined) return true;
  const d = Number(day);
  return d >= 1 && d <= 31 && (month === undefined || (Number(month) >= 1 && Number(month) <= 12));
}

/**
 * Dates of birth: a date (12.03.1985, 12. März 1985, 1985-03-12, 3/12/1985, March 12, 1985) with
 * "geb.", "geboren (am)", "Geburtsdatum", "born", "date of birth", "DOB" or the genealogical "*"
 * at most three words before it. Other dates are not hits.
 */
export function findBirthDates(text: string): SensitiveSpan[] {
  const hits: SensitiveSpan[] = [];
  for (const match of text.matchAll(DATE)) {
    const before = text[match.index - 1];
    const after = text[match.index + match[0].length];
    if ((before !== undefined && /[\p{L}\p{N}./]/u.test(before)) || (after !== undefined && /[\p{N}]/u.test(after))) continue;
    const g = match.groups ?? {};
    const day = g.dd ?? g.dd2 ?? g.dd3 ?? g.dd4 ?? g.dd5 ?? g.dd6;
    const month = g.mm ?? g.mm5 ?? g.mm6;
    if (!isCalendarDate(day, month)) continue;
    if (!KEYWORD.test(text.slice(Math.max(0, match.index - KEYWORD_WINDOW), match.index))) continue;
    hits.push({ start: match.index, end: match.index + match[0].length, type: 'birth-date' });
  }
  return hits;
}
