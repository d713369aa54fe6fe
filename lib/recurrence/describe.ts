/**
 * A rule said as a sentence a person understands, in German (first-class) or English:
 * "Jeden Montag, ab 7. Dezember 2026" / "Every Monday, from 7 December 2026". The words live here,
 * one small table per language, because the report uses them too and this module stays pure.
 */
import { effectiveParts, type EffectiveParts } from './occurrences';
import { parseRule, WEEKDAYS, type Frequency, type RecurrenceError, type RecurrenceRule, type Weekday, type WeekdayRule } from './rule';

export type RecurrenceLang = 'de' | 'en';

/** What the rule is, independent of language: the common shapes get their own sentence. */
type Shape =
  | { type: 'daily' }
  | { type: 'weekly'; weekdays: readonly Weekday[] }
  | { type: 'monthly-days'; days: readonly number[] }
  | { type: 'monthly-weekdays'; items: readonly WeekdayRule[] }
  | { type: 'monthly-workday'; position: number }
  | { type: 'yearly-date'; month: number; day: number }
  | { type: 'yearly-weekdays'; month: number; items: readonly WeekdayRule[] }
  | { type: 'custom'; parts: EffectiveParts };

interface Words {
  weekday: Record<Weekday, string>;
  month: readonly string[];
  list(items: readonly string[]): string;
  date(day: string): string;
  shape(shape: Exclude<Shape, { type: 'custom' }>, interval: number): string;
  every(freq: Frequency, interval: number): string;
  inMonths(months: readonly number[]): string;
  onMonthDays(days: readonly number[]): string;
  onWeekdays(items: readonly WeekdayRule[], scope: 'month' | 'year'): string;
  setPos(positions: readonly number[], freq: Frequency): string;
  from(date: string): string;
  times(count: number): string;
  until(date: string): string;
  error(error: RecurrenceError): string;
}

const WORKDAYS = 'MO,TU,WE,TH,FR';

function joinList(items: readonly string[], and: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function isoParts(day: string): { year: number; month: number; day: number } {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  return { year, month, day: dayOfMonth };
}

/** German ordinal stems take the ending of their case: "am ersten", "der erste". */
function deOrdinal(n: number, ending: 'en' | 'e'): string {
  const stems = ['erst', 'zweit', 'dritt', 'viert', 'fünft'];
  if (n > 0) return n <= 5 ? stems[n - 1] + ending : `${n}.`;
  if (n === -1) return `letzt${ending}`;
  if (n === -2) return `vorletzt${ending}`;
  return -n <= 5 ? `${stems[-n - 1]}letzt${ending}` : `${-n}.-letzt${ending}`;
}

const de: Words = {
  weekday: { MO: 'Montag', TU: 'Dienstag', WE: 'Mittwoch', TH: 'Donnerstag', FR: 'Freitag', SA: 'Samstag', SU: 'Sonntag' },
  month: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  list: (items) => joinList(items, 'und'),
  date(day) {
    const d = isoParts(day);
    return `${d.day}. ${de.month[d.month - 1]} ${d.year}`;
  },
  shape(shape, n) {
    switch (shape.type) {
      case 'daily':
        return n === 1 ? 'Täglich' : `Alle ${n} Tage`;
      case 'weekly': {
        const key = shape.weekdays.join(',');
        if (key === WEEKDAYS.join(',')) return n === 1 ? 'Täglich' : `Alle ${n} Wochen täglich`;
        if (key === WORKDAYS) return n === 1 ? 'Werktags (Mo–Fr)' : `Alle ${n} Wochen werktags (Mo–Fr)`;
        const names = de.list(shape.weekdays.map((w) => de.weekday[w]));
        return n === 1 ? `Jeden ${names}` : `Alle ${n} Wochen am ${names}`;
      }
      case 'monthly-days': {
        const items = shape.days.map((d) => (d > 0 ? `${d}.` : deOrdinal(d, 'en')));
        if (shape.days.every((d) => d > 0)) return n === 1 ? `Jeden ${de.list(items)} des Monats` : `Alle ${n} Monate am ${de.list(items)}`;
        return n === 1 ? `Am ${de.list(items)} Tag jedes Monats` : `Alle ${n} Monate am ${de.list(items)} Tag`;
      }
      case 'monthly-weekdays': {
        const items = de.list(shape.items.map((i) => `${deOrdinal(i.ordinal, 'en')} ${de.weekday[i.weekday]}`));
        return n === 1 ? `Am ${items} des Monats` : `Alle ${n} Monate am ${items}`;
      }
      case 'monthly-workday': {
        const item = `${deOrdinal(shape.position, 'en')} Werktag`;
        return n === 1 ? `Am ${item} jedes Monats` : `Alle ${n} Monate am ${item}`;
      }
      case 'yearly-date':
        return `${n === 1 ? 'Jährlich' : `Alle ${n} Jahre`} am ${shape.day}. ${de.month[shape.month - 1]}`;
      case 'yearly-weekdays': {
        const items = de.list(shape.items.map((i) => `${deOrdinal(i.ordinal, 'en')} ${de.weekday[i.weekday]}`));
        return `${n === 1 ? 'Jährlich' : `Alle ${n} Jahre`} am ${items} im ${de.month[shape.month - 1]}`;
      }
    }
  },
  every(freq, n) {
    const words = {
      DAILY: ['Täglich', 'Tage'],
      WEEKLY: ['Wöchentlich', 'Wochen'],
      MONTHLY: ['Monatlich', 'Monate'],
      YEARLY: ['Jährlich', 'Jahre'],
    };
    return n === 1 ? words[freq][0] : `Alle ${n} ${words[freq][1]}`;
  },
  inMonths: (months) => `im ${de.list(months.map((m) => de.month[m - 1]))}`,
  onMonthDays(days) {
    const items = days.map((d) => (d > 0 ? `${d}.` : `${deOrdinal(d, 'en')} Tag`));
    return `am ${de.list(items)} des Monats`;
  },
  onWeekdays(items, scope) {
    const plain = items.filter((i) => i.ordinal === 0).map((i) => i.weekday);
    const phrases: string[] = [];
    if (plain.join(',') === WORKDAYS) phrases.push('werktags (Mo–Fr)');
    else if (plain.length > 0) phrases.push(de.list(plain.map((w) => `${de.weekday[w].toLowerCase()}s`)));
    for (const i of items.filter((i) => i.ordinal !== 0)) {
      phrases.push(`am ${deOrdinal(i.ordinal, 'en')} ${de.weekday[i.weekday]} des ${scope === 'month' ? 'Monats' : 'Jahres'}`);
    }
    return de.list(phrases);
  },
  setPos(positions, freq) {
    const within = { DAILY: 'am Tag', WEEKLY: 'in der Woche', MONTHLY: 'im Monat', YEARLY: 'im Jahr' }[freq];
    return `davon jeweils der ${de.list(positions.map((p) => deOrdinal(p, 'e')))} ${within}`;
  },
  from: (date) => `ab ${date}`,
  times: (count) => (count === 1 ? 'einmal' : `${count}-mal`),
  until: (date) => `bis ${date}`,
  error(error) {
    const f = error.field;
    switch (error.reason) {
      case 'malformed':
        return `Die Wiederholung ist fehlerhaft (${f}).`;
      case 'missing':
        return `Der Wiederholung fehlt ${f}.`;
      case 'unsupported':
        return `${f} wird bei Wiederholungen nicht unterstützt.`;
      case 'out-of-range':
        return `Der Wert von ${f} liegt außerhalb des erlaubten Bereichs.`;
      case 'invalid-date':
        return `${f} ist kein gültiges Datum.`;
      case 'conflict':
        return `${f} passt nicht zu den übrigen Angaben der Wiederholung.`;
    }
  },
};

function enSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function enOrdinal(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth'];
  if (n > 0) return n <= 5 ? words[n - 1] : enSuffix(n);
  if (n === -1) return 'last';
  return `${-n <= 5 ? words[-n - 1] : enSuffix(-n)}-to-last`;
}

function enMonthDay(n: number): string {
  return n > 0 ? enSuffix(n) : `${enOrdinal(n)} day`;
}

const en: Words = {
  weekday: { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' },
  month: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  list: (items) => joinList(items, 'and'),
  date(day) {
    const d = isoParts(day);
    return `${d.day} ${en.month[d.month - 1]} ${d.year}`;
  },
  shape(shape, n) {
    switch (shape.type) {
      case 'daily':
        return n === 1 ? 'Every day' : `Every ${n} days`;
      case 'weekly': {
        const key = shape.weekdays.join(',');
        if (key === WEEKDAYS.join(',')) return n === 1 ? 'Every day' : `Every ${n} weeks, every day`;
        if (key === WORKDAYS) return n === 1 ? 'Every weekday (Mon–Fri)' : `Every ${n} weeks on weekdays (Mon–Fri)`;
        const names = en.list(shape.weekdays.map((w) => en.weekday[w]));
        return n === 1 ? `Every ${names}` : `Every ${n} weeks on ${names}`;
      }
      case 'monthly-days': {
        const items = en.list(shape.days.map(enMonthDay));
        return n === 1 ? `On the ${items} of every month` : `Every ${n} months on the ${items}`;
      }
      case 'monthly-weekdays': {
        const items = en.list(shape.items.map((i) => `${enOrdinal(i.ordinal)} ${en.weekday[i.weekday]}`));
        return n === 1 ? `On the ${items} of every month` : `Every ${n} months on the ${items}`;
      }
      case 'monthly-workday': {
        const item = `${enOrdinal(shape.position)} working day`;
        return n === 1 ? `On the ${item} of every month` : `Every ${n} months on the ${item}`;
      }
      case 'yearly-date':
        return `${n === 1 ? 'Every year' : `Every ${n} years`} on ${shape.day} ${en.month[shape.month - 1]}`;
      case 'yearly-weekdays': {
        const items = en.list(shape.items.map((i) => `${enOrdinal(i.ordinal)} ${en.weekday[i.weekday]}`));
        return `${n === 1 ? 'Every year' : `Every ${n} years`} on the ${items} of ${en.month[shape.month - 1]}`;
      }
    }
  },
  every(freq, n) {
    const words = { DAILY: ['Daily', 'days'], WEEKLY: ['Weekly', 'weeks'], MONTHLY: ['Monthly', 'months'], YEARLY: ['Yearly', 'years'] };
    return n === 1 ? words[freq][0] : `Every ${n} ${words[freq][1]}`;
  },
  inMonths: (months) => `in ${en.list(months.map((m) => en.month[m - 1]))}`,
  onMonthDays: (days) => `on the ${en.list(days.map(enMonthDay))} of the month`,
  onWeekdays(items, scope) {
    const plain = items.filter((i) => i.ordinal === 0).map((i) => i.weekday);
    const phrases: string[] = [];
    if (plain.join(',') === WORKDAYS) phrases.push('on weekdays (Mon–Fri)');
    else if (plain.length > 0) phrases.push(`on ${en.list(plain.map((w) => `${en.weekday[w]}s`))}`);
    for (const i of items.filter((i) => i.ordinal !== 0)) {
      phrases.push(`on the ${enOrdinal(i.ordinal)} ${en.weekday[i.weekday]} of the ${scope}`);
    }
    return en.list(phrases);
  },
  setPos(positions, freq) {
    const within = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' }[freq];
    return `only the ${en.list(positions.map(enOrdinal))} of these in each ${within}`;
  },
  from: (date) => `from ${date}`,
  times: (count) => (count === 1 ? 'once' : `${count} times`),
  until: (date) => `until ${date}`,
  error(error) {
    const f = error.field;
    switch (error.reason) {
      case 'malformed':
        return `The repeat rule is malformed (${f}).`;
      case 'missing':
        return `The repeat rule lacks ${f}.`;
      case 'unsupported':
        return `${f} is not supported in repeat rules.`;
      case 'out-of-range':
        return `The value of ${f} is out of range.`;
      case 'invalid-date':
        return `${f} is not a valid date.`;
      case 'conflict':
        return `${f} does not fit the rest of the repeat rule.`;
    }
  },
};

const WORDS: Record<RecurrenceLang, Words> = { de, en };

/** People name days from the start before days from the end: "am 1. und letzten Tag". */
function spokenOrder(days: readonly number[]): number[] {
  return [...days].sort((a, b) => (a > 0 === b > 0 ? a - b : b - a));
}

function shapeOf(rule: RecurrenceRule): Shape {
  const effective = effectiveParts(rule);
  const parts = { ...effective, byMonthDay: spokenOrder(effective.byMonthDay) };
  const { byDay, byMonthDay, byMonth } = parts;
  const plain = byDay.length > 0 && byDay.every((d) => d.ordinal === 0);
  const numbered = byDay.length > 0 && byDay.every((d) => d.ordinal !== 0);
  const setPos = rule.bySetPos;
  const days = byDay.map((d) => d.weekday);
  if (rule.freq === 'DAILY' && byDay.length + byMonthDay.length + byMonth.length === 0) return { type: 'daily' };
  // DAILY limited to weekdays is the same as WEEKLY on them, but only when every day is a period.
  const weeklyLike = rule.freq === 'WEEKLY' || (rule.freq === 'DAILY' && rule.interval === 1 && setPos.length === 0);
  if (weeklyLike && plain && byMonthDay.length === 0 && byMonth.length === 0 && setPos.length === 0) {
    return { type: 'weekly', weekdays: days };
  }
  if (rule.freq === 'MONTHLY' && byMonth.length === 0) {
    if (setPos.length === 0 && byDay.length === 0) return { type: 'monthly-days', days: byMonthDay };
    if (setPos.length === 0 && byMonthDay.length === 0 && numbered) return { type: 'monthly-weekdays', items: byDay };
    if (setPos.length === 1 && byMonthDay.length === 0 && days.join(',') === WORKDAYS && plain) {
      return { type: 'monthly-workday', position: setPos[0] };
    }
  }
  if (rule.freq === 'YEARLY' && byMonth.length === 1 && setPos.length === 0) {
    if (byDay.length === 0 && byMonthDay.length === 1 && byMonthDay[0] > 0)
      return { type: 'yearly-date', month: byMonth[0], day: byMonthDay[0] };
    if (byMonthDay.length === 0 && numbered) return { type: 'yearly-weekdays', month: byMonth[0], items: byDay };
  }
  return { type: 'custom', parts };
}

function coreSentence(rule: RecurrenceRule, words: Words): string {
  const shape = shapeOf(rule);
  if (shape.type !== 'custom') return words.shape(shape, rule.interval);
  const { byDay, byMonthDay, byMonth } = shape.parts;
  const clauses = [words.every(rule.freq, rule.interval)];
  if (byMonth.length > 0) clauses.push(words.inMonths(byMonth));
  if (byMonthDay.length > 0) clauses.push(words.onMonthDays(byMonthDay));
  if (byDay.length > 0) clauses.push(words.onWeekdays(byDay, rule.freq === 'YEARLY' && byMonth.length === 0 ? 'year' : 'month'));
  if (rule.bySetPos.length > 0) clauses.push(words.setPos(rule.bySetPos, rule.freq));
  return clauses.join(', ');
}

/** The rule as one sentence, with its start and end; `formatDate` replaces the built-in "7. Dezember 2026". */
export function describeRule(rule: string | RecurrenceRule, lang: RecurrenceLang, formatDate?: (day: string) => string): string {
  const parsed = typeof rule === 'string' ? parseRule(rule) : rule;
  const words = WORDS[lang];
  const date = formatDate ?? words.date;
  const clauses = [coreSentence(parsed, words), words.from(date(parsed.dtstart))];
  if (parsed.count !== null) clauses.push(words.times(parsed.count));
  if (parsed.until !== null) clauses.push(words.until(date(parsed.until)));
  return clauses.join(', ');
}

/** A sentence the user can act on for a refused rule. */
export function describeRecurrenceError(error: RecurrenceError, lang: RecurrenceLang): string {
  return WORDS[lang].error(error);
}
