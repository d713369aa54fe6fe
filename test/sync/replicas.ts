// Replicas for the in-memory log's property tests: one database per device, each connected to
// the same workspace with the same key, and each registered as a device of the log.
import { openZuarbeitDb, type Db } from '../../lib/store';
import { encodeKey, setConnection } from '../../lib/sync/connection';
import { generateWorkspaceKey } from '../../lib/sync/crypto';
import type { MemoryLog } from './memory-log';

/**
 * Opens a database per name (`<prefix><name>`), connects each to workspace `ws` of `log` with its
 * role from `roles`, one workspace key for all, and lists each device in the log.
 */
export async function openReplicas<Name extends string>(
  log: MemoryLog,
  roles: Record<Name, 'client' | 'assistant'>,
  options: { prefix: string; joinedAt?: number },
): Promise<Record<Name, Db>> {
  const key = encodeKey(generateWorkspaceKey());
  const replicas = {} as Record<Name, Db>;
  for (const name of Object.keys(roles) as Name[]) {
    replicas[name] = await openZuarbeitDb(`${options.prefix}${name}`);
    log.devices.push({ id: name, role: roles[name] });
    await setConnection(replicas[name], {
      endpoint: 'http://memory',
      workspaceId: 'ws',
      deviceId: name,
      deviceName: name,
      token: name,
      role: roles[name],
      keys: { k1: key },
      currentKeyId: 'k1',
      joinedAt: new Date(options.joinedAt ?? Date.now()).toISOString(),
    });
  }
  return replicas;
}
