import { describe, expect, it } from 'vitest';
import { formatDecimalHours, formatEuro, formatHoursMinutes } from '../../lib/report/format';

describe('report formats', () => {
  it('writes h:mm', () => {
    expect([0, 5, 90, 600, 6001, -15].map(formatHoursMinutes)).toEqual(['0:00', '0:05', '1:30', '10:00', '100:01', '-0:15']);
  });

  it('writes decimal hours in the UI language', () => {
    const cases: [number, string, string][] = [
      [90, 'de', '1,50'],
      [90, 'en', '1.50'],
      [1, 'de-AT', '0,02'],
      [20, 'en-US', '0.33'],
      [60 * 1234.5, 'de', '1.234,50'],
      [60 * 1234.5, 'en', '1,234.50'],
    ];
    for (const [minutes, locale, text] of cases) expect(formatDecimalHours(minutes, locale), `${minutes} ${locale}`).toBe(text);
  });

  it('writes euros from cents', () => {
    expect(formatEuro(123450, 'de')).toBe('1.234,50\u00a0€');
    expect(formatEuro(123450, 'en')).toBe('€1,234.50');
    expect(formatEuro(5, 'de')).toBe('0,05\u00a0€');
  });
});
