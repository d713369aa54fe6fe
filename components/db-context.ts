/**
 * The database a view works on, provided once at its root so tests can inject their own.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Db } from '../lib/store';

export const DbContext = createContext<Db | null>(null);

/** The database of the surrounding view. */
export function useDb(): Db {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb() outside a DbContext provider');
  return db;
}
