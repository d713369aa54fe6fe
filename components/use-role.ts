/**
 * This device's role (client or assistant), live: it changes when the device joins or leaves a workspace.
 */
import { getRole, type Role, type StoreChange } from '../lib/store';
import { META_CONNECTION } from '../lib/sync/connection';
import { useStoreQuery } from './use-store-query';

/** Whether a store change may have changed this device's connection (and so its role). */
export function isConnectionChange(change: StoreChange): boolean {
  return change.kind !== 'meta' || !change.ids || change.ids.includes(META_CONNECTION);
}

/** The role of this device; undefined until read. */
export function useRole(): Role | undefined {
  return useStoreQuery(getRole, ['meta'], [], isConnectionChange).data;
}
