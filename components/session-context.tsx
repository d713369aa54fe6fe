/**
 * Who this device is in its workspace (connection, role, own device id, the workspace's device
 * list), read once per view at its root and kept live, so no component reads it again.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import {
  affectsSession,
  authorDeviceId,
  getConnection,
  getKnownDevices,
  getRole,
  type Connection,
  type Db,
  type KnownDevice,
  type Role,
} from '../lib/store';
import { useStoreQuery, type StoreQuery } from './use-store-query';

export interface Session {
  /** The workspace this device belongs to; null when it is not paired. */
  connection: Connection | null;
  role: Role;
  /** The id this device signs its comments and time entries with. */
  me: string;
  /** The workspace's devices as last learned from the endpoint. */
  devices: KnownDevice[];
}

async function loadSession(db: Db): Promise<Session> {
  const [connection, role, me, devices] = await Promise.all([getConnection(db), getRole(db), authorDeviceId(db), getKnownDevices(db)]);
  return { connection, role, me, devices };
}

const SessionContext = createContext<StoreQuery<Session> | null>(null);

/** Reads the session for the view below it and again whenever it changes. */
export function SessionProvider({ children }: { children: ComponentChildren }) {
  const session = useStoreQuery(loadSession, affectsSession);
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
