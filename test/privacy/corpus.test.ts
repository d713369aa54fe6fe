import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENSITIVE_TYPES, scanSensitive, type SensitiveSpan, type SensitiveType } from '../../lib/privacy';
import { CHECKSUM_TYPES } from '../../lib/privacy';

// Golden fixtures: realistic German texts next to the spans a careful reader would mark
// (every occurrence of a type, whether or not it is secret: a firm's own phone number counts).
const FIXTURES = join(__dirname, '../fixtures/privacy');

interface Expected {
  names: string[];
  spans: (SensitiveSpan & { text: string })[];
}

const documents = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.txt'))
  .map((file) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const expected = JSON.parse(readFileSync(join(FIXTURES, file.replace(/\.txt$/, '.expected.json')), 'utf8')) as Expected;
    return { file, text, expected };
  });

const key = (span: SensitiveSpan) => `${span.start}:${span.end}:${span.type}`;

describe('golden texts', () => {
  it('the annotations point at the text they quote', () => {
    for (const { text, expected } of documents) {
      for (const span of expected.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    }
  });

  it('precision and recall per type stay above their floors', () => {
    const counts = new Map<SensitiveType, { tp: number; fp: number; fn: number }>(
      SENSITIVE_TYPES.map((type) => [type, { tp: 0, fp: 0, fn: 0 }]),
    );
    const misses: string[] = [];
    for (const { file, text, expected } of documents) {
      const actual = scanSensitive(text, { names: expected.names });
      const wanted = new Set(expected.spans.map(key));
      const got = new Set(actual.map(key));
      for (const span of actual) {
        const count = counts.get(span.type)!;
        if (wanted.has(key(span))) count.tp += 1;
        else {
          count.fp += 1;
          misses.push(`${file}: extra ${span.type} ${JSON.stringify(text.slice(span.start, span.end))}`);
        }
      }
      for (const span of expected.spans) {
        if (got.has(key(span))) continue;
        counts.get(span.type)!.fn += 1;
        misses.push(`${file}: missed ${span.type} ${JSON.stringify(span.text)}`);
      }
    }
    const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
    const rows = [...counts].map(([type, { tp, fp, fn }]) => ({
      type,
      tp,
      fp,
      fn,
      precision: Number(ratio(tp, tp + fp).toFixed(2)),
      recall: Number(ratio(tp, tp + fn).toFixed(2)),
    }));
    console.table(rows);
    if (misses.length > 0) console.log(misses.join('\n'));
    for (const row of rows) {
      const checksum = CHECKSUM_TYPES.includes(row.type);
      expect(row.recall, `${row.type} recall`).toBeGreaterThanOrEqual(checksum ? 1 : 0.85);
      expect(row.precision, `${row.type} precision`).toBeGreaterThanOrEqual(checksum ? 1 : 0.9);
    }
  });
});
