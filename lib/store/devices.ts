/**
 * The workspace's devices as this device last learned them from the endpoint: who is client or
 * assistant (for judging messages and for "waiting for me") and what each is called.
 */
import * as z from 'zod/mini';
import { ROLES } from '../model';
import type { Db } from './db';
import { announceChange } from './events';
import { META } from './meta-keys';

export const knownDevicesSchema = z.array(z.object({ id: z.string(), role: z.enum(ROLES), name: z.optional(z.string()) }));
export type KnownDevice = z.infer<typeof knownDevicesSchema>[number];

/** The devices last learned from the endpoint (empty when none yet). */
export async function getKnownDevices(db: Db): Promise<KnownDevice[]> {
  const parsed = knownDevicesSchema.safeParse(await db.get('meta', META.devices));
  return parsed.success ? parsed.data : [];
}

/** Remembers the workspace's devices. */
export async function setKnownDevices(db: Db, devices: KnownDevice[]): Promise<void> {
  await db.put(
    'meta',
    devices.map(({ id, role, name }) => ({ id, role, name })),
    META.devices,
  );
  announceChange({ db: db.name, kind: 'meta', ids: [META.devices] });
}
