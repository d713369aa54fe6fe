/**
 * Confidentiality check (issue 12, § 203 StGB): local detectors of what identifies a person or an
 * account, and reversible placeholders. Pure; nothing here touches the network or the browser.
 */
export type { SensitiveSpan, SensitiveType } from './types';
export { SENSITIVE_TYPES } from './types';
export type { ScanOptions } from './scan';
export { CHECKSUM_TYPES, resolveOverlaps, scanSensitive } from './scan';
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
