/**
 * View models of device keys, rotation and handover: trust labels, the rotation's outcome and the
 * refused key changes as sentences (issue 11). Pure; the components read stored data and pass it in.
 */
import { i18n } from '#i18n';
import type { KeyringRefusal } from '../sync/keyring';
import type { DeviceTrust } from '../sync/pairing';
import type { RotationResult } from '../sync/rotation';

/** The badge and the sentence under a device's fingerprint. */
export function trustView(trust: DeviceTrust): { label: string; hint: string | null; confirmable: boolean } {
  switch (trust.state) {
    case 'trusted':
      return { label: i18n.t('keys.confirmed'), hint: null, confirmable: false };
    case 'unconfirmed':
      return { label: i18n.t('keys.notConfirmed'), hint: i18n.t('keys.compareHint'), confirmable: true };
    case 'key-changed':
      return { label: i18n.t('keys.keyChanged'), hint: i18n.t('keys.keyChangedHint'), confirmable: true };
    case 'no-key':
      return { label: i18n.t('keys.noKey'), hint: null, confirmable: false };
    case 'invalid-key':
      return { label: i18n.t('keys.invalidKey'), hint: null, confirmable: false };
  }
}

/** What a finished rotation did, naming the devices left without the new key. */
export function rotationSentence(result: RotationResult, nameOf: (deviceId: string) => string): string {
  const done = i18n.t('keys.rotated', [result.keyId.slice(1), String(result.recipients.length)]);
  return result.untrusted.length === 0 ? done : `${done} ${i18n.t('keys.rotatedUntrusted', [result.untrusted.map(nameOf).join(', ')])}`;
}

const REFUSALS: Record<KeyringRefusal, () => string> = {
  'bad-wrap': () => i18n.t('keys.refused.badWrap'),
  'not-allowed': () => i18n.t('keys.refused.notAllowed'),
  'key-conflict': () => i18n.t('keys.refused.keyConflict'),
  malformed: () => i18n.t('keys.refused.malformed'),
};

/** The sentence for a refused key change (a keyring quarantine reason). */
export function keyringRefusalSentence(reason: KeyringRefusal): string {
  return REFUSALS[reason]();
}
