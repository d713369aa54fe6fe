/**
 * `npm run server:new-epochs`: gives every workspace's log a new epoch. Run it once after restoring
 * a backup (README, "Backups"): devices whose cursor is not beyond the restored log would otherwise
 * never notice that seqs are handed out again, and would skip the re-used ones. A device that sees
 * the new epoch starts over from `since: 0` and re-publishes what the log lost (docs/protocol.md).
 */
import { parseEnv } from './env';
import { openStorage } from './storage/open';

try {
  const env = parseEnv();
  const storage = await openStorage(env.DATABASE_URL, { synchronous: env.SQLITE_SYNCHRONOUS, poolSize: 1 });
  try {
    const workspaces = await storage.renewEpochs();
    process.stdout.write(`${JSON.stringify({ msg: 'new epochs', workspaces, storage: storage.kind })}\n`);
  } finally {
    await storage.close();
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
