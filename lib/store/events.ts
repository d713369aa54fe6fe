/**
 * Tells every open view (popup, side panel, background) that stored data changed.
 * BroadcastChannel does not echo to its sender, so listeners in this context are called directly.
 */
import * as z from 'zod/mini';
import { ENTITIES } from '../model';

export const CHANGE_CHANNEL = 'zuarbeit-changes';

const storeChangeSchema = z.object({
  kind: z.enum([...ENTITIES, 'drafts', 'meta', 'outbox']),
  ids: z.optional(z.array(z.string())),
});
export type StoreChange = z.infer<typeof storeChangeSchema>;

type Listener = (change: StoreChange) => void;
const localListeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

function getChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  channel ??= new BroadcastChannel(CHANGE_CHANNEL);
  return channel;
}

/** Announces a change to listeners here and in every other extension context. */
export function announceChange(change: StoreChange): void {
  for (const listener of localListeners) listener(change);
  getChannel()?.postMessage(change);
}

/** Calls `listener` on every change, from any context; returns the unsubscribe function. */
export function onStoreChange(listener: Listener): () => void {
  localListeners.add(listener);
  const ch = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANGE_CHANNEL);
  const onMessage = (event: MessageEvent) => {
    // Another context sent this: parse before trusting it.
    const parsed = storeChangeSchema.safeParse(event.data);
    if (parsed.success) listener(parsed.data);
  };
  ch?.addEventListener('message', onMessage);
  return () => {
    localListeners.delete(listener);
    ch?.removeEventListener('message', onMessage);
    ch?.close();
  };
}
