/**
 * One-line JSON logs. A request line holds method, route pattern, status, duration, workspace id and
 * request id, and nothing a client sent: no tokens, invitation codes, bodies or raw paths.
 */
import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from './types';

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(fields: LogFields): void;
  error(fields: LogFields): void;
}

export type LogLevel = 'info' | 'error' | 'silent';

/** Writes JSON lines to stdout (info) and stderr (errors), dropping what is below `level`. */
export function jsonLogger(level: LogLevel): Logger {
  const line = (fields: LogFields, lvl: string) => JSON.stringify({ time: new Date().toISOString(), level: lvl, ...fields }) + '\n';
  return {
    info: level === 'info' ? (fields) => process.stdout.write(line(fields, 'info')) : () => {},
    error: level === 'silent' ? () => {} : (fields) => process.stderr.write(line(fields, 'error')),
  };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };

/** Request ids: a random per-process prefix and a counter, cheaper than a UUID per request. */
function requestIds(): () => string {
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;
  return () => `${prefix}-${(counter++).toString(36)}`;
}

/** Gives every request an id (answered as X-Request-Id) and logs one line once it is answered. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  const nextId = requestIds();
  return async (c, next) => {
    const started = performance.now();
    const requestId = nextId();
    c.set('requestId', requestId);
    // Set before the handler answers: a header added to a finished Response makes Hono copy it
    // into a full web Response (streams and all), which costs more than the rest of a sync.
    c.header('x-request-id', requestId);
    await next();
    const route = routePath(c, -1);
    logger.info({
      msg: 'request',
      method: c.req.method,
      path: route === '*' || route === '/*' ? '(unmatched)' : route,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
      workspace: c.var.device?.workspaceId ?? null,
      requestId,
    });
  };
}
