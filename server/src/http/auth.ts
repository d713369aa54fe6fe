/** Authentication and rate limiting in front of the routes. */
import type { Context, MiddlewareHandler } from 'hono';
import type { Storage } from '../storage/types';
import { bearerToken, sha256 } from './credentials';
import { ApiError } from './errors';
import { ipKey, secondsUntilToken } from './rate-limit';
import type { AppEnv } from './types';

/** lastSeenAt is written at most this often per device: one UPDATE a minute, not one per sync. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface GuardOptions {
  storage: Storage;
  now: () => number;
  devicePerMinute: number;
  ipPerMinute: number;
  /** Read the client address from X-Forwarded-For (set only behind a proxy that overwrites it). */
  trustProxy: boolean;
}

export interface Guards {
  /** Lets through only requests with the bearer token of an active device; sets `device`. */
  requireDevice: MiddlewareHandler<AppEnv>;
  /** Counts an unauthenticated request against the client's IP budget (429 when spent). */
  limitByIp(c: Context<AppEnv>): Promise<void>;
}

function rateLimited(retryAfterSeconds: number): ApiError {
  return new ApiError(
    'rate-limited',
    'Too many requests; retry later',
    { retryAfterSeconds },
    {
      'retry-after': String(retryAfterSeconds),
    },
  );
}

/** Builds the guards; their rate-limit buckets live in the storage, shared by every instance on it. */
export function createGuards(options: GuardOptions): Guards {
  const { storage, now, trustProxy } = options;

  const take = async (key: string, perMinute: number): Promise<void> => {
    const { allowed, tokens } = await storage.takeToken(key, perMinute, now());
    if (!allowed) throw rateLimited(secondsUntilToken(tokens, perMinute));
  };

  const clientAddress = (c: Context<AppEnv>): string => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for');
      const last = forwarded?.split(',').at(-1)?.trim();
      if (last) return last;
    }
    return c.env?.incoming?.socket.remoteAddress ?? 'unknown';
  };

  const limitByIp = (c: Context<AppEnv>): Promise<void> => take(ipKey(clientAddress(c)), options.ipPerMinute);

  const requireDevice: MiddlewareHandler<AppEnv> = async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const device = token === null ? null : await storage.authenticate(sha256(token), { perMinute: options.devicePerMinute, now: now() });
    if (!device) {
      // Guessing tokens costs the guesser's IP budget, so it cannot turn into unbounded database lookups.
      await limitByIp(c);
      throw new ApiError('unauthorized', 'Missing or unknown device token');
    }
    if (!device.take.allowed) throw rateLimited(secondsUntilToken(device.take.tokens, options.devicePerMinute));
    // Checked on every request against the database, so a revocation holds at once on every instance.
    if (device.revokedAt !== null) throw new ApiError('revoked', 'This device was removed from its workspace');
    c.set('device', device);
    const time = now();
    if (time - device.lastSeenAt >= LAST_SEEN_RESOLUTION_MS) await storage.touchDevice(device.deviceId, time);
    await next();
  };

  return { requireDevice, limitByIp };
}
