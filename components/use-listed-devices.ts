import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { affectsSyncState, onStoreChange } from '../lib/store';
import { listDevices, type ListedDevice } from '../lib/sync/pairing';
import { useDb } from './db-context';
import type { ViewPlatform } from './platform';

interface ListedDevicesHandlers {
  /** After every read that succeeded. */
  loaded?: () => void;
  /** After every read that failed. */
  failed: (error: unknown) => void;
}

/**
 * The workspace's devices as the endpoint lists them (null until the first read), read again
 * whenever a sync may have brought news (a device joined, this one was removed); `load` reads on demand.
 */
export function useListedDevices(
  platform: ViewPlatform,
  handlers: ListedDevicesHandlers,
): { devices: ListedDevice[] | null; load: () => Promise<void> } {
  const db = useDb();
  const [devices, setDevices] = useState<ListedDevice[] | null>(null);
  // The latest handlers, so callers may pass inline functions without re-subscribing on every render.
  const latest = useRef(handlers);
  latest.current = handlers;

  const load = useCallback(
    () =>
      listDevices(db, { fetch: platform.endpointFetch }).then(
        (list) => {
          setDevices(list);
          latest.current.loaded?.();
        },
        (error: unknown) => latest.current.failed(error),
      ),
    [db, platform],
  );
  useEffect(() => {
    void load();
    return onStoreChange((change) => {
      if (affectsSyncState(change)) void load();
    }, db);
  }, [load]);

  return { devices, load };
}
