/** `GET /metrics` for Prometheus, only when the operator set ZUARBEIT_METRICS_TOKEN (README, operators). */
import { Hono } from 'hono';
import type { Guards } from '../http/auth';
import { sameSecret } from '../http/credentials';
import { ApiError } from '../http/errors';
import type { Metrics } from '../http/metrics';
import type { AppEnv } from '../http/types';

export interface MetricsRoutesOptions {
  metrics: Metrics;
  guards: Guards;
  token: string;
}

export function metricsRoutes({ metrics, guards, token }: MetricsRoutesOptions): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/metrics', async (c) => {
    const sent = /^Bearer +(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (sent === undefined || !sameSecret(sent, token)) {
      // Guessing the token costs the guesser's IP budget, like guessing a device token.
      await guards.limitByIp(c);
      throw new ApiError('unauthorized', 'Missing or wrong metrics token');
    }
    return c.body(await metrics.render(), 200, { 'content-type': metrics.contentType });
  });
  return routes;
}
