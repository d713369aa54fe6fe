import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvHeaders, csvKindLabels, neutraliseFormula, toCsv, type CsvDialect } from '../../lib/report/csv';
import { monthlyReport, type ReportEntry } from '../../lib/report/monthly-report';
import { marchInput } from './fixture';

const CET = { offsetMinutes: 60 };
const HOSTILE_NOTES = [
  'a;b',
  'a,b',
  'Er sagte "nein"',
  'Zeile 1\nZeile 2',
  'Zeile 1\r\nZeile 2\r\n',
  'Grüße, Müller & Söhne',
  'erledigt 👍🏽 ✅',
  '=HYPERLINK("http://evil.example","klick")',
  '+49 30 1234',
  '-Liste',
  '@SUM(A1)',
  '\tTab',
  '"',
  '""',
  ';',
  '',
  ' Leerzeichen ',
  'x\ry',
];

function hostileInput() {
  const base = marchInput();
  const entries: ReportEntry[] = HOSTILE_NOTES.map((note, i) => ({
    id: `h${String(i).padStart(2, '0')}`,
    taskId: i % 2 ? 'gutachten' : 'post',
    minutes: 5 + i * 7,
    date: '2026-03-12',
    note,
    authorDevice: 'anna',
    occurrence: i % 2 ? null : '2026-03-09',
    start: `2026-03-12T${String(6 + (i % 12)).padStart(2, '0')}:0${i % 10}:00.000Z`,
    end: `2026-03-12T${String(6 + (i % 12)).padStart(2, '0')}:5${i % 10}:00.000Z`,
  }));
  entries.push({ id: 'h-evil', taskId: 'evil', minutes: 12, date: '2026-03-13', note: 'x', authorDevice: 'anna' });
  return {
    ...base,
    entries: [...base.entries, ...entries],
    tasks: [...base.tasks, { id: 'evil', title: '=cmd|"/c calc"!A1', kind: 'other' as const, standing: false }],
  };
}

function parse(text: string, dialect: CsvDialect): string[][] {
  const rules = dialect === 'standard' ? { delimiter: ',', newline: '\n' as const } : { delimiter: ';', newline: '\r\n' as const };
  const body = dialect === 'excel-de' ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { ...rules, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

const unneutralise = (original: string, cell: string) => (/^[=+\-@\t\r]/.test(original) ? cell.replace(/^'/, '') : cell);
const number = (cell: string, dialect: CsvDialect) => Number(dialect === 'excel-de' ? cell.replace(',', '.') : cell);
const isoDay = (cell: string, dialect: CsvDialect) => (dialect === 'excel-de' ? cell.split('.').reverse().join('-') : cell);
function instantOf(cell: string, dialect: CsvDialect): string | null {
  if (cell === '') return null;
  if (dialect === 'standard') return new Date(cell).toISOString();
  const [day, time] = cell.split(' ');
  return new Date(`${isoDay(day, dialect)}T${time}:00+01:00`).toISOString();
}

describe.each<CsvDialect>(['standard', 'excel-de'])('CSV export, %s', (dialect) => {
  const input = hostileInput();
  const report = monthlyReport(input);
  const text = toCsv(report, dialect, { zone: CET });

  it('parses back with a real CSV parser into the entries, field by field', () => {
    const [header, ...lines] = parse(text, dialect);
    expect(header).toEqual(csvHeaders(dialect));
    expect(lines).toHaveLength(report.rows.length);
    const byId = new Map(input.entries.map((e) => [e.id, e]));
    const tasks = new Map(input.tasks.map((t) => [t.id, t]));
    for (const [i, line] of lines.entries()) {
      const [date, assistant, task, kind, type, occurrence, note, start, end, hm, decimal, rounded, rate, amount, budget, entryId] = line;
      const row = report.rows[i];
      const entry = byId.get(entryId)!;
      expect(entryId).toBe(row.entryId);
      expect(isoDay(date, dialect)).toBe(entry.date);
      expect(assistant).toBe(input.devices[entry.authorDevice] ?? entry.authorDevice);
      expect(unneutralise(tasks.get(entry.taskId)?.title ?? '', task)).toBe(tasks.get(entry.taskId)?.title ?? '');
      expect(kind).toBe(csvKindLabels(dialect)[tasks.get(entry.taskId)?.kind ?? 'other']);
      expect(type).toBe(
        tasks.get(entry.taskId)?.standing
          ? dialect === 'standard'
            ? 'standing'
            : 'wiederkehrend'
          : dialect === 'standard'
            ? 'one-off'
            : 'einmalig',
      );
      expect(occurrence === '' ? null : isoDay(occurrence, dialect)).toBe(entry.occurrence ?? null);
      expect(unneutralise(entry.note, note)).toBe(entry.note);
      expect(instantOf(start, dialect)).toBe(entry.start ?? null);
      expect(instantOf(end, dialect)).toBe(entry.end ?? null);
      const [h, m] = hm.split(':').map(Number);
      expect(h * 60 + m).toBe(entry.minutes);
      expect(number(decimal, dialect)).toBeCloseTo(entry.minutes / 60, 2);
      expect(number(rounded, dialect)).toBeCloseTo(row.roundedMinutes / 60, 2);
      expect(rate === '' ? null : Math.round(number(rate, dialect) * 100)).toBe(row.rateCents);
      expect(amount === '' ? null : Math.round(number(amount, dialect) * 100)).toBe(row.amountCents);
      expect(budget === '' ? null : Math.round(number(budget, dialect) * 60)).toBe(row.budgetMinutes);
    }
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    const notes = parse(text, dialect)
      .slice(1)
      .map((line) => line[6]);
    for (const note of notes) expect(note).not.toMatch(/^[=+\-@\t\r]/);
    expect(parse(text, dialect).find((line) => line[15] === 'h-evil')?.[2]).toBe(`'=cmd|"/c calc"!A1`);
    expect(notes).toContain(`'=HYPERLINK("http://evil.example","klick")`);
    expect(notes).toContain(`'+49 30 1234`);
  });

  it('round-trips arbitrary notes (property)', () => {
    const base = marchInput();
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: fc.constantFrom(';', ',', '"', '\n', '\r', 'ä', '😀', '=', ' ', 'x'), maxLength: 20 }),
        (a, b) => {
          const note = a + b;
          const entries: ReportEntry[] = [{ id: 'p', taskId: 'gutachten', minutes: 30, date: '2026-03-05', note, authorDevice: 'anna' }];
          const lines = parse(toCsv(monthlyReport({ ...base, entries }), dialect, { zone: CET }), dialect);
          expect(lines).toHaveLength(2);
          expect(unneutralise(note, lines[1][6])).toBe(note);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('CSV dialects', () => {
  const rows = monthlyReport(marchInput()).rows.slice(0, 2);

  it('writes standard as comma, point decimals, ISO dates, LF and no BOM', () => {
    const text = toCsv(rows, 'standard', { zone: CET });
    expect(text.startsWith('Date,Assistant,Task,Kind,')).toBe(true);
    expect(text).not.toContain('\r\n');
    expect(text.split('\n')[2]).toBe(
      '2026-03-02,Anna,Gutachten Müller,Research,one-off,,Quellen,2026-03-02T10:40+01:00,2026-03-02T12:10+01:00,1:30,1.50,1.50,45.00,67.50,10.00,e1',
    );
  });

  it('writes excel-de with BOM, semicolons, decimal commas, TT.MM.JJJJ and CRLF', () => {
    const text = toCsv(rows, 'excel-de', { zone: CET });
    expect(text.startsWith('\uFEFFDatum;Assistenz;Aufgabe;Art;')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[1]).toBe('02.03.2026;Anna;Gutachten Müller;Recherche;einmalig;;;;;0:07;0,12;0,25;45,00;11,25;10,00;e2');
    expect(lines[2]).toBe(
      '02.03.2026;Anna;Gutachten Müller;Recherche;einmalig;;Quellen;02.03.2026 10:40;02.03.2026 12:10;1:30;1,50;1,50;45,00;67,50;10,00;e1',
    );
  });

  it('uses the same kind names as the extension’s locales', () => {
    for (const [dialect, locale] of [
      ['standard', 'en'],
      ['excel-de', 'de'],
    ] as const) {
      const messages = JSON.parse(readFileSync(`locales/${locale}.json`, 'utf8')) as { kind: Record<string, string> };
      const labels = csvKindLabels(dialect);
      expect([labels.research, labels['revise-text'], labels.presentation, labels.other]).toEqual([
        messages.kind.research,
        messages.kind.reviseText,
        messages.kind.presentation,
        messages.kind.other,
      ]);
    }
  });

  it('neutralises only formula starts', () => {
    const cases: [string, string][] = [
      ['=1+1', "'=1+1"],
      ['+1', "'+1"],
      ['-x', "'-x"],
      ['@a', "'@a"],
      ['\tx', "'\tx"],
      ['a=1', 'a=1'],
      ['', ''],
      ["'=", "'="],
    ];
    for (const [input, output] of cases) expect(neutraliseFormula(input)).toBe(output);
  });
});
