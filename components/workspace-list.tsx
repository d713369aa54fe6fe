/**
 * The workspaces of this browser profile (issue 13), at the top of the Connection page: each with
 * its colour, name and this device's role there; open one (the whole panel follows), rename it,
 * leave it, or add another. Every workspace's connection is read from its own database.
 */
import { i18n } from '#i18n';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import {
  addWorkspace,
  clearConnection,
  getRegistry,
  MAX_WORKSPACES,
  removeWorkspace,
  setCurrentWorkspace,
  setPanelRoute,
  updateWorkspace,
  workspaceDb,
  WORKSPACE_COLOURS,
  WORKSPACE_LABEL_MAX,
  WorkspaceError,
  type Registry,
  type WorkspaceColour,
  type WorkspaceEntry,
} from '../lib/store';
import { SyncError } from '../lib/sync/client';
import { revokeDevice } from '../lib/sync/pairing';
import { pairingErrorMessage } from '../lib/ui/failure-sentences';
import { errorMessage } from '../lib/ui/labels';
import { nameInitial, proposeWorkspaceName, type WorkspaceItem } from '../lib/ui/workspaces';
import { useWorkspaceDirectory } from './workspace-directory';
import { WorkspaceMark } from './workspace-mark';
import { ErrorAlert } from './error-alert';
import type { ViewPlatform } from './platform';
import { useCurrentWorkspace } from './workspace-root';

const DIRECTORY = { withDevices: true };

/** The sentence for a failed registry write: what the store refused, else a generic save failure. */
function workspaceFailure(error: unknown): string {
  if (error instanceof WorkspaceError) {
    if (error.reason === 'too-many') return i18n.t('workspaces.tooMany', [String(MAX_WORKSPACES)]);
    if (error.reason === 'bad-label') return i18n.t('workspaces.labelTooLong', [String(WORKSPACE_LABEL_MAX)]);
    if (error.reason === 'last') return i18n.t('workspaces.lastOne');
  }
  return errorMessage('save', error);
}

/** Whether a refused self-removal means this device is no member any more (removed already, or unknown). */
function alreadyGone(error: unknown): boolean {
  return error instanceof SyncError && (error.reason === 'revoked' || error.reason === 'unauthorized' || error.status === 404);
}

interface LeaveOptions {
  keepData: boolean;
  /** Leave even though the endpoint could not be told (the key is still deleted here). */
  force: boolean;
  /** Where the panel goes when the workspace it shows is removed. */
  next: WorkspaceEntry | null;
  fetch?: typeof fetch;
}

/**
 * Leaves a workspace on this device. A client device first removes itself at the endpoint, so its
 * token dies there and nobody renews keys for it any more (an assistant device may not: its client
 * removes it); then the connection and keys go, and with `keepData` false the whole database.
 * Returns the sentence that stopped it when the endpoint refused or could not be reached.
 */
async function leaveWorkspace(registry: Registry, workspace: WorkspaceItem, options: LeaveOptions): Promise<string | null> {
  const { entry, connection } = workspace;
  const db = await workspaceDb(entry);
  if (connection?.role === 'client' && !options.force) {
    try {
      await revokeDevice(db, connection.deviceId, { fetch: options.fetch });
    } catch (error) {
      if (!alreadyGone(error)) {
        return error instanceof SyncError && error.code === 'last-client'
          ? i18n.t('workspaces.lastClient')
          : `${pairingErrorMessage('revoke', error)} ${i18n.t('workspaces.notToldEndpoint')}`;
      }
    }
  }
  if (connection) await clearConnection(db);
  if (options.keepData) return null;
  // Move the panel first, so no view reads the database while it is deleted; it stays on the
  // Connection page, where the person sees the list without the workspace just left.
  if (options.next) {
    await setPanelRoute(await workspaceDb(options.next), { view: 'connection' });
    await setCurrentWorkspace(registry, options.next.id);
  }
  // From its start the store refuses the database and the directory drops the workspace: no view opens it again.
  await removeWorkspace(registry, entry.id, { keepData: false });
  return null;
}

/** The side panel's list of workspaces; nothing outside a WorkspaceRoot (a view on one bare database). */
export function WorkspaceList({ platform }: { platform: ViewPlatform }) {
  const current = useCurrentWorkspace();
  return current ? <Workspaces current={current} platform={platform} /> : null;
}

function Workspaces({ current, platform }: { current: WorkspaceEntry; platform: ViewPlatform }) {
  const id = useId();
  // Each workspace's devices too: an unnamed one is offered a name made from them.
  const { items: workspaces, error } = useWorkspaceDirectory(DIRECTORY);
  // The directory's own failure shows while it lasts; `failure` is an action's (add, open).
  const unread = error ? errorMessage('load', error) : null;
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Makes `entry` current, showing its `view` page; the whole panel follows. */
  const show = async (entry: WorkspaceEntry, view: 'list' | 'connection') => {
    await setPanelRoute(await workspaceDb(entry), { view });
    await setCurrentWorkspace(await getRegistry(), entry.id);
  };

  const run = (work: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    work()
      .catch((error: unknown) => setFailure(workspaceFailure(error)))
      .finally(() => setBusy(false));
  };

  // A new workspace opens on its pairing forms: create one or join with an invitation there.
  const add = () => run(async () => show(await addWorkspace(await getRegistry()), 'connection'));

  if (!workspaces) return <ErrorAlert message={unread} />;
  const only = workspaces.length === 1;
  return (
    <section class="workspace-list" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('workspaces.heading')}
      </h2>
      <ul class="workspaces">
        {workspaces.map((workspace) => (
          <WorkspaceRow
            key={workspace.entry.id}
            workspace={workspace}
            isCurrent={workspace.entry.id === current.id}
            only={only}
            next={workspaces.find((other) => other.entry.id !== workspace.entry.id)?.entry ?? null}
            platform={platform}
            onOpen={() => run(() => show(workspace.entry, 'list'))}
          />
        ))}
      </ul>
      <ErrorAlert message={unread} />
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      <div class="actions">
        <button type="button" disabled={busy} onClick={add}>
          {i18n.t('workspaces.add')}
        </button>
      </div>
    </section>
  );
}

interface WorkspaceRowProps {
  workspace: WorkspaceItem;
  isCurrent: boolean;
  /** The only workspace on this device: it cannot be removed. */
  only: boolean;
  /** Where the panel goes if this one is removed while shown. */
  next: WorkspaceEntry | null;
  platform: ViewPlatform;
  onOpen: () => void;
}

type RowMode = 'idle' | 'rename' | 'leave';

function roleText({ connection, unreadable }: WorkspaceItem): string {
  if (unreadable) return i18n.t('workspaces.unreadable');
  if (!connection) return i18n.t('workspaces.notPaired');
  return connection.role === 'client' ? i18n.t('workspaces.roleClient') : i18n.t('workspaces.roleAssistant');
}

function WorkspaceRow({ workspace, isCurrent, only, next, platform, onOpen }: WorkspaceRowProps) {
  const { entry, connection, name } = workspace;
  const [mode, setMode] = useState<RowMode>('idle');
  // Closing the rename form or the leave question returns focus to the button that opened it.
  const renameRef = useRef<HTMLButtonElement>(null);
  const leaveRef = useRef<HTMLButtonElement>(null);
  const closedFrom = useRef<RowMode>('idle');
  useEffect(() => {
    if (mode !== 'idle') closedFrom.current = mode;
    else if (closedFrom.current !== 'idle') {
      (closedFrom.current === 'rename' ? renameRef : leaveRef).current?.focus();
      closedFrom.current = 'idle';
    }
  }, [mode]);
  const [failure, setFailure] = useState<string | null>(null);
  const proposal = !entry.label && connection ? proposeWorkspaceName(connection, workspace.devices) : null;
  // Leaving the only workspace, unpaired, would change nothing.
  const canLeave = !only || connection !== null;

  const nameIt = (label: string) =>
    getRegistry()
      .then((registry) => updateWorkspace(registry, entry.id, { label }))
      .then(
        () => setFailure(null),
        (error: unknown) => setFailure(workspaceFailure(error)),
      );

  return (
    <li class="workspace" aria-current={isCurrent ? 'true' : undefined} data-workspace={entry.id}>
      <div class="workspace-line">
        <WorkspaceMark colour={entry.colour} initial={nameInitial(name)} />
        <span class="workspace-name">{name}</span>
        <span class="workspace-role">{roleText(workspace)}</span>
        {isCurrent && !only && <span class="badge badge-mine">{i18n.t('workspaces.current')}</span>}
      </div>
      {mode === 'idle' && (
        <div class="workspace-actions">
          {!isCurrent && (
            <button type="button" aria-label={i18n.t('workspaces.openNamed', [name])} onClick={onOpen}>
              {i18n.t('workspaces.open')}
            </button>
          )}
          <button type="button" ref={renameRef} aria-label={i18n.t('workspaces.renameNamed', [name])} onClick={() => setMode('rename')}>
            {i18n.t('workspaces.rename')}
          </button>
          {canLeave && (
            <button
              type="button"
              ref={leaveRef}
              class="danger"
              aria-label={i18n.t('workspaces.leaveNamed', [name])}
              onClick={() => setMode('leave')}
            >
              {i18n.t('workspaces.leave')}
            </button>
          )}
          {proposal && (
            <button type="button" class="link-button" onClick={() => void nameIt(proposal)}>
              {i18n.t('workspaces.nameIt', [proposal])}
            </button>
          )}
        </div>
      )}
      {mode === 'rename' && <RenameForm entry={entry} initialLabel={entry.label || proposal || ''} onDone={() => setMode('idle')} />}
      {mode === 'leave' && (
        <LeaveConfirm workspace={workspace} only={only} next={isCurrent ? next : null} platform={platform} onDone={() => setMode('idle')} />
      )}
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
    </li>
  );
}

const COLOUR_KEY: Record<WorkspaceColour, () => string> = {
  blue: () => i18n.t('workspaces.colourBlue'),
  green: () => i18n.t('workspaces.colourGreen'),
  orange: () => i18n.t('workspaces.colourOrange'),
  purple: () => i18n.t('workspaces.colourPurple'),
  red: () => i18n.t('workspaces.colourRed'),
  teal: () => i18n.t('workspaces.colourTeal'),
  grey: () => i18n.t('workspaces.colourGrey'),
};

function RenameForm({ entry, initialLabel, onDone }: { entry: WorkspaceEntry; initialLabel: string; onDone: () => void }) {
  const id = useId();
  const [label, setLabel] = useState(initialLabel);
  const [colour, setColour] = useState<WorkspaceColour>(entry.colour);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const labelRef = useRef<HTMLInputElement>(null);
  useEffect(() => labelRef.current?.focus(), []);

  const save = () => {
    if (saving) return;
    setSaving(true);
    getRegistry()
      .then((registry) => updateWorkspace(registry, entry.id, { label, colour }))
      .then(onDone, (error: unknown) => setFailure(workspaceFailure(error)))
      .finally(() => setSaving(false));
  };

  return (
    <form
      class="workspace-rename"
      aria-label={i18n.t('workspaces.renameHeading')}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone();
        }
      }}
    >
      <div class="field">
        <label for={`${id}-label`}>{i18n.t('workspaces.label')}</label>
        <input
          id={`${id}-label`}
          ref={labelRef}
          type="text"
          autoComplete="off"
          aria-describedby={`${id}-label-hint`}
          aria-invalid={failure ? 'true' : undefined}
          value={label}
          onInput={(event) => setLabel(event.currentTarget.value)}
        />
        <p id={`${id}-label-hint`} class="hint">
          {i18n.t('workspaces.labelHint')}
        </p>
      </div>
      <fieldset class="field workspace-colours">
        <legend>{i18n.t('workspaces.colour')}</legend>
        {WORKSPACE_COLOURS.map((option) => (
          <label key={option} class="inline">
            <input type="radio" name={`${id}-colour`} checked={colour === option} onChange={() => setColour(option)} />
            <WorkspaceMark colour={option} small />
            {COLOUR_KEY[option]()}
          </label>
        ))}
      </fieldset>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {i18n.t('workspaces.save')}
        </button>
        <button type="button" onClick={onDone}>
          {i18n.t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface LeaveConfirmProps {
  workspace: WorkspaceItem;
  only: boolean;
  next: WorkspaceEntry | null;
  platform: ViewPlatform;
  onDone: () => void;
}

function LeaveConfirm({ workspace, only, next, platform, onDone }: LeaveConfirmProps) {
  const id = useId();
  const { connection, name } = workspace;
  // Keeping the data is the safe default; an unpaired workspace has nothing to leave but its data.
  const [keepData, setKeepData] = useState(connection !== null);
  // Why leaving stopped; `endpoint` when the endpoint refused or was away (then "Leave anyway" is offered).
  const [blocked, setBlocked] = useState<{ message: string; endpoint: boolean } | null>(null);
  const [working, setWorking] = useState(false);
  // The harmless choice has the focus when asked, as in ConfirmButton.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);

  const leave = (force: boolean) => {
    if (working) return;
    if (only && !keepData) return setBlocked({ message: i18n.t('workspaces.lastOne'), endpoint: false });
    setWorking(true);
    setBlocked(null);
    getRegistry()
      .then((registry) => leaveWorkspace(registry, workspace, { keepData, force, next, fetch: platform.endpointFetch }))
      .then(
        (stopped) => (stopped ? setBlocked({ message: stopped, endpoint: true }) : onDone()),
        (error: unknown) => setBlocked({ message: workspaceFailure(error), endpoint: false }),
      )
      .finally(() => setWorking(false));
  };

  const explain = !connection
    ? null
    : connection.role === 'client'
      ? i18n.t('workspaces.leaveExplainClient')
      : i18n.t('workspaces.leaveExplainAssistant');
  return (
    <div
      role="group"
      class="confirm workspace-leave"
      aria-labelledby={`${id}-question`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onDone();
        }
      }}
    >
      <p id={`${id}-question`} class="confirm-question">
        {connection ? i18n.t('workspaces.leaveQuestion', [name]) : i18n.t('workspaces.removeQuestion', [name])}
      </p>
      {explain && <p>{explain}</p>}
      {connection && (
        <fieldset class="field">
          <legend>{i18n.t('workspaces.dataChoice')}</legend>
          <label class="inline">
            <input type="radio" name={`${id}-data`} checked={!keepData} disabled={only} onChange={() => setKeepData(false)} />
            {i18n.t('workspaces.removeData')}
          </label>
          <label class="inline">
            <input type="radio" name={`${id}-data`} checked={keepData} onChange={() => setKeepData(true)} />
            {i18n.t('workspaces.keepData')}
          </label>
        </fieldset>
      )}
      {only && <p class="hint">{i18n.t('workspaces.lastOne')}</p>}
      <ErrorAlert message={blocked?.message ?? null} />
      <div class="actions">
        <button type="button" class="danger" disabled={working} onClick={() => leave(false)}>
          {connection ? i18n.t('workspaces.leaveYes') : i18n.t('workspaces.removeYes')}
        </button>
        {blocked?.endpoint && (
          <button type="button" class="danger" disabled={working} onClick={() => leave(true)}>
            {i18n.t('workspaces.leaveAnyway')}
          </button>
        )}
        <button type="button" ref={cancelRef} onClick={onDone}>
          {i18n.t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
