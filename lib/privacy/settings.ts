import type { SensitiveType } from './types';
import { SENSITIVE_TYPES } from './types';

/** Which types a scan looks for, and which must be reviewed before Delegate works. */
export interface PrivacySettings {
  readonly blockingTypes: readonly SensitiveType[];
  readonly enabledTypes: readonly SensitiveType[];
}

/** The defaults (issue 12): everything on; the checksum-validated IBAN, card and tax ID block. */
export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = Object.freeze({
  blockingTypes: Object.freeze<SensitiveType[]>(['iban', 'card', 'tax-id']),
  enabledTypes: Object.freeze([...SENSITIVE_TYPES]),
});

/** True when a hit of this type must be reviewed before the task may be delegated. */
export function isBlocking(type: SensitiveType, settings: PrivacySettings = DEFAULT_PRIVACY_SETTINGS): boolean {
  return settings.enabledTypes.includes(type) && settings.blockingTypes.includes(type);
}
