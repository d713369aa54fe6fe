/**
 * The sync state as the views say it: one sentence the user can act on, plus notes
 * (issue 4, "Sync state everywhere it matters"). Pure apart from the message lookup.
 */
import { i18n } from '#i18n';
import type { SyncState } from '../sync/loop';
import { syncFailure } from './failure-sentences';
import { timeAgo } from './format';

export interface SyncStatusInput {
  /** Whether this device belongs to a workspace. */
  connected: boolean;
  state: SyncState;
  /** Records with local changes not yet pushed. */
  pending: number;
  /** A sync started by this view is running. */
  syncing: boolean;
  now: number;
  locale: string;
}

/** idle: nothing to report; ok: synced; busy: syncing; waiting: changes not yet sent; offline; problem: the user must act. */
export type SyncTone = 'idle' | 'ok' | 'busy' | 'waiting' | 'offline' | 'problem';

export interface SyncStatus {
  tone: SyncTone;
  message: string;
  /** Further sentences: set-aside changes, when the last sync succeeded. */
  notes: string[];
  /** The Connection page is where this is fixed. */
  fixOnConnectionPage: boolean;
}

/**
 * When the last sync succeeded. Next to a failure, "just now" is left out: it reads as if the
 * failure were over (issue 15, "What got in the way" 3), and a minute later it says "1 minute ago".
 */
function lastSynced(state: SyncState, now: number, locale: string, justNow: boolean): string | null {
  if (!state.lastSuccessAt) return null;
  const ago = timeAgo(state.lastSuccessAt, now, locale);
  if (ago !== null) return i18n.t('sync.lastSynced', [ago]);
  return justNow ? i18n.t('sync.lastSyncedJustNow') : null;
}

/** What the views say about sync: not connected, syncing, synced, changes waiting, offline, or a problem. */
export function describeSync({ connected, state, pending, syncing, now, locale }: SyncStatusInput): SyncStatus {
  if (!connected) return { tone: 'idle', message: i18n.t('sync.notConnected'), notes: [], fixOnConnectionPage: true };
  const notes: string[] = [];
  if (state.quarantined > 0) notes.push(i18n.t('sync.quarantined', state.quarantined));
  const waiting = pending > 0 ? i18n.t('sync.pending', pending) : null;

  if (syncing) return { tone: 'busy', message: i18n.t('sync.syncing'), notes, fixOnConnectionPage: false };
  if (state.error && state.error.reason !== 'not-paired') {
    const last = lastSynced(state, now, locale, false);
    if (last) notes.push(last);
    // Offline is one sentence with what waits; a problem's own sentence is long enough without it.
    if (state.error.reason === 'offline') {
      return {
        tone: 'offline',
        message: pending > 0 ? i18n.t('sync.offlinePending', pending) : i18n.t('sync.offline'),
        notes,
        fixOnConnectionPage: false,
      };
    }
    if (waiting) notes.unshift(waiting);
    return { tone: 'problem', notes, ...syncFailure(state.error.reason, state, locale) };
  }
  if (waiting) {
    const last = lastSynced(state, now, locale, true);
    if (last) notes.push(last);
    return { tone: 'waiting', message: waiting, notes, fixOnConnectionPage: false };
  }
  if (!state.lastSuccessAt) return { tone: 'idle', message: i18n.t('sync.notSyncedYet'), notes, fixOnConnectionPage: false };
  const ago = timeAgo(state.lastSuccessAt, now, locale);
  return {
    tone: 'ok',
    message: ago === null ? i18n.t('sync.syncedJustNow') : i18n.t('sync.syncedAgo', [ago]),
    notes,
    fixOnConnectionPage: false,
  };
}
