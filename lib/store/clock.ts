/**
 * The device's hybrid logical clock, kept in `meta` so that it survives a killed worker and
 * moves only inside the transactions that write what it stamped.
 */
import { formatHlc, initialHlc, newNodeId, parseHlc, type Hlc } from '../protocol/hlc';
import type { Db } from './db';
import { META } from './meta-keys';

/** The `meta` store of a transaction, as far as the clock needs it. */
export interface ClockStore {
  get(key: string): Promise<unknown>;
  put(value: unknown, key: string): Promise<unknown>;
}

/** Reads the device clock inside a transaction that includes `meta`, creating the node id on first use. */
export async function readClock(meta: ClockStore): Promise<Hlc> {
  const stored = await meta.get(META.clock);
  if (typeof stored === 'string') {
    try {
      return parseHlc(stored);
    } catch {
      // A corrupted clock must not block writes: start a fresh node, which is always safe.
    }
  }
  return initialHlc(newNodeId());
}

/** Stores the device clock inside the transaction that writes what it stamped. */
export function writeClock(meta: ClockStore, clock: Hlc): Promise<unknown> {
  return meta.put(formatHlc(clock), META.clock);
}

/**
 * The device's clock, stored if it was not yet: the node id must stay the same from its first
 * use (it signs comments before any other write), not be invented anew on every read.
 */
export async function ensureDeviceClock(db: Db): Promise<Hlc> {
  const tx = db.transaction('meta', 'readwrite');
  const meta = tx.objectStore('meta');
  const clock = await readClock(meta);
  if ((await meta.get(META.clock)) === undefined) await writeClock(meta, clock);
  await tx.done;
  return clock;
}
