/** One step of a storage schema; `version` numbers are consecutive from 1. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
