/**
 * This device's key pair for its workspace (docs/protocol.md, "Device keys and fingerprints") and
 * a key rotation on its way to the log. The private key is a non-extractable CryptoKey: IndexedDB
 * keeps it by structured clone, so its bytes never exist outside WebCrypto.
 */
import * as z from 'zod/mini';
import { ENTITIES, type Entity } from '../model';
import { formatHlc, tick } from '../protocol/hlc';
import { applyLocalChange, type FieldChange } from './changes';
import { readClock, writeClock } from './clock';
import { connectionSchema } from './connection';
import type { Db } from './db';
import { announceChange } from './events';
import { META } from './meta-keys';

const storedDeviceKeySchema = z.object({
  privateKey: z.custom<CryptoKey>((value) => typeof CryptoKey !== 'undefined' && value instanceof CryptoKey),
  publicKey: z.string(),
  /** Whether the endpoint holds the public key (a v1-paired device, or a join whose PUT failed, has not yet). */
  published: z.boolean(),
  /** The join proof to publish with the key (kept until published: a failed PUT is retried). */
  keyProof: z.optional(z.string()),
});
export type StoredDeviceKey = z.infer<typeof storedDeviceKeySchema>;

/** This device's key pair, or null before it made one. */
export async function getDeviceKey(db: Db): Promise<StoredDeviceKey | null> {
  const parsed = storedDeviceKeySchema.safeParse(await db.get('meta', META.deviceKey));
  return parsed.success ? parsed.data : null;
}

/** Stores this device's key pair. */
export async function setDeviceKey(db: Db, key: StoredDeviceKey): Promise<void> {
  await db.put('meta', storedDeviceKeySchema.parse(key), META.deviceKey);
  announceChange({ db: db.name, kind: 'meta', ids: [META.deviceKey] });
}

/** Records that the endpoint now holds this device's public key. */
export async function markDeviceKeyPublished(db: Db): Promise<void> {
  const key = await getDeviceKey(db);
  if (key && !key.published) await setDeviceKey(db, { ...key, published: true });
}

/** Ticks the device clock once, stored, for a message this device writes outside the outbox. */
export async function takeHlc(db: Db, now: () => number = Date.now): Promise<string> {
  const tx = db.transaction('meta', 'readwrite');
  const meta = tx.objectStore('meta');
  const clock = tick(await readClock(meta), now());
  await writeClock(meta, clock);
  await tx.done;
  return formatHlc(clock);
}

const pendingRotationSchema = z.object({
  keyId: z.string(),
  /** The new generation's raw key, base64url. */
  key: z.string(),
  /** The rotation message exactly as pushed, so a retry pushes the same bytes under the same hlc. */
  envelope: z.object({ hlc: z.string(), keyId: z.string(), body: z.string() }),
});
export type PendingRotation = z.infer<typeof pendingRotationSchema>;

/**
 * Keeps a rotation before it is pushed: once the log may hold it, this device must not lose the
 * new key (the others would switch to a generation it cannot read).
 */
export async function setPendingRotation(db: Db, pending: PendingRotation): Promise<void> {
  await db.put('meta', pendingRotationSchema.parse(pending), META.pendingRotation);
}

/** The rotation pushed but not yet taken into the connection, if any. */
export async function getPendingRotation(db: Db): Promise<PendingRotation | null> {
  const parsed = pendingRotationSchema.safeParse(await db.get('meta', META.pendingRotation));
  return parsed.success ? parsed.data : null;
}

/**
 * The log holds the rotation: the new generation joins the connection's keys and becomes the one
 * this device writes with, and the pending rotation is done, in one transaction.
 */
export async function completeRotation(db: Db, pending: PendingRotation): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const meta = tx.objectStore('meta');
  const connection = connectionSchema.parse(await meta.get(META.connection));
  await meta.put(
    { ...connection, keys: { ...connection.keys, [pending.keyId]: pending.key }, currentKeyId: pending.keyId },
    META.connection,
  );
  await meta.delete(META.pendingRotation);
  await tx.done;
  announceChange({ db: db.name, kind: 'meta', ids: [META.connection, META.pendingRotation] });
}

/**
 * After a rotation in "current state only" mode: writes every field of the records `select` keeps
 * again, freshly stamped, so they go out under the new key generation. Returns how many records.
 * Only the entities named are read (a client may write tasks and instructions; comments and time
 * entries are judged by their author and stay as their author wrote them).
 */
export async function republishRecords(
  db: Db,
  entities: readonly Entity[],
  select: (entity: Entity, data: Readonly<Record<string, unknown>>) => boolean,
): Promise<number> {
  const changes: FieldChange[] = [];
  let records = 0;
  for (const entity of ENTITIES.filter((e) => entities.includes(e))) {
    for (const record of await db.getAll(entity)) {
      if (!select(entity, record.data)) continue;
      records++;
      for (const [field, value] of Object.entries(record.data)) {
        if (field !== 'id' && value !== undefined) changes.push({ entity, id: record.id, field, value });
      }
    }
  }
  await applyLocalChange(db, changes);
  return records;
}
