/**
 * The sync loop's state as every view shows it: last success, the failure and its backoff, the
 * server's clock offset and how many messages were quarantined.
 */
import * as z from 'zod/mini';
import type { Db } from './db';
import { announceChange } from './events';
import { META } from './meta-keys';

export const syncStateSchema = z.object({
  lastSuccessAt: z.nullable(z.string()),
  lastAttemptAt: z.nullable(z.string()),
  attempt: z.number(),
  nextRetryAt: z.nullable(z.string()),
  error: z.nullable(z.object({ reason: z.string(), message: z.string() })),
  /** Server time minus device time at the last answer, in ms (to name a wrong device clock). */
  clockOffsetMs: z.nullable(z.number()),
  quarantined: z.number(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

/** The state of a device that never synced. */
export const INITIAL_SYNC_STATE: SyncState = {
  lastSuccessAt: null,
  lastAttemptAt: null,
  attempt: 0,
  nextRetryAt: null,
  error: null,
  clockOffsetMs: null,
  quarantined: 0,
};

/** The stored sync state (initial when none). */
export async function getSyncState(db: Db): Promise<SyncState> {
  const parsed = syncStateSchema.safeParse(await db.get('meta', META.syncState));
  return parsed.success ? parsed.data : INITIAL_SYNC_STATE;
}

/** Stores the sync state after a run. */
export async function setSyncState(db: Db, state: SyncState): Promise<void> {
  await db.put('meta', state, META.syncState);
  announceChange({ db: db.name, kind: 'meta', ids: [META.syncState] });
}
