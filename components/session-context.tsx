/**
 * Who this device is in its workspace (connection, role, own device id, the workspace's device
 * list), read once per view at its root and kept live, so no component reads it again.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, Session } from '../lib/store';
// Straight from the modules, not the barrel, as everything the popup loads first (build/page-chunks.ts).
import { affectsSession } from '../lib/store/events';
import { readSession } from '../lib/store/session';
import { useStoreQuery, type StoreQuery } from './use-store-query';

export type { Session } from '../lib/store';

const SessionContext = createContext<StoreQuery<Session> | null>(null);

/**
 * Reads the session for the view below it and again whenever it changes; `initial`, when the
 * view read it before its first render (the popup, issue 14), is shown until then.
 */
export function SessionProvider({ children, initial }: { children: ComponentChildren; initial?: Session }) {
  const session = useStoreQuery(readSession, affectsSession, [], initial);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session of the surrounding view; its data is undefined until first read. */
export function useSession(): StoreQuery<Session> {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside a SessionProvider');
  return session;
}

/** This device's role (client or assistant); undefined until read. */
export function useRole(): Role | undefined {
  return useSession().data?.role;
}
