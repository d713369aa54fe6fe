/** `GET /healthz`: the process answers (it does not probe the database, so a proxy's check stays cheap). */
import { Hono } from 'hono';
import type { AppEnv } from '../http/types';

export function healthRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/healthz', (c) => c.json({ ok: true as const }));
  return routes;
}
