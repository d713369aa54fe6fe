/**
 * The slot where the sync state (last sync, offline, failures) will show. Client sync comes
 * with a later issue; until then there is nothing true to say, so this renders nothing.
 */
/** Renders nothing until client sync exists. */
export function SyncState() {
  return null;
}
