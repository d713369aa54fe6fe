/**
 * Prometheus metrics (prom-client), only when the operator sets ZUARBEIT_METRICS_TOKEN: off, the
 * middleware is not even installed, so requests pay nothing for it. Each app has its own registry
 * (tests build many apps in one process). Labels are route patterns, never raw paths, so a client
 * cannot grow the series by inventing URLs.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Storage } from '../storage/types';
import type { AppEnv } from './types';

/** Devices seen within this long count as active. */
const ACTIVE_WINDOW_MS = 3_600_000;

export interface Metrics {
  /** Counts every request by route and status, and times syncs. */
  middleware: MiddlewareHandler<AppEnv>;
  /** The Prometheus text exposition, gauges read from the storage now. */
  render(): Promise<string>;
  contentType: string;
}

/** The endpoint's metrics; the gauges ask the storage at scrape time, so every instance reports the shared totals. */
export function createMetrics(storage: Storage, now: () => number): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'zuarbeit_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const syncSeconds = new Histogram({
    name: 'zuarbeit_sync_duration_seconds',
    help: 'Time to answer POST /v1/sync (push and pull), in seconds',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const messages = new Gauge({
    name: 'zuarbeit_messages_stored',
    help: 'Messages in the logs of all workspaces (seqs handed out; on PostgreSQL a few may be skipped). Shared by all instances: aggregate with max, not sum',
    registers: [registry],
  });
  const activeDevices = new Gauge({
    name: 'zuarbeit_active_devices',
    help: 'Devices not revoked and seen in the last hour. Shared by all instances: aggregate with max, not sum',
    registers: [registry],
  });

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now();
    await next();
    const route = routePath(c, -1);
    const pattern = route === '*' || route === '/*' ? '(unmatched)' : route;
    requests.inc({ method: c.req.method, route: pattern, status: c.res.status });
    if (pattern === '/v1/sync' && c.res.status === 200) syncSeconds.observe((performance.now() - started) / 1000);
  };
  const render = async () => {
    const activity = await storage.activity(now() - ACTIVE_WINDOW_MS);
    messages.set(activity.messages);
    activeDevices.set(activity.activeDevices);
    return registry.metrics();
  };
  return { middleware, render, contentType: registry.contentType };
}
