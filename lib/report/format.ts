/**
 * Durations and money as the report page shows them. The UI language picks the notation:
 * German writes decimal commas and "1.234,50 €", English "1,234.50" and "€1,234.50".
 */

/** The Intl locale the report writes numbers in: German for any `de*`, British English else. */
export function numberLocale(locale: string): 'de-DE' | 'en-GB' {
  return locale.toLowerCase().startsWith('de') ? 'de-DE' : 'en-GB';
}

const numberFormats = new Map<string, Intl.NumberFormat>();

// Building an Intl formatter costs far more than using one; a report of 5,000 rows shares a few.
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let cached = numberFormats.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, cached);
  }
  return cached;
}

/** "1:30" for 90 minutes, "0:05" for 5, "-0:15" for -15: hours and minutes without a unit. */
export function formatHoursMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/** Minutes as decimal hours with two places: "1,50" (de) or "1.50" (en) for 90 minutes. */
export function formatDecimalHours(minutes: number, locale: string): string {
  return numberFormat(numberLocale(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minutes / 60);
}

/** An amount in euro cents as money: "1.234,50 €" (de) or "€1,234.50" (en). */
export function formatEuro(cents: number, locale: string): string {
  return numberFormat(numberLocale(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
