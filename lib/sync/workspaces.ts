/**
 * Syncing several workspaces (issue 13): each under its own lock (lib/sync/loop), all at once,
 * and one failing, revoked or slow workspace never stops or delays the others' results.
 */
import type { Db } from '../store/db';
import { runSync, type RunSyncOptions, type RunSyncResult } from './loop';

export interface WorkspaceSyncResult {
  workspace: string;
  result: RunSyncResult | { outcome: 'failed'; reason: 'unavailable'; message: string };
}

/** Runs one sync of every workspace in parallel; a workspace whose database cannot open reports so, alone. */
export async function syncWorkspaces(
  workspaces: readonly { id: string; open: () => Promise<Db> }[],
  options: RunSyncOptions = {},
): Promise<WorkspaceSyncResult[]> {
  return Promise.all(
    workspaces.map(async ({ id, open }): Promise<WorkspaceSyncResult> => {
      try {
        return { workspace: id, result: await runSync(await open(), options) };
      } catch (error) {
        // runSync never throws for sync failures (it stores them); this is the database itself.
        return {
          workspace: id,
          result: { outcome: 'failed', reason: 'unavailable', message: error instanceof Error ? error.message : String(error) },
        };
      }
    }),
  );
}
