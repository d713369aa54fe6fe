/**
 * The month's CSV export for the invoice (issue 10), in two dialects: `standard` (comma, `.`
 * decimals, UTF-8, ISO 8601 dates, LF line ends) and `excel-de`, which German Excel opens by
 * double-click (semicolon, decimal comma, UTF-8 with BOM, dates `TT.MM.JJJJ`, CRLF).
 *
 * Fields are quoted as RFC 4180 says (a field holding the separator, `"` or a line break is
 * quoted, quotes doubled). Text fields (assistant, task, note) that start with `=`, `+`, `-`,
 * `@`, a tab or a carriage return get a leading `'`: spreadsheets run such cells as formulas
 * (OWASP "CSV injection"), and a note is written by the other side. Nothing else is changed.
 *
 * Header names and kind labels follow the dialect, not the UI language: a German invoice file
 * stays German on an English browser. The wording matches locales/ (a test holds them equal).
 */
import type { TaskKind } from '../model';
import { formatOffset, localTime, deviceZone, type Zone } from '../timer/local-time';
import { formatHoursMinutes } from './format';
import type { MonthlyReport, ReportRow } from './monthly-report';

export type CsvDialect = 'standard' | 'excel-de';

export interface CsvOptions {
  /** The wall clock that start and end times are written in; the device's zone when absent. */
  zone?: Zone;
}

/** The export's columns, in order. */
export const CSV_COLUMNS = [
  'date',
  'assistant',
  'task',
  'kind',
  'type',
  'occurrence',
  'note',
  'start',
  'end',
  'durationHm',
  'durationDecimal',
  'roundedDecimal',
  'rate',
  'amount',
  'budget',
  'entryId',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

interface DialectRules {
  separator: string;
  lineEnd: string;
  bom: string;
  decimal: string;
  headers: Record<CsvColumn, string>;
  kinds: Record<TaskKind, string>;
  standing: string;
  oneOff: string;
  day: (day: string) => string;
  time: (instant: string, zone: Zone) => string;
}

function germanDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}

const DIALECTS: Record<CsvDialect, DialectRules> = {
  standard: {
    separator: ',',
    lineEnd: '\n',
    bom: '',
    decimal: '.',
    headers: {
      date: 'Date',
      assistant: 'Assistant',
      task: 'Task',
      kind: 'Kind',
      type: 'Standing/one-off',
      occurrence: 'Occurrence date',
      note: 'Note',
      start: 'Start',
      end: 'End',
      durationHm: 'Duration (h:mm)',
      durationDecimal: 'Duration (hours)',
      roundedDecimal: 'Rounded (hours)',
      rate: 'Rate (EUR/h)',
      amount: 'Amount (EUR)',
      budget: 'Budget (hours)',
      entryId: 'Entry ID',
    },
    kinds: { research: 'Research', 'revise-text': 'Revise text', presentation: 'Presentation', other: 'Other' },
    standing: 'standing',
    oneOff: 'one-off',
    day: (day) => day,
    time: (instant, zone) => {
      const local = localTime(Date.parse(instant), zone);
      return `${local.day}T${local.time}${formatOffset(local.offsetMinutes)}`;
    },
  },
  'excel-de': {
    separator: ';',
    lineEnd: '\r\n',
    bom: '\uFEFF',
    decimal: ',',
    headers: {
      date: 'Datum',
      assistant: 'Assistenz',
      task: 'Aufgabe',
      kind: 'Art',
      type: 'Wiederkehrend/einmalig',
      occurrence: 'Datum der Wiederholung',
      note: 'Notiz',
      start: 'Beginn',
      end: 'Ende',
      durationHm: 'Dauer (h:mm)',
      durationDecimal: 'Dauer (Stunden)',
      roundedDecimal: 'Gerundet (Stunden)',
      rate: 'Stundensatz (EUR)',
      amount: 'Betrag (EUR)',
      budget: 'Budget (Stunden)',
      entryId: 'Eintrags-ID',
    },
    kinds: { research: 'Recherche', 'revise-text': 'Text überarbeiten', presentation: 'Präsentation', other: 'Sonstiges' },
    standing: 'wiederkehrend',
    oneOff: 'einmalig',
    day: germanDay,
    time: (instant, zone) => {
      const local = localTime(Date.parse(instant), zone);
      return `${germanDay(local.day)} ${local.time}`;
    },
  },
};

/** The header names of a dialect, in column order. */
export function csvHeaders(dialect: CsvDialect): string[] {
  return CSV_COLUMNS.map((column) => DIALECTS[dialect].headers[column]);
}

/** The kind labels a dialect writes. */
export function csvKindLabels(dialect: CsvDialect): Readonly<Record<TaskKind, string>> {
  return DIALECTS[dialect].kinds;
}

/** A text cell made safe from spreadsheet formulas: a leading `'` before `= + - @`, tab or CR. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One field quoted as RFC 4180 asks, for the given separator. */
export function quoteField(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

// Integer arithmetic on cents and hundredths of hours: no float error reaches an invoice.
function fixed2(hundredths: number, decimal: string): string {
  const abs = Math.abs(hundredths);
  return `${hundredths < 0 ? '-' : ''}${Math.floor(abs / 100)}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

function hours(minutes: number, decimal: string): string {
  return fixed2(Math.round((minutes * 100) / 60), decimal);
}

function cells(row: ReportRow, rules: DialectRules, zone: Zone): Record<CsvColumn, string> {
  return {
    date: rules.day(row.date),
    assistant: neutraliseFormula(row.assistant ?? row.authorDevice),
    task: neutraliseFormula(row.taskTitle ?? ''),
    kind: rules.kinds[row.kind],
    type: row.standing ? rules.standing : rules.oneOff,
    occurrence: row.occurrence === null ? '' : rules.day(row.occurrence),
    note: neutraliseFormula(row.note),
    start: row.start ? rules.time(row.start, zone) : '',
    end: row.end ? rules.time(row.end, zone) : '',
    durationHm: formatHoursMinutes(row.minutes),
    durationDecimal: hours(row.minutes, rules.decimal),
    roundedDecimal: hours(row.roundedMinutes, rules.decimal),
    rate: row.rateCents === null ? '' : fixed2(row.rateCents, rules.decimal),
    amount: row.amountCents === null ? '' : fixed2(row.amountCents, rules.decimal),
    budget: row.budgetMinutes === null ? '' : hours(row.budgetMinutes, rules.decimal),
    entryId: row.entryId,
  };
}

/** The CSV file's text: header and one line per entry, each line ended, BOM first in excel-de. */
export function toCsv(input: MonthlyReport | readonly ReportRow[], dialect: CsvDialect, options: CsvOptions = {}): string {
  const rules = DIALECTS[dialect];
  const zone = options.zone ?? deviceZone();
  const rows = 'rows' in input ? input.rows : input;
  const line = (fields: string[]) => fields.map((field) => quoteField(field, rules.separator)).join(rules.separator) + rules.lineEnd;
  let text = rules.bom + line(csvHeaders(dialect));
  for (const row of rows) {
    const values = cells(row, rules, zone);
    text += line(CSV_COLUMNS.map((column) => values[column]));
  }
  return text;
}
