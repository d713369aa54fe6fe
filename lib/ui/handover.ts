/**
 * View models of device keys, rotation and handover: trust labels, the rotation's outcome and the
 * refused key changes as sentences (issue 11). Pure; the components read stored data and pass it in.
 */
import { i18n } from '#i18n';
import { handoverJson, handoverMarkdown, type HandoverText } from '../handover/export';
import type { PackageRefusal } from '../handover/package';
import type { Handover, HandoverContent } from '../model';
import { HandoverError, type HandoverRefusal } from '../sync/handover';
import type { KeyringRefusal } from '../sync/keyring';
import type { DeviceTrust, ListedDevice } from '../sync/pairing';
import type { RotationResult } from '../sync/rotation';
import { pairingErrorMessage } from './failure-sentences';
import { formatDay } from './format';

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

/** Where a handover under way stands, as the client's Connection page shows it. */
export type HandoverStage = 'waiting-successor' | 'waiting-package' | 'ready';

/** The stage of `handover` given the successors that joined (lib/sync/handover.ts `successorsAmong`). */
export function handoverStage(handover: Handover, successors: readonly string[]): HandoverStage {
  if (successors.length === 0) return 'waiting-successor';
  return handover.ready && handover.content !== null ? 'ready' : 'waiting-package';
}

/** The sentences of a handover under way: what happened, what is awaited, and whether it may be finished now. */
export function handoverProgress(
  handover: Handover,
  successors: readonly string[],
  nameOf: (deviceId: string) => string,
  locale: string,
  today: string,
): { lines: string[]; canFinish: boolean } {
  const stage = handoverStage(handover, successors);
  const outgoing = nameOf(handover.authorDevice);
  const joined =
    successors.length === 0 ? i18n.t('handover.noSuccessor') : i18n.t('handover.successorJoined', [successors.map(nameOf).join(', ')]);
  const pkg = stage === 'ready' ? i18n.t('handover.packageReady') : i18n.t('handover.waitingForPackage', [outgoing]);
  const overlap = handover.overlapUntil ? [i18n.t('handover.overlapUntil', [formatDay(handover.overlapUntil, locale, today)])] : [];
  // Finishing needs a successor; a package that never came does not block the client (the assistant may be gone already).
  return { lines: [joined, pkg, ...overlap], canFinish: stage !== 'waiting-successor' };
}

const HANDOVER_REFUSALS: Record<HandoverRefusal, () => string> = {
  'not-client': () => i18n.t('handover.refused.notClient'),
  'not-assistant': () => i18n.t('handover.refused.notAssistant'),
  'no-successor': () => i18n.t('handover.refused.noSuccessor'),
  'unknown-handover': () => i18n.t('handover.refused.unknownHandover'),
};

/** The sentence for a failed handover step: a refusal by name, anything else as the pairing action's failure. */
export function handoverFailureSentence(error: unknown): string {
  return error instanceof HandoverError ? HANDOVER_REFUSALS[error.reason]() : pairingErrorMessage('invite', error);
}

const PACKAGE_REFUSALS: Record<PackageRefusal, () => string> = {
  'too-large': () => i18n.t('handover.refused.tooLarge'),
  invalid: () => i18n.t('handover.refused.invalid'),
};

/** The sentence for a package that cannot be saved. */
export function packageRefusalSentence(reason: PackageRefusal): string {
  return PACKAGE_REFUSALS[reason]();
}

/** The assistants that can be handed over from: active ones other than this device. */
export function outgoingCandidates(devices: readonly ListedDevice[]): ListedDevice[] {
  return devices.filter((d) => d.role === 'assistant' && d.revokedAt === null);
}

export type ExportFormat = 'markdown' | 'json';

/** A file to download: its name, media type and text. */
export interface ExportFile {
  name: string;
  type: string;
  text: string;
}

/** The package as a file to download, named after the day it was generated. */
export function handoverExportFile(content: HandoverContent, format: ExportFormat, words: HandoverText): ExportFile {
  const day = content.generatedAt.slice(0, 10);
  return format === 'markdown'
    ? { name: `zuarbeit-handover-${day}.md`, type: 'text/markdown;charset=utf-8', text: handoverMarkdown(content, words) }
    : { name: `zuarbeit-handover-${day}.json`, type: 'application/json', text: handoverJson(content) };
}

/** A new contact or access row in the editor. */
export const blankContact = (): HandoverContent['contacts'][number] => ({ name: '', reach: '', note: '' });
export const blankAccess = (): HandoverContent['access'][number] => ({ what: '', where: '', shared: false });

/** `list` with the item at `index` changed by `patch`. */
export function patchAt<T>(list: readonly T[], index: number, patch: Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...patch } : item));
}

/** `list` without the item at `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}
