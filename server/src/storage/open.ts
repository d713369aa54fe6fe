/** Picks the storage adapter from `DATABASE_URL`: `sqlite:<path>` or `postgres://` / `postgresql://`. */
import { openPostgresStorage, type PostgresOptions } from './postgres';
import { openSqliteStorage, type SqliteOptions } from './sqlite';
import type { Storage } from './types';

export type StorageOptions = SqliteOptions & PostgresOptions;

/** Whether `DATABASE_URL` names a storage this server can open. */
export function isSupportedDatabaseUrl(url: string): boolean {
  return /^sqlite:.+/.test(url) || /^postgres(ql)?:\/\//.test(url);
}

/** Opens and migrates the storage `DATABASE_URL` names. */
export async function openStorage(databaseUrl: string, options: StorageOptions = {}): Promise<Storage> {
  if (databaseUrl.startsWith('sqlite:')) return openSqliteStorage(databaseUrl.slice('sqlite:'.length), options);
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgresStorage(databaseUrl, options);
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}
