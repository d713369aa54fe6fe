/**
 * `POST /v1/sync`: push envelopes, then pull the log after `since` (DESIGN.md, "Sync protocol v1"),
 * naming the log's epoch (docs/protocol.md, "Log epoch").
 */
import { Hono } from 'hono';
import {
  MAX_FUTURE_MS,
  MAX_PAGE_BODY_BYTES,
  PAGE_SIZE,
  syncRequestSchema,
  type Envelope,
  type Rejected,
  type SyncResponse,
} from '../../../lib/protocol';
import type { Guards } from '../http/auth';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/types';
import type { Storage } from '../storage/types';

export interface SyncRoutesOptions {
  storage: Storage;
  guards: Guards;
  now: () => number;
}

/** The sync route. */
export function syncRoutes({ storage, guards, now }: SyncRoutesOptions): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/v1/sync', guards.requireDevice, async (c) => {
    const { workspaceId, deviceId } = c.var.device;
    const request = await readJson(c, syncRequestSchema);
    const time = now();
    // HLCs start with a fixed-width ISO instant, so comparing that prefix as text compares times.
    const latest = new Date(time + MAX_FUTURE_MS).toISOString();
    const rejected: Rejected[] = [];
    const storable: Envelope[] = [];
    for (const envelope of request.messages) {
      if (envelope.hlc.slice(0, 24) > latest) rejected.push({ hlc: envelope.hlc, reason: 'clock-skew' });
      else storable.push(envelope);
    }
    const appended = await storage.appendMessages(workspaceId, deviceId, storable, time, request.since);
    const check = request.sinceHlc === undefined ? undefined : { hlc: request.sinceHlc, epoch: request.sinceEpoch };
    const page = await storage.readMessages(workspaceId, request.since, PAGE_SIZE, MAX_PAGE_BODY_BYTES, check);
    const last = page.messages.at(-1);
    const answer: SyncResponse = {
      accepted: appended.accepted,
      rejected: appended.rejected.length === 0 ? rejected : [...rejected, ...appended.rejected],
      messages: page.messages,
      cursor: last ? last.seq : request.since,
      more: page.more,
      serverTime: new Date(time).toISOString(),
      epoch: page.epoch,
      ...(last ? { cursorHlc: last.hlc } : page.atSince !== null ? { cursorHlc: page.atSince } : {}),
    };
    return c.json(answer);
  });

  return routes;
}
