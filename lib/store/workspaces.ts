/**
 * Several workspaces in one extension (issue 13): a small registry database lists them, and each
 * workspace has a database of its own, so no query of one can return a record of another, and
 * leaving one deletes exactly its data. Keys, cursor, clock, outbox, quarantine, drafts and
 * settings live in the workspace's database as before.
 *
 * Migration: the database every earlier version wrote (`zuarbeit`) becomes the first workspace
 * as it is; nothing is copied, so nothing can be lost and no device has to pair again.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import * as z from 'zod/mini';
import { DatabaseGoneError, DB_NAME, openZuarbeitDb, openZuarbeitDbIfCurrent, type Db } from './db';
import { announceChange } from './events';

export const REGISTRY_NAME = 'zuarbeit-workspaces';
const REGISTRY_VERSION = 1;
/** The first workspace's id: the database of the single-workspace versions. */
export const FIRST_WORKSPACE = 'first';
/** The most workspaces one extension holds (each is a database and a sync run). */
export const MAX_WORKSPACES = 20;
export const WORKSPACE_LABEL_MAX = 80;
/** The colours a workspace can be marked with (the UI maps each to light and dark shades). */
export const WORKSPACE_COLOURS = ['blue', 'green', 'orange', 'purple', 'red', 'teal', 'grey'] as const;
export type WorkspaceColour = (typeof WORKSPACE_COLOURS)[number];

const iso = z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value))));

export const workspaceEntrySchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9-]+$/)),
  dbName: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Named by its people ("Kanzlei Nowag — Anna"); empty until someone names it. */
  label: z.string().check(z.maxLength(WORKSPACE_LABEL_MAX)),
  colour: z.enum(WORKSPACE_COLOURS),
  addedAt: iso,
  /** When "Delegate this" last sent a task here (the menu lists the last used first). */
  lastDelegatedAt: z.nullable(iso),
});
export type WorkspaceEntry = z.infer<typeof workspaceEntrySchema>;

interface RegistrySchema extends DBSchema {
  workspace: { key: string; value: WorkspaceEntry };
  meta: { key: string; value: unknown };
}
export type Registry = IDBPDatabase<RegistrySchema>;

const CURRENT = 'current';
/** The first workspace's database name, as the registry was created with it. */
const FIRST_DB = 'firstDb';

/** The workspace databases this context has opened, by name (see workspaceDb). */
const open = new Map<string, Promise<Db>>();
/** The databases of workspaces left in this context: never opened (so never created) again. */
const left = new Set<string>();
/** Where this profile's views note the database they showed last (a hint for the next start, never the source of truth). */
const SHOWN_KEY = 'zuarbeit.shownDb';
/** Databases opened on the hint and not yet named by the registry (undefined: not there at this version). */
const guessed = new Map<string, Promise<Db | undefined>>();

export class WorkspaceError extends Error {
  constructor(
    readonly reason: 'unknown' | 'too-many' | 'bad-label' | 'last',
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** Opens the registry and registers the first workspace when there is none (the migration). */
export async function openRegistry(name: string = REGISTRY_NAME, firstDbName: string = DB_NAME): Promise<Registry> {
  const first: WorkspaceEntry = {
    id: FIRST_WORKSPACE,
    dbName: firstDbName,
    label: '',
    colour: 'blue',
    addedAt: new Date().toISOString(),
    lastDelegatedAt: null,
  };
  const registry = await openDB<RegistrySchema>(name, REGISTRY_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        // The first workspace is the database this device has used so far, registered with the
        // registry itself, so no later open has to check (issue 14: every view opens it before its first paint).
        database.createObjectStore('workspace', { keyPath: 'id' }).put(first);
        database.createObjectStore('meta').put(firstDbName, FIRST_DB);
      }
    },
    blocking() {
      registry.close();
    },
  });
  return registry;
}

/** The first workspace again, should the registry ever hold none (the last one cannot be removed, so only by damage). */
async function ensureFirstWorkspace(registry: Registry): Promise<void> {
  const tx = registry.transaction(['workspace', 'meta'], 'readwrite');
  const workspaces = tx.objectStore('workspace');
  if ((await workspaces.count()) === 0) {
    const stored = await tx.objectStore('meta').get(FIRST_DB);
    const dbName = typeof stored === 'string' ? stored : DB_NAME;
    await workspaces.put({
      id: FIRST_WORKSPACE,
      dbName,
      label: '',
      colour: 'blue',
      addedAt: new Date().toISOString(),
      lastDelegatedAt: null,
    });
  }
  await tx.done;
}

/** Every workspace, in the order they were added; an unreadable entry is left out, never fatal. */
export async function listWorkspaces(registry: Registry): Promise<WorkspaceEntry[]> {
  return parsedEntries(await registry.getAll('workspace'));
}

function parsedEntries(stored: readonly unknown[]): WorkspaceEntry[] {
  const entries: WorkspaceEntry[] = [];
  for (const value of stored) {
    const parsed = workspaceEntrySchema.safeParse(value);
    if (parsed.success) entries.push(parsed.data);
  }
  return entries.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
}

function cleanLabel(label: string): string {
  const clean = label
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length > WORKSPACE_LABEL_MAX) {
    throw new WorkspaceError('bad-label', `A workspace name is at most ${WORKSPACE_LABEL_MAX} characters.`);
  }
  return clean;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Adds a workspace with a database of its own (empty until it is created or joined). */
export async function addWorkspace(
  registry: Registry,
  options: { label?: string; colour?: WorkspaceColour; now?: Date } = {},
): Promise<WorkspaceEntry> {
  const label = cleanLabel(options.label ?? '');
  const tx = registry.transaction('workspace', 'readwrite');
  const count = await tx.store.count();
  if (count >= MAX_WORKSPACES) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new WorkspaceError('too-many', `At most ${MAX_WORKSPACES} workspaces fit in one browser profile.`);
  }
  // Strictly after every other entry, so the list keeps the order they were added in.
  const latest = Math.max(0, ...(await tx.store.getAll()).map((other) => Date.parse(other.addedAt) || 0));
  const addedAt = new Date(Math.max((options.now ?? new Date()).getTime(), latest + 1));
  const id = `ws-${randomId()}`;
  const entry: WorkspaceEntry = {
    id,
    dbName: `${DB_NAME}-${id}`,
    label,
    colour: options.colour ?? WORKSPACE_COLOURS[count % WORKSPACE_COLOURS.length],
    addedAt: addedAt.toISOString(),
    lastDelegatedAt: null,
  };
  await tx.store.put(entry);
  await tx.done;
  // Its database is made now, so the workspace exists on this device from the start.
  const db = openZuarbeitDb(entry.dbName);
  open.set(entry.dbName, db);
  await db.catch((error: unknown) => {
    open.delete(entry.dbName);
    throw error;
  });
  announceChange({ kind: 'workspaces', ids: [id] });
  return entry;
}

async function requireEntry(registry: Registry, id: string): Promise<WorkspaceEntry> {
  const parsed = workspaceEntrySchema.safeParse(await registry.get('workspace', id));
  if (!parsed.success) throw new WorkspaceError('unknown', `No workspace ${id} on this device.`);
  return parsed.data;
}

/** Renames or recolours a workspace. */
export async function updateWorkspace(
  registry: Registry,
  id: string,
  change: { label?: string; colour?: WorkspaceColour },
): Promise<WorkspaceEntry> {
  const entry = await requireEntry(registry, id);
  const next: WorkspaceEntry = {
    ...entry,
    ...(change.label !== undefined ? { label: cleanLabel(change.label) } : {}),
    ...(change.colour !== undefined ? { colour: z.enum(WORKSPACE_COLOURS).parse(change.colour) } : {}),
  };
  await registry.put('workspace', next);
  announceChange({ kind: 'workspaces', ids: [id] });
  return next;
}

/** Notes that "Delegate this" sent a task to `id` (the menu offers the last used first). */
export async function noteDelegatedTo(registry: Registry, id: string, now = new Date()): Promise<void> {
  const entry = await requireEntry(registry, id);
  await registry.put('workspace', { ...entry, lastDelegatedAt: now.toISOString() });
  announceChange({ kind: 'workspaces', ids: [id] });
}

/** The workspaces in the order a "Delegate this" submenu lists them: the last used first, then by age. */
export function delegateOrder(entries: readonly WorkspaceEntry[]): WorkspaceEntry[] {
  return [...entries].sort(
    (a, b) => (b.lastDelegatedAt ?? '').localeCompare(a.lastDelegatedAt ?? '') || a.addedAt.localeCompare(b.addedAt),
  );
}

/** The workspace the popup and the side panel show: the one last chosen, else the first. */
export async function getCurrentWorkspace(registry: Registry): Promise<WorkspaceEntry> {
  const tx = registry.transaction(['workspace', 'meta'], 'readonly');
  const [stored, current] = await Promise.all([tx.objectStore('workspace').getAll(), tx.objectStore('meta').get(CURRENT), tx.done]);
  const entries = parsedEntries(stored);
  if (entries.length === 0) {
    await ensureFirstWorkspace(registry);
    return (await listWorkspaces(registry))[0];
  }
  return entries.find((entry) => entry.id === current) ?? entries[0];
}

export async function setCurrentWorkspace(registry: Registry, id: string): Promise<void> {
  await requireEntry(registry, id);
  await registry.put('meta', id, CURRENT);
  announceChange({ kind: 'workspaces', ids: [id] });
}

/**
 * Leaves a workspace on this device: its entry goes, and its database with everything in it,
 * unless `keepData` (then the entry stays, so the data can still be read or exported). The last
 * workspace cannot go: there is always one to show. The caller revokes the device first when it
 * is still paired (lib/sync/pairing), and closes its open connections to the database.
 */
export async function removeWorkspace(registry: Registry, id: string, options: { keepData: boolean }): Promise<void> {
  const entry = await requireEntry(registry, id);
  if (options.keepData) return;
  const entries = await listWorkspaces(registry);
  if (entries.length <= 1) throw new WorkspaceError('last', 'The only workspace on this device cannot be removed.');
  left.add(entry.dbName);
  closeWorkspaceDb(entry);
  await deleteDB(entry.dbName);
  const tx = registry.transaction(['workspace', 'meta'], 'readwrite');
  await tx.objectStore('workspace').delete(id);
  if ((await tx.objectStore('meta').get(CURRENT)) === id) await tx.objectStore('meta').delete(CURRENT);
  await tx.done;
  announceChange({ kind: 'workspaces', ids: [id] });
}

/** The workspace's database in this context, opened once and reused. */
export function workspaceDb(entry: Pick<WorkspaceEntry, 'id' | 'dbName'>): Promise<Db> {
  let db = open.get(entry.dbName);
  if (!db) {
    // A view or a sync that listed the workspace before it was left must not bring its deleted database back.
    if (left.has(entry.dbName)) return Promise.reject(new DatabaseGoneError(entry.dbName));
    // Named by the registry now: the guessed open is taken (created or migrated when it found none).
    const guess = guessed.get(entry.dbName);
    guessed.delete(entry.dbName);
    db = (guess ? guess.then((found) => found ?? openZuarbeitDb(entry.dbName)) : openZuarbeitDb(entry.dbName)).catch((error: unknown) => {
      open.delete(entry.dbName);
      throw error;
    });
    open.set(entry.dbName, db);
  }
  return db;
}

/** Whether the workspace was left in this context: its database is gone (or going) and is never opened again here. */
export function workspaceLeft(entry: Pick<WorkspaceEntry, 'dbName'>): boolean {
  return left.has(entry.dbName);
}

function closeWorkspaceDb(entry: Pick<WorkspaceEntry, 'dbName'>): void {
  const db = open.get(entry.dbName);
  const guess = guessed.get(entry.dbName);
  open.delete(entry.dbName);
  guessed.delete(entry.dbName);
  void db?.then((opened) => opened.close()).catch(() => undefined);
  void guess?.then((opened) => opened?.close());
}

let sharedRegistry: Promise<Registry> | undefined;

/** The registry of this context, opened (and migrated) once and reused. */
export function getRegistry(): Promise<Registry> {
  sharedRegistry ??= openRegistry().catch((error: unknown) => {
    sharedRegistry = undefined;
    throw error;
  });
  return sharedRegistry;
}

/** What a view shows: the current workspace and its database. */
export interface OpenWorkspace {
  entry: WorkspaceEntry;
  db: Db;
}

/** The current workspace of this browser profile, opened (the popup and the side panel start here). */
export async function openCurrentWorkspace(registry?: Registry): Promise<OpenWorkspace> {
  const entry = await getCurrentWorkspace(registry ?? (await getRegistry()));
  noteShown(entry.dbName);
  return { entry, db: await workspaceDb(entry) };
}

function noteShown(dbName: string): void {
  try {
    if (globalThis.localStorage?.getItem(SHOWN_KEY) !== dbName) globalThis.localStorage?.setItem(SHOWN_KEY, dbName);
  } catch {
    // No storage here (a service worker) or it is full: the next start only goes without the hint.
  }
}

/**
 * The database the views of this profile showed last, opened while the registry is still being
 * read (issue 14: a view's first read need not wait for the registry). Only a guess: undefined
 * when there is no hint or no such database at this version, and the caller uses it only if
 * `openCurrentWorkspace` then gives the same database. It never creates or migrates a database.
 */
export function guessCurrentWorkspaceDb(): Promise<Db | undefined> {
  let name: string | null = null;
  try {
    name = globalThis.localStorage?.getItem(SHOWN_KEY) ?? null;
  } catch {
    // As in noteShown.
  }
  if (!name || left.has(name)) return Promise.resolve(undefined);
  const known = open.get(name);
  if (known) return known.catch(() => undefined);
  let guess = guessed.get(name);
  if (!guess) {
    guess = openZuarbeitDbIfCurrent(name).catch(() => undefined);
    guessed.set(name, guess);
  }
  return guess;
}

/** Every workspace with its database, in the order they were added (the background syncs and counts them all). */
export async function openAllWorkspaces(registry?: Registry): Promise<OpenWorkspace[]> {
  const entries = await listWorkspaces(registry ?? (await getRegistry()));
  return Promise.all(entries.map(async (entry) => ({ entry, db: await workspaceDb(entry) })));
}
