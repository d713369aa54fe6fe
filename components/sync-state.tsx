import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { affectsSyncStatus, countPendingRecords, type Db } from '../lib/store';
import { getSyncState } from '../lib/store';
import { uiLocale } from '../lib/browser/ui-locale';
import { describeSync } from '../lib/ui/sync-status';
import { useSession } from './session-context';
import { useSync } from './sync-context';
import { useStoreQuery } from './use-store-query';

/** "Synced 2 minutes ago" moves on by itself. */
export const SYNC_STATE_REFRESH_MS = 30_000;

async function loadSyncState(db: Db) {
  const [state, pending] = await Promise.all([getSyncState(db), countPendingRecords(db)]);
  return { state, pending };
}

/** Re-renders every `ms`, so relative times stay true. */
function useTicker(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

interface SyncStateProps {
  /** Opens the Connection page; the link is left out where there is none (on that page). */
  onOpenConnection?: () => void;
}

/** Synced / N changes waiting / offline / a problem to act on, with "Sync now"; live. */
export function SyncState({ onOpenConnection }: SyncStateProps) {
  const { data: stored } = useStoreQuery(loadSyncState, affectsSyncStatus);
  const { data: session } = useSession();
  const data = stored && session ? { ...stored, connected: session.connection !== null } : undefined;
  const { syncing, syncNow } = useSync();
  useTicker(SYNC_STATE_REFRESH_MS);
  if (!data) return null;
  const status = describeSync({ ...data, syncing, now: Date.now(), locale: uiLocale() });
  return (
    <div class={`sync-state sync-${status.tone}`}>
      <div class="sync-text">
        <p class="sync-message" role={status.tone === 'problem' ? 'alert' : undefined}>
          <span class="sync-dot" aria-hidden="true" />
          {status.message}
        </p>
        {status.notes.map((note) => (
          <p key={note} class="hint">
            {note}
          </p>
        ))}
      </div>
      <div class="sync-actions">
        {status.fixOnConnectionPage && onOpenConnection && (
          <button type="button" class="link-button" onClick={onOpenConnection}>
            {data.connected ? i18n.t('sync.openConnection') : i18n.t('sync.connect')}
          </button>
        )}
        {data.connected && (
          <button type="button" class="link-button" disabled={syncing} onClick={() => void syncNow()}>
            {i18n.t('sync.syncNow')}
          </button>
        )}
      </div>
    </div>
  );
}
