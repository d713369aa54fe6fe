/**
 * Confidentiality check (issue 12, § 203 StGB): local detectors of what identifies a person or an
 * account, and reversible placeholders. Pure; nothing here touches the network or the browser.
 */
import { scanSensitive as scan, type ScanOptions } from './scan';
import type { SensitiveSpan } from './types';

export type { SensitiveSpan, SensitiveType } from './types';
export { SENSITIVE_TYPES } from './types';
export type { ScanOptions } from './scan';
export { CHECKSUM_TYPES, resolveOverlaps } from './scan';
export type { PrivacySettings } from './settings';
export { DEFAULT_PRIVACY_SETTINGS, isBlocking } from './settings';
export type { PlaceholderEntry, PlaceholderMapping, RestoredSegment } from './redact';
export {
  PLACEHOLDER_LABELS,
  allocatePlaceholder,
  emptyMapping,
  normalizeOriginal,
  redact,
  replaceAll,
  replaceOne,
  restore,
  restoreText,
} from './redact';

/**
 * The sensitive spans of `text` (offsets in UTF-16 code units, non-overlapping, sorted): IBANs,
 * cards, e-mail addresses, phone numbers, tax and VAT ids, pension and health-insurance numbers,
 * id documents, birth dates, file numbers, and the given `names`.
 */
export function scanSensitive(text: string, options: ScanOptions = {}): SensitiveSpan[] {
  return scan(text, options);
}
