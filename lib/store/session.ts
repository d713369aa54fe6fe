/**
 * What every view needs first of this device in its workspace (issue 14: the popup's first screen
 * waits for it): the connection, the role, the id it signs with and the workspace's known devices,
 * read in one read-only transaction. Only a device that never wrote anything and is not paired
 * writes its clock (its node id must stay the same from its first use).
 */
import { parseHlc } from '../protocol/hlc';
import type { Role } from '../model';
import { ensureDeviceClock } from './clock';
import { connectionSchema, type Connection } from './connection';
import type { Db } from './db';
import { knownDevicesSchema, type KnownDevice } from './devices';
import { META } from './meta-keys';

export interface Session {
  /** The workspace this device belongs to; null when it is not paired. */
  connection: Connection | null;
  role: Role;
  /** The id this device signs its comments and time entries with (authorDeviceId). */
  me: string;
  /** The workspace's devices as last learned from the endpoint. */
  devices: KnownDevice[];
}

/** The session as getConnection, getRole, authorDeviceId and getKnownDevices give it, in one read. */
export async function readSession(db: Db): Promise<Session> {
  const tx = db.transaction('meta', 'readonly');
  const [stored] = await Promise.all([readStoredSession(tx.objectStore('meta')), tx.done]);
  return sessionOf(db, stored);
}

/** The session's records as stored, read from the meta store of a read-only transaction the caller holds. */
export async function readStoredSession(meta: { get(key: string): Promise<unknown> }): Promise<StoredSession> {
  const [connection, devices, clock] = await Promise.all([meta.get(META.connection), meta.get(META.devices), meta.get(META.clock)]);
  return { connection, devices, clock };
}

/** The session's records as read, unchecked. */
export interface StoredSession {
  connection: unknown;
  devices: unknown;
  clock: unknown;
}

/** The session of `stored` (readStoredSession); writes this device's clock when it has none and is not paired. */
export async function sessionOf(db: Db, stored: StoredSession): Promise<Session> {
  const parsedConnection = connectionSchema.safeParse(stored.connection);
  const connection = parsedConnection.success ? parsedConnection.data : null;
  const parsedDevices = knownDevicesSchema.safeParse(stored.devices);
  const devices = parsedDevices.success ? parsedDevices.data : [];
  const me = connection?.deviceId ?? clockNode(stored.clock) ?? (await ensureDeviceClock(db)).node;
  return { connection, role: connection?.role ?? 'client', me, devices };
}

/** The node id of a stored clock; undefined when there is none or it is unreadable (ensureDeviceClock then decides). */
function clockNode(stored: unknown): string | undefined {
  if (typeof stored !== 'string') return undefined;
  try {
    return parseHlc(stored).node;
  } catch {
    return undefined;
  }
}

/** This device's side: this device and the known devices of its role (as threadLastWords has it). */
export function sessionSide(session: Session): Set<string> {
  return new Set([session.me, ...session.devices.filter((device) => device.role === session.role).map((device) => device.id)]);
}
