// What the background tests share: a workspace registry of its own for one test (fake-indexeddb),
// the first workspace and as many more as asked for, each with its database, behind the
// background's BackgroundWorkspaces; and a context-menu registry with Chrome's rules.
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { DELEGATE_MENU_ID, type MenusApi } from '../../lib/background/menu';
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

/** A context-menu registry with Chrome's rules: a duplicate id is an error, a child needs its parent. */
export function fakeMenus() {
  const items = new Map<string, { title: string; contexts: string[]; parentId?: string }>();
  // As Chrome: an item is visible unless created hidden.
  const visible = new Map<string, boolean>();
  const api: MenusApi & { items: typeof items; visible: typeof visible; children(): { id: string; title: string }[] } = {
    items,
    visible,
    children: () => [...items].filter(([, item]) => item.parentId === DELEGATE_MENU_ID).map(([id, { title }]) => ({ id, title })),
    removeAll: vi.fn(async () => {
      items.clear();
      visible.clear();
    }),
    create: vi.fn((props, callback) => {
      if (items.has(props.id)) throw new Error(`Cannot create item with duplicate id ${props.id}`);
      if (props.parentId !== undefined && !items.has(props.parentId)) throw new Error(`No parent ${props.parentId}`);
      items.set(props.id, { title: props.title, contexts: props.contexts, ...(props.parentId ? { parentId: props.parentId } : {}) });
      visible.set(props.id, props.visible ?? true);
      setTimeout(() => callback?.(), 0);
      return props.id;
    }),
  };
  return api;
}
