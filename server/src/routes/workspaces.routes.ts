/**
 * Workspaces and pairing: create, invite, join, list devices, revoke (DESIGN.md, "HTTP API"); and the
 * protocol v2 additions: device keys, the log epoch, revoking pending invitations (docs/protocol.md).
 */
import { Hono } from 'hono';
import {
  createWorkspaceRequestSchema,
  DEFAULT_INVITE_TTL_HOURS,
  deviceKeyRequestSchema,
  inviteRequestSchema,
  joinRequestSchema,
  type DeviceCredentials,
  type InviteResponse,
  type RevokeInvitesResponse,
  type WorkspaceResponse,
} from '../../../lib/protocol';
import type { Guards } from '../http/auth';
import { readJson } from '../http/body';
import { newId, newSecret, sameSecret, sha256 } from '../http/credentials';
import { ApiError } from '../http/errors';
import type { AppEnv } from '../http/types';
import type { Storage } from '../storage/types';

export interface WorkspaceRoutesOptions {
  storage: Storage;
  guards: Guards;
  now: () => number;
  signupSecret?: string;
}

const HOUR_MS = 3_600_000;
const iso = (millis: number) => new Date(millis).toISOString();

function requireClient(role: string): void {
  if (role !== 'client') throw new ApiError('forbidden', 'Only a client device may do this');
}

/** Routes of workspaces, invitations, joining and devices. */
export function workspaceRoutes({ storage, guards, now, signupSecret }: WorkspaceRoutesOptions): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/v1/workspaces', async (c) => {
    await guards.limitByIp(c);
    const request = await readJson(c, createWorkspaceRequestSchema);
    if (signupSecret !== undefined && (request.signupSecret === undefined || !sameSecret(request.signupSecret, signupSecret))) {
      throw new ApiError('signup-secret-required', 'This endpoint needs the operator’s signup secret to create a workspace');
    }
    const token = newSecret();
    const workspaceId = newId();
    const deviceId = newId();
    const { epoch } = await storage.createWorkspace(
      workspaceId,
      { deviceId, deviceName: request.deviceName, tokenHash: sha256(token), publicKey: request.publicKey ?? null },
      now(),
    );
    const answer: DeviceCredentials = { workspaceId, deviceId, token, role: 'client', epoch };
    return c.json(answer, 201);
  });

  routes.post('/v1/invites', guards.requireDevice, async (c) => {
    const device = c.var.device;
    requireClient(device.role);
    const request = await readJson(c, inviteRequestSchema);
    const time = now();
    const code = newSecret();
    const expiresAt = time + (request.ttlHours ?? DEFAULT_INVITE_TTL_HOURS) * HOUR_MS;
    await storage.createInvite(
      { codeHash: sha256(code), workspaceId: device.workspaceId, role: request.role, createdBy: device.deviceId, expiresAt },
      time,
    );
    const answer: InviteResponse = { code, expiresAt: iso(expiresAt) };
    return c.json(answer, 201);
  });

  routes.post('/v1/join', async (c) => {
    await guards.limitByIp(c);
    const request = await readJson(c, joinRequestSchema);
    const token = newSecret();
    const deviceId = newId();
    const result = await storage.redeemInvite(
      sha256(request.code),
      { deviceId, deviceName: request.deviceName, tokenHash: sha256(token), publicKey: request.publicKey ?? null },
      now(),
    );
    if (!result.ok) {
      if (result.reason === 'used') throw new ApiError('invite-used', 'This invitation code was already used');
      if (result.reason === 'expired') throw new ApiError('invite-expired', 'This invitation code has expired');
      throw new ApiError('invite-not-found', 'Unknown invitation code');
    }
    const answer: DeviceCredentials = { workspaceId: result.workspaceId, deviceId, token, role: result.role, epoch: result.epoch };
    return c.json(answer, 201);
  });

  routes.get('/v1/workspace', guards.requireDevice, async (c) => {
    const { workspaceId } = c.var.device;
    const [epoch, devices] = await Promise.all([storage.workspaceEpoch(workspaceId), storage.listDevices(workspaceId)]);
    const answer: WorkspaceResponse = {
      workspaceId,
      epoch,
      devices: devices.map((d) => ({
        id: d.id,
        name: d.name,
        role: d.role,
        createdAt: iso(d.createdAt),
        lastSeenAt: iso(d.lastSeenAt),
        revokedAt: d.revokedAt === null ? null : iso(d.revokedAt),
        publicKey: d.publicKey,
        keyProof: d.keyProof,
      })),
    };
    return c.json(answer);
  });

  routes.delete('/v1/invites', guards.requireDevice, async (c) => {
    const device = c.var.device;
    requireClient(device.role);
    const answer: RevokeInvitesResponse = { revoked: await storage.revokeInvites(device.workspaceId, now()) };
    return c.json(answer);
  });

  routes.put('/v1/devices/me/key', guards.requireDevice, async (c) => {
    const request = await readJson(c, deviceKeyRequestSchema);
    const result = await storage.setDeviceKey(c.var.device.deviceId, request.publicKey, request.keyProof ?? null);
    if (result === 'exists') {
      throw new ApiError('key-exists', 'This device already published another key (or proof); a device whose key was lost joins again');
    }
    return c.body(null, 204);
  });

  routes.delete('/v1/devices/:id', guards.requireDevice, async (c) => {
    const device = c.var.device;
    requireClient(device.role);
    const result = await storage.revokeDevice(device.workspaceId, c.req.param('id'), now());
    if (result === 'not-found') throw new ApiError('not-found', 'No such device in this workspace');
    if (result === 'last-client') {
      throw new ApiError('last-client', 'The last active client device cannot be revoked; add another client device first');
    }
    return c.body(null, 204);
  });

  return routes;
}
