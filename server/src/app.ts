/**
 * Composes the endpoint: request log, routes, 404/405 and the error boundary. `createApp` takes
 * its dependencies, so tests build apps on any storage, clock and logger.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { createGuards } from './http/auth';
import { ApiError, errorJson } from './http/errors';
import { requestLog, type Logger } from './http/logging';
import { createMetrics } from './http/metrics';
import type { AppEnv } from './http/types';
import { healthRoutes } from './routes/health.routes';
import { metricsRoutes } from './routes/metrics.routes';
import { syncRoutes } from './routes/sync.routes';
import { workspaceRoutes } from './routes/workspaces.routes';
import type { Storage } from './storage/types';

export interface AppConfig {
  signupSecret?: string;
  /** Requests per minute per device token. */
  rateLimitDevice: number;
  /** Unauthenticated requests per minute per client IP. */
  rateLimitIp: number;
  trustProxy: boolean;
  /** When set, `GET /metrics` answers Prometheus with this bearer token; unset, there is no such route. */
  metricsToken?: string;
}

export interface AppDeps {
  storage: Storage;
  config: AppConfig;
  logger: Logger;
  /** The server clock (epoch ms); tests move it. */
  now?: () => number;
}

/** Which methods each path answers, for 405 with an Allow header. */
const ALLOWED: Record<string, string> = {
  '/healthz': 'GET, HEAD',
  '/v1/workspaces': 'POST',
  '/v1/invites': 'POST, DELETE',
  '/v1/join': 'POST',
  '/v1/workspace': 'GET, HEAD',
  '/v1/devices/me/key': 'PUT',
  '/v1/devices/:id': 'DELETE',
  '/v1/sync': 'POST',
};

const JSON_TYPE = { 'content-type': 'application/json; charset=UTF-8' };

/** The endpoint as a Hono app over the given storage, config, logger and clock. */
export function createApp({ storage, config, logger, now = Date.now }: AppDeps): Hono<AppEnv> {
  const guards = createGuards({
    storage,
    now,
    devicePerMinute: config.rateLimitDevice,
    ipPerMinute: config.rateLimitIp,
    trustProxy: config.trustProxy,
  });
  const app = new Hono<AppEnv>();

  app.use(requestLog(logger));
  const metrics = config.metricsToken === undefined ? null : { token: config.metricsToken, ...createMetrics(storage, now) };
  if (metrics) app.use(metrics.middleware);
  // Browser extensions call the endpoint from their own origin. Auth is a bearer token, never a
  // cookie, so answering every origin gives a web page nothing it could not do without CORS.
  app.use(
    cors({ origin: '*', allowHeaders: ['authorization', 'content-type'], exposeHeaders: ['retry-after', 'x-request-id'], maxAge: 86_400 }),
  );
  app.route('/', healthRoutes());
  app.route('/', workspaceRoutes({ storage, guards, now, signupSecret: config.signupSecret }));
  app.route('/', syncRoutes({ storage, guards, now }));
  if (metrics) app.route('/', metricsRoutes({ metrics, guards, token: metrics.token }));
  for (const [path, allow] of Object.entries(metrics ? { ...ALLOWED, '/metrics': 'GET, HEAD' } : ALLOWED)) {
    app.all(path, (c) => c.body(errorJson('method-not-allowed', `${path} answers ${allow}`), 405, { ...JSON_TYPE, allow }));
  }

  app.notFound((c) => c.body(errorJson('not-found', 'No such endpoint'), 404, JSON_TYPE));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.body(errorJson(error.code, error.message, error.details), error.status, { ...JSON_TYPE, ...error.headers });
    }
    const requestId = c.var.requestId;
    logger.error({
      msg: 'unexpected error',
      requestId,
      method: c.req.method,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return c.body(errorJson('internal', `Internal error; the operator can look up request ${requestId}`), 500, JSON_TYPE);
  });
  return app;
}
