import type { SensitiveSpan, SensitiveType } from './types';
import { SENSITIVE_TYPES } from './types';
import { findBirthDates } from './birth-date';
import { findCards } from './card';
import { findEmails } from './email';
import { findFileNumbers } from './file-number';
import { findHealthInsuranceNumbers } from './health-insurance-number';
import { findIbans } from './iban';
import { findIdDocuments } from './id-document';
import { findNames } from './names';
import { findPensionNumbers } from './pension-number';
import { findPhoneNumbers } from './phone';
import { findTaxIds } from './tax-id';
import { findVatIds } from './vat-id';

/** Options of a scan: the client's names, and which types to look for (default: all). */
export interface ScanOptions {
  names?: string[];
  types?: readonly SensitiveType[];
}

const DETECTORS: Record<Exclude<SensitiveType, 'name' | 'iban'>, (text: string) => SensitiveSpan[]> = {
  card: findCards,
  email: findEmails,
  phone: findPhoneNumbers,
  'tax-id': findTaxIds,
  'vat-id': findVatIds,
  'pension-number': findPensionNumbers,
  'health-insurance-number': findHealthInsuranceNumbers,
  'id-document': findIdDocuments,
  'birth-date': findBirthDates,
  'file-number': findFileNumbers,
};

/**
 * Overlap priority: the checksum-validated types first, in this order (a valid IBAN beats the
 * phone-like digits inside it); every other type ranks after them, and among equals the longer
 * span wins, then the earlier one.
 */
export const CHECKSUM_TYPES: readonly SensitiveType[] = [
  'iban',
  'card',
  'vat-id',
  'tax-id',
  'pension-number',
  'health-insurance-number',
  'id-document',
];

function rank(type: SensitiveType): number {
  const index = CHECKSUM_TYPES.indexOf(type);
  return index === -1 ? CHECKSUM_TYPES.length : index;
}

/** The index of the first accepted span that ends after `start` (accepted is sorted and disjoint). */
function firstEndingAfter(accepted: SensitiveSpan[], start: number): number {
  let low = 0;
  let high = accepted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (accepted[middle].end <= start) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Keeps the best of overlapping candidates by the priority above; the result is sorted by start. */
export function resolveOverlaps(candidates: SensitiveSpan[]): SensitiveSpan[] {
  const ordered = [...candidates].sort((a, b) => rank(a.type) - rank(b.type) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: SensitiveSpan[] = [];
  for (const span of ordered) {
    if (span.end <= span.start) continue;
    const at = firstEndingAfter(accepted, span.start);
    if (at < accepted.length && accepted[at].start < span.end) continue;
    accepted.splice(at, 0, span);
  }
  return accepted;
}

/** `text` with the spans blanked out by a character that neither joins nor continues a number or word. */
function blankOut(text: string, spans: SensitiveSpan[]): string {
  let result = '';
  let position = 0;
  for (const span of spans) {
    result += text.slice(position, span.start) + '\u0000'.repeat(span.end - span.start);
    position = span.end;
  }
  return result + text.slice(position);
}

/** Finds what in `text` identifies a person or an account: sorted, non-overlapping spans. */
export function scanSensitive(text: string, options: ScanOptions = {}): SensitiveSpan[] {
  const types = options.types ?? SENSITIVE_TYPES;
  const ibans = types.includes('iban') ? findIbans(text) : [];
  // The other detectors read the text without the valid IBANs: their digits are no phone or card
  // number, and a number written right after an IBAN still starts a number of its own.
  const rest = blankOut(text, ibans);
  const candidates: SensitiveSpan[] = [...ibans];
  for (const type of types) {
    if (type === 'name') candidates.push(...findNames(rest, options.names ?? []));
    else if (type !== 'iban') candidates.push(...DETECTORS[type](rest));
  }
  return resolveOverlaps(candidates);
}
