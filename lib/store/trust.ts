/**
 * Which devices' keys this device trusts (docs/protocol.md, "Device keys and fingerprints"), and the
 * secrets of the invitations this client device created. Trust is pinned to the public key it was
 * given for: a key the server lists later for the same device is not trusted by that.
 */
import * as z from 'zod/mini';
import type { Db } from './db';
import { announceChange } from './events';
import { META } from './meta-keys';

/**
 * Why a device is trusted: `self` this device; `confirmed` the client compared its fingerprint;
 * `invited` its join proof verified against an invitation created here; `inviter` the client
 * device named (with its key's hash) by the invitation this device joined with.
 */
export const TRUST_BASES = ['self', 'confirmed', 'invited', 'inviter'] as const;
export type TrustBasis = (typeof TRUST_BASES)[number];

const trustedDevicesSchema = z.array(
  z.object({ deviceId: z.string(), publicKey: z.string(), basis: z.enum(TRUST_BASES), trustedAt: z.string() }),
);
export type TrustedDevice = z.infer<typeof trustedDevicesSchema>[number];

/** Every device this device trusts, with the key it trusts it for. */
export async function getTrustedDevices(db: Db): Promise<TrustedDevice[]> {
  const parsed = trustedDevicesSchema.safeParse(await db.get('meta', META.trustedDevices));
  return parsed.success ? parsed.data : [];
}

/** Trusts `deviceId` with `publicKey` (replacing what was trusted for it before), in one transaction. */
export async function trustDevice(db: Db, entry: TrustedDevice): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const parsed = trustedDevicesSchema.safeParse(await tx.store.get(META.trustedDevices));
  const others = (parsed.success ? parsed.data : []).filter((d) => d.deviceId !== entry.deviceId);
  await tx.store.put([...others, entry], META.trustedDevices);
  await tx.done;
  announceChange({ db: db.name, kind: 'meta', ids: [META.trustedDevices] });
}

/** The trusted key of `deviceId`, or null. */
export function trustedKeyOf(trusted: readonly TrustedDevice[], deviceId: string): string | null {
  return trusted.find((d) => d.deviceId === deviceId)?.publicKey ?? null;
}

const inviteSecretsSchema = z.array(z.object({ secret: z.string(), createdAt: z.string() }));
export type InviteSecret = z.infer<typeof inviteSecretsSchema>[number];

/** The secrets of invitations created on this device whose joiner is not yet trusted. */
export async function getInviteSecrets(db: Db): Promise<InviteSecret[]> {
  const parsed = inviteSecretsSchema.safeParse(await db.get('meta', META.inviteSecrets));
  return parsed.success ? parsed.data : [];
}

/** Keeps the secret of an invitation just created. */
export async function addInviteSecret(db: Db, entry: InviteSecret): Promise<void> {
  await updateInviteSecrets(db, (secrets) => [...secrets, entry]);
}

/** Forgets secrets: one that a joiner's proof used (a code works once), or all at rotation. */
export async function dropInviteSecrets(db: Db, secrets: readonly string[] | 'all'): Promise<void> {
  await updateInviteSecrets(db, (current) => (secrets === 'all' ? [] : current.filter((s) => !secrets.includes(s.secret))));
}

async function updateInviteSecrets(db: Db, update: (secrets: InviteSecret[]) => InviteSecret[]): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const parsed = inviteSecretsSchema.safeParse(await tx.store.get(META.inviteSecrets));
  await tx.store.put(update(parsed.success ? parsed.data : []), META.inviteSecrets);
  await tx.done;
}
