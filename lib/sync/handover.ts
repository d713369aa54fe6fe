/**
 * The handover flow on the client's Connection page (issue 11): invite the successor, let the
 * outgoing assistant draft the package, then revoke her device and rotate in one step.
 *
 * An invitation carries the current workspace key. In "current state only" mode the key is
 * therefore renewed (without history) right before the successor is invited: her invitation then
 * opens only what is written from now on, and what a successor needs (open and standing tasks,
 * standing instructions, this package) is re-published under it by the rotation. In "with
 * history" mode the final rotation wraps every older generation for her as well.
 */
import type { Handover, SuccessorMode } from '../model';
import { completeHandover, createHandover } from '../store/handover';
import type { Db } from '../store/db';
import { getRecord } from '../store/records';
import { connectedClient, createInvitation, listDevicesWith, type ListedDevice, type PairingOptions } from './pairing';
import { rotateWorkspaceKey, type RotationResult } from './rotation';

export interface HandoverChoice {
  /** The assistant's device that leaves. */
  outgoingDevice: string;
  mode: SuccessorMode;
  /** The last day both assistants work side by side; null: until the client finishes. */
  overlapUntil: string | null;
  keepLevels: boolean;
}

export interface StartedHandover {
  handover: Handover;
  /** For the successor; it works once. */
  invitation: string;
  expiresAt: string;
  /** The rotation made before inviting (current state only), else null. */
  rotation: RotationResult | null;
}

/**
 * Why a handover step is refused: `not-client` only a client device hands over; `not-assistant`
 * the named outgoing device is no active assistant; `no-successor` no trusted assistant joined
 * since the invitation; `unknown-handover` no such (unfinished) handover.
 */
export type HandoverRefusal = 'not-client' | 'not-assistant' | 'no-successor' | 'unknown-handover';

export class HandoverError extends Error {
  constructor(readonly reason: HandoverRefusal) {
    super(`Handover refused: ${reason}`);
    this.name = 'HandoverError';
  }
}

/** Step 1: renews the key (current state only), opens the handover in the outgoing assistant's name and invites the successor. */
export async function startHandover(db: Db, choice: HandoverChoice, options: PairingOptions = {}): Promise<StartedHandover> {
  const { connection, client } = await connectedClient(db, options);
  if (connection.role !== 'client') throw new HandoverError('not-client');
  const devices = await listDevicesWith(db, client, connection);
  if (!devices.some((d) => d.id === choice.outgoingDevice && d.role === 'assistant' && d.revokedAt === null))
    throw new HandoverError('not-assistant');
  const rotation = choice.mode === 'current-state' ? await rotateWorkspaceKey(db, client) : null;
  // Opened after the rotation, so it is written under the key the successor's invitation carries.
  const handover = await createHandover(db, { ...choice, devicesBefore: devices.map((d) => d.id) }, options.now?.());
  const { invitation, expiresAt } = await createInvitation(db, 'assistant', undefined, options);
  return { handover, invitation, expiresAt, rotation };
}

/** The successors of a handover among the listed devices: active, trusted assistants that joined after it began. */
export function successorsAmong(devices: readonly ListedDevice[], handover: Handover): string[] {
  return devices
    .filter((d) => d.role === 'assistant' && d.revokedAt === null && d.trust.state === 'trusted' && !handover.devicesBefore.includes(d.id))
    .map((d) => d.id);
}

/**
 * The last step, one confirmation: removes the outgoing device and renews the key (with history
 * wrapped for the successor when chosen), lowers the levels unless kept, and closes the handover.
 */
export async function finishHandover(db: Db, handoverId: string, options: PairingOptions = {}): Promise<RotationResult> {
  const { connection, client } = await connectedClient(db, options);
  if (connection.role !== 'client') throw new HandoverError('not-client');
  const handover = await getRecord(db, 'handover', handoverId);
  if (!handover || handover.finishedAt) throw new HandoverError('unknown-handover');
  const devices = await listDevicesWith(db, client, connection);
  const successors = successorsAmong(devices, handover);
  if (successors.length === 0) throw new HandoverError('no-successor');
  // Removed already when an earlier attempt stopped after revoking: the rotation still has to happen.
  if (devices.some((d) => d.id === handover.authorDevice && d.revokedAt === null)) await client.revoke(handover.authorDevice);
  // Levels and the closing mark before the rotation: its re-publish carries them under the new key.
  await completeHandover(db, handover, options.now?.());
  return rotateWorkspaceKey(db, client, handover.mode === 'with-history' ? { withHistoryFor: successors } : {});
}
