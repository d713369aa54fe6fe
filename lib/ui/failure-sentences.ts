/**
 * Every sync failure reason as sentences the user can act on (STYLE.md, habit 5): what the sync
 * line says, what a failed pairing action says, and whether the Connection page fixes it.
 * One table, typed by the reason union, so the compiler names a reason without sentences.
 */
import { i18n } from '#i18n';
import { SyncError, type SyncErrorReason } from '../sync/client';
import type { SyncState } from '../sync/loop';
import { formatDuration, formatTime } from './format';

/** What the sync line knows when it describes a failure. */
interface SyncContext {
  state: SyncState;
  locale: string;
}

interface ReasonSentences {
  /** The sync line's sentence for a failed sync. */
  sync: (context: SyncContext) => string;
  /** The sentence for a failed pairing action (the server's error code refines a few). */
  pairing: (error: SyncError) => string;
  /** The Connection page is where this is fixed. */
  fixOnConnectionPage: boolean;
}

/** A clock offset under this is not worth naming (the server only refuses a day or more). */
const NAMED_OFFSET_MS = 60_000;

function clockSentence({ state, locale }: SyncContext): string {
  const offsetMs = state.clockOffsetMs;
  if (offsetMs === null || Math.abs(offsetMs) < NAMED_OFFSET_MS) return i18n.t('sync.clockWrong');
  // The offset is server time minus device time: negative means this device runs ahead.
  const duration = formatDuration(offsetMs, locale);
  return offsetMs < 0 ? i18n.t('sync.clockAhead', [duration]) : i18n.t('sync.clockBehind', [duration]);
}

// Pairing never pushes messages nor decrypts, so those reasons only say that something failed here.
const local = () => i18n.t('pairing.local');
const removed = () => i18n.t('sync.removed');

const SENTENCES = {
  offline: { sync: () => i18n.t('sync.offline'), pairing: () => i18n.t('pairing.offline'), fixOnConnectionPage: false },
  unauthorized: { sync: removed, pairing: removed, fixOnConnectionPage: true },
  revoked: { sync: removed, pairing: removed, fixOnConnectionPage: true },
  forbidden: {
    sync: () => i18n.t('sync.forbidden'),
    // Anyone may create a workspace unless the operator requires a sign-up secret.
    pairing: (error) => (error.code === 'signup-secret-required' ? i18n.t('pairing.signupRequired') : i18n.t('pairing.forbidden')),
    fixOnConnectionPage: true,
  },
  'clock-skew': { sync: clockSentence, pairing: local, fixOnConnectionPage: false },
  'rate-limited': {
    sync: ({ state, locale }) =>
      state.nextRetryAt ? i18n.t('sync.rateLimited', [formatTime(state.nextRetryAt, locale)]) : i18n.t('sync.rateLimitedSoon'),
    pairing: () => i18n.t('pairing.rateLimited'),
    fixOnConnectionPage: false,
  },
  'server-error': { sync: () => i18n.t('sync.serverError'), pairing: () => i18n.t('pairing.serverError'), fixOnConnectionPage: false },
  'bad-response': { sync: () => i18n.t('sync.badResponse'), pairing: () => i18n.t('pairing.badResponse'), fixOnConnectionPage: true },
  'no-progress': { sync: () => i18n.t('sync.noProgress'), pairing: () => i18n.t('pairing.serverError'), fixOnConnectionPage: false },
  'bad-request': {
    sync: () => i18n.t('sync.badRequest'),
    pairing: (error) => (error.code === 'last-client' ? i18n.t('pairing.lastClient') : i18n.t('pairing.badRequest')),
    fixOnConnectionPage: false,
  },
  'invite-invalid': {
    sync: () => i18n.t('pairing.inviteInvalid'),
    // Issue 15 (got in the way 5): say which, so the assistant knows whether to ask again or check what was pasted.
    pairing: (error) =>
      error.code === 'invite-used'
        ? i18n.t('pairing.inviteUsed')
        : error.code === 'invite-expired'
          ? i18n.t('pairing.inviteExpired')
          : error.code === 'invite-not-found'
            ? i18n.t('pairing.inviteUnknown')
            : i18n.t('pairing.inviteInvalid'),
    fixOnConnectionPage: true,
  },
  'not-paired': { sync: () => i18n.t('sync.notConnected'), pairing: () => i18n.t('pairing.notPaired'), fixOnConnectionPage: true },
  undecryptable: { sync: () => i18n.t('sync.undecryptable'), pairing: local, fixOnConnectionPage: true },
} satisfies Record<SyncErrorReason, ReasonSentences>;

/** The sentences of a reason; undefined for one this version does not know (stored by a newer one). */
function sentencesOf(reason: string): ReasonSentences | undefined {
  return Object.hasOwn(SENTENCES, reason) ? SENTENCES[reason as SyncErrorReason] : undefined;
}

/** The sync line's sentence for a failed sync, and whether the Connection page fixes it. */
export function syncFailure(reason: string, state: SyncState, locale: string): { message: string; fixOnConnectionPage: boolean } {
  const sentences = sentencesOf(reason);
  if (!sentences) return { message: i18n.t('sync.failed'), fixOnConnectionPage: false };
  return { message: sentences.sync({ state, locale }), fixOnConnectionPage: sentences.fixOnConnectionPage };
}

/** What a pairing action was, for the sentence of its failure. */
export type PairingAction = 'create' | 'join' | 'invite' | 'devices' | 'revoke';

/** A sentence the user can act on for a failed pairing action; a failure that is no SyncError happened on this device. */
export function pairingErrorMessage(_action: PairingAction, error: unknown): string {
  return error instanceof SyncError ? (sentencesOf(error.reason)?.pairing(error) ?? local()) : local();
}
