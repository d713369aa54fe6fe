/**
 * The endpoint's environment, parsed once at boot. HOST defaults to 127.0.0.1: the endpoint speaks
 * plain HTTP and is meant to sit behind a TLS reverse proxy on the same machine; set HOST=0.0.0.0
 * (e.g. in a container) to listen on every interface.
 */
import * as z from 'zod/mini';
import { isSupportedDatabaseUrl } from './storage/open';

const positiveInt = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.minimum(1)), fallback);
const flag = z._default(
  z.pipe(
    z.enum(['true', 'false', '1', '0']),
    z.transform((v) => v === 'true' || v === '1'),
  ),
  false,
);

const envSchema = z.object({
  PORT: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65535)), 8787),
  HOST: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  DATABASE_URL: z._default(
    z.string().check(z.refine(isSupportedDatabaseUrl, 'must be sqlite:<path> or postgres://...')),
    'sqlite:./data/zuarbeit.db',
  ),
  /** When set, creating a workspace requires it as `signupSecret`. */
  ZUARBEIT_SIGNUP_SECRET: z.optional(z.string().check(z.minLength(1))),
  /** Sync/API requests per minute per device (token bucket; the burst is one minute's worth). */
  ZUARBEIT_RATE_LIMIT_DEVICE: positiveInt(600),
  /** Unauthenticated requests (create workspace, join, bad tokens) per minute per client IP. */
  ZUARBEIT_RATE_LIMIT_IP: positiveInt(30),
  /** When set, GET /metrics answers Prometheus with this bearer token. */
  ZUARBEIT_METRICS_TOKEN: z.optional(z.string().check(z.minLength(16))),
  /** Take the client IP from the last X-Forwarded-For entry; only behind a proxy that sets it. */
  ZUARBEIT_TRUST_PROXY: flag,
  /** SQLite only: FULL (default, an acknowledged push survives power loss) or NORMAL (faster). */
  SQLITE_SYNCHRONOUS: z._default(z.enum(['FULL', 'NORMAL']), 'FULL'),
  /** PostgreSQL only: connections per endpoint instance. */
  PG_POOL_SIZE: positiveInt(10),
  LOG_LEVEL: z._default(z.enum(['info', 'error', 'silent']), 'info'),
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment; throws one readable error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable (`FOO=`) means "not set", as in most shells' intent.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}
