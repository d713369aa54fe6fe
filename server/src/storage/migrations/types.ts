/** One step of a storage schema; `version` numbers are consecutive from 1. */
export interface Migration<Db> {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql` in the same transaction, for data that SQL alone cannot make (random epochs). */
  backfill?: (db: Db) => void | Promise<void>;
}
