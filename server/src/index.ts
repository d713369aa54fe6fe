/** Starts the sync endpoint: `npm run server`. Everything else lives in app.ts and below. */
import { createApp } from './app';
import { parseEnv } from './env';
import { jsonLogger, type Logger } from './http/logging';
import { startServer } from './http/server';
import { openStorage } from './storage/open';

async function main(logger: Logger, env: ReturnType<typeof parseEnv>): Promise<void> {
  const storage = await openStorage(env.DATABASE_URL, { synchronous: env.SQLITE_SYNCHRONOUS, poolSize: env.PG_POOL_SIZE });
  const app = createApp({
    storage,
    logger,
    config: {
      signupSecret: env.ZUARBEIT_SIGNUP_SECRET,
      rateLimitDevice: env.ZUARBEIT_RATE_LIMIT_DEVICE,
      rateLimitIp: env.ZUARBEIT_RATE_LIMIT_IP,
      trustProxy: env.ZUARBEIT_TRUST_PROXY,
      metricsToken: env.ZUARBEIT_METRICS_TOKEN,
    },
  });
  const running = await startServer(app, { hostname: env.HOST, port: env.PORT, logger });
  logger.info({ msg: 'listening', url: running.url, storage: storage.kind, pid: process.pid });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ msg: 'shutting down', signal });
    await running.close();
    await storage.close();
    logger.info({ msg: 'stopped' });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const logger = jsonLogger(env.LOG_LEVEL);
await main(logger, env).catch((error: unknown) => {
  logger.error({ msg: 'could not start', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
