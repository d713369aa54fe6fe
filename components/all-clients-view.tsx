/**
 * "All clients" in the popup (issue 13): what waits for the assistant in every workspace where this
 * device is the assistant, each row with its client's workspace. Loaded only when chosen in the
 * switcher; the workspaces' own lists are untouched by it.
 */
import { i18n } from '#i18n';
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  affectsTaskList,
  affectsWorkspaces,
  getConnection,
  listRecords,
  listWorkspaces,
  onStoreChange,
  openAllWorkspaces,
  setCurrentWorkspace,
  setPanelRoute,
  threadLastWords,
  workspaceDb,
  WorkspaceError,
  type Db,
  type Registry,
  type StoreChange,
} from '../lib/store';
import { uiLocale } from '../lib/browser/ui-locale';
import { allClientsRows, isAssistantIn, type ClientTaskRow, type ClientWorkspace } from '../lib/ui/all-clients';
import { localDay } from '../lib/ui/format';
import { nextRowIndex } from '../lib/ui/keyboard';
import { errorMessage, statusLabel } from '../lib/ui/labels';
import { ErrorAlert } from './error-alert';
import { RowMeta } from './task-row';
import { WorkspaceMark } from './workspace-mark';
import { useRegistry } from './workspace-root';

/** One workspace as "All clients" read it. */
export interface ReadWorkspace {
  workspace: ClientWorkspace;
  /** Its database, which names the changes that concern it. */
  dbName: string;
  /** Records that could not be parsed (as the popup's note counts them). */
  skipped: number;
  /** Whether it could not be read at all (then it is left out of the rows). */
  unreadable: boolean;
}

/** Reads one workspace: its connection, and its tasks and threads only where this device is the assistant. */
export async function readClientWorkspace({ entry, db }: { entry: ClientWorkspace['entry']; db: Db }): Promise<ReadWorkspace> {
  const none: ClientWorkspace = { entry, connection: null, tasks: [], lastWords: new Map() };
  try {
    const connection = await getConnection(db);
    // A client's own workspace is never read here.
    if (!isAssistantIn({ connection })) return { workspace: { ...none, connection }, dbName: db.name, skipped: 0, unreadable: false };
    const [tasks, lastWords] = await Promise.all([listRecords(db, 'task'), threadLastWords(db)]);
    return {
      workspace: { entry, connection, tasks: tasks.records, lastWords },
      dbName: db.name,
      skipped: tasks.skipped,
      unreadable: false,
    };
  } catch (error) {
    console.warn('[zuarbeit] cannot read a workspace for "All clients"', error);
    return { workspace: none, dbName: db.name, skipped: 0, unreadable: true };
  }
}

/** Reads every workspace of `registry`, in its order. */
export async function loadAllClients(registry: Registry): Promise<ReadWorkspace[]> {
  return Promise.all((await openAllWorkspaces(registry)).map(readClientWorkspace));
}

/**
 * The reading after `change`: only the workspace it happened in is read again; a registry change,
 * a change naming no database, or none (the first reading) reads them all.
 */
export async function rereadAllClients(
  registry: Registry,
  previous: ReadWorkspace[] | undefined,
  change: StoreChange | null,
): Promise<ReadWorkspace[]> {
  const index = previous && change && !affectsWorkspaces(change) ? previous.findIndex((read) => read.dbName === change.db) : -1;
  if (!previous || index < 0) return loadAllClients(registry);
  const { entry } = previous[index].workspace;
  const next = await readClientWorkspace({ entry, db: await workspaceDb({ id: entry.id, dbName: previous[index].dbName }) });
  return previous.map((read, i) => (i === index ? next : read));
}

/**
 * Opens a row's task in its own workspace: the route goes into that workspace's database, then it
 * becomes the current one, so a side panel (open, or opening) follows to the task and the list of
 * no other workspace changes.
 */
export async function routeToClientTask(registry: () => Promise<Registry>, row: Pick<ClientTaskRow, 'workspaceId' | 'id'>): Promise<void> {
  const opened = await registry();
  const entry = (await listWorkspaces(opened)).find((candidate) => candidate.id === row.workspaceId);
  if (!entry) throw new WorkspaceError('unknown', `No workspace ${row.workspaceId} on this device.`);
  await setPanelRoute(await workspaceDb(entry), { view: 'task', id: row.id });
  await setCurrentWorkspace(opened, entry.id);
}

/** Up and down (Home, End) move between the rows; Tab reaches each of them too. */
function onRowsKeyDown(event: TargetedKeyboardEvent<HTMLUListElement>): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-row]')];
  const index = nextRowIndex(event.key, rows.indexOf(event.target as HTMLElement), rows.length);
  if (index === null) return;
  event.preventDefault();
  rows[index].focus();
}

function ClientRow({ row, today, locale, onOpen }: { row: ClientTaskRow; today: string; locale: string; onOpen: () => void }) {
  return (
    <li>
      <button type="button" class="row" data-row data-workspace={row.workspaceId} onClick={onOpen}>
        <span class="row-title" title={row.title}>
          {row.title}
        </span>
        <span class={`badge badge-${row.status}`}>{statusLabel(row.status)}</span>
        <RowMeta row={row} today={today} locale={locale}>
          <span class="ws-client">
            <WorkspaceMark colour={row.colour} initial={row.initial} />
            {row.workspaceName}
          </span>
        </RowMeta>
      </button>
    </li>
  );
}

/** "Waiting for me" across all clients, live: any workspace's tasks or threads, and the registry. */
export function AllClientsView({ onOpen }: { onOpen: (row: ClientTaskRow) => void }) {
  const registry = useRegistry();
  const [state, setState] = useState<{ data?: ReadWorkspace[]; error?: unknown }>({});

  useEffect(() => {
    let alive = true;
    // One reading at a time, each from the latest: two workspaces changing at once both count.
    let latest: ReadWorkspace[] | undefined;
    let queue = Promise.resolve();
    const read = (change: StoreChange | null) => {
      queue = queue
        .then(() => registry())
        .then((opened) => rereadAllClients(opened, latest, change))
        .then(
          (data) => {
            latest = data;
            if (alive) setState({ data });
          },
          (error: unknown) => {
            if (alive) setState((previous) => ({ ...previous, error }));
          },
        );
    };
    // No scope: a sync in any workspace may bring a task waiting here.
    const unsubscribe = onStoreChange((change) => {
      if (affectsTaskList(change) || affectsWorkspaces(change)) read(change);
    });
    read(null);
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [registry]);

  const { data: read, error } = state;
  const data = useMemo(
    () =>
      read && {
        rows: allClientsRows(read.map((one) => one.workspace)),
        troubled: read.some((one) => one.unreadable || one.skipped > 0),
      },
    [read],
  );
  const today = localDay(new Date());
  const locale = uiLocale();
  return (
    <section class="all-clients" aria-labelledby="all-clients-heading">
      <h2 id="all-clients-heading" class="section-heading">
        {i18n.t('allClients.heading')} {data && <span class="count">{data.rows.length}</span>}
      </h2>
      <ErrorAlert message={error ? errorMessage('load', error) : null} />
      {data?.troubled && (
        <p class="note" role="status">
          {i18n.t('allClients.unreadable')}
        </p>
      )}
      {data && data.rows.length === 0 && (
        <div class="empty">
          <p class="empty-title">{i18n.t('allClients.emptyTitle')}</p>
          <p>{i18n.t('allClients.emptyHint')}</p>
        </div>
      )}
      {data && data.rows.length > 0 && (
        <ul class="rows" onKeyDown={onRowsKeyDown}>
          {data.rows.map((row) => (
            <ClientRow key={`${row.workspaceId}:${row.id}`} row={row} today={today} locale={locale} onOpen={() => onOpen(row)} />
          ))}
        </ul>
      )}
    </section>
  );
}
