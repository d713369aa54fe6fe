// A workspace registry of its own for one test (fake-indexeddb): the first workspace and as many
// more as asked for, each with its database, behind the background's BackgroundWorkspaces.
import { IDBFactory } from 'fake-indexeddb';
import { registryWorkspaces, type BackgroundWorkspaces } from '../../lib/background/workspaces';
import { addWorkspace, listWorkspaces, openRegistry, workspaceDb, type OpenWorkspace, type Registry } from '../../lib/store';

let run = 0;

export interface TestWorkspaces {
  registry: Registry;
  workspaces: BackgroundWorkspaces;
  /** The first workspace, then the added ones, in the order they were added. */
  open: OpenWorkspace[];
}

/** A fresh IndexedDB with a registry of `count` workspaces (the first and `count - 1` added ones, labelled as given). */
export async function registryWith(count: number, labels: readonly string[] = []): Promise<TestWorkspaces> {
  globalThis.indexedDB = new IDBFactory();
  run++;
  const registry = await openRegistry(`registry-bg-${run}`, `zuarbeit-bg-first-${run}-${crypto.randomUUID()}`);
  for (let i = 1; i < count; i++) await addWorkspace(registry, { label: labels[i] ?? '' });
  const entries = await listWorkspaces(registry);
  const open = await Promise.all(entries.map(async (entry) => ({ entry, db: await workspaceDb(entry) })));
  return { registry, workspaces: registryWorkspaces(async () => registry), open };
}
