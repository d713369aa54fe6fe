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
  const meta = tx.objectStore('meta');
  const [storedConnection, storedDevices, storedClock] = await Promise.all([
    meta.get(META.connection),
    meta.get(META.devices),
    meta.get(META.clock),
    tx.done,
  ]);
  const parsedConnection = connectionSchema.safeParse(storedConnection);
  const connection = parsedConnection.success ? parsedConnection.data : null;
  const parsedDevices = knownDevicesSchema.safeParse(storedDevices);
  const devices = parsedDevices.success ? parsedDevices.data : [];
  const me = connection?.deviceId ?? clockNode(storedClock) ?? (await ensureDeviceClock(db)).node;
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
