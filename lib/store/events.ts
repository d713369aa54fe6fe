/**
 * Tells every open view (popup, side panel, background) that stored data changed, and names
 * once which changes concern whom (the predicates below), so no listener writes its own filter.
 * One BroadcastChannel per context, fanned out to every listener: it does not echo to its
 * sender, so listeners in this context are called directly and hear each change once.
 *
 * Several workspaces (issue 13): each change names the database it happened in (`db`), and a
 * view listens with its own database as scope, so a sync of one workspace never re-reads another's
 * screen. The workspace registry's own changes (kind `workspaces`) name no database.
 */
import * as z from 'zod/mini';
import { ENTITIES } from '../model';
import { META, type MetaKey } from './meta-keys';

export const CHANGE_CHANNEL = 'zuarbeit-changes';

const storeChangeSchema = z.object({
  kind: z.enum([...ENTITIES, 'drafts', 'meta', 'outbox', 'workspaces']),
  ids: z.optional(z.array(z.string())),
  /** The database (workspace) the change happened in; absent for the registry's changes. */
  db: z.optional(z.string()),
});
export type StoreChange = z.infer<typeof storeChangeSchema>;

type Listener = (change: StoreChange) => void;
const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

function fanOut(change: StoreChange): void {
  for (const listener of listeners) listener(change);
}

function onMessage(event: MessageEvent): void {
  // Another context sent this: parse before trusting it.
  const parsed = storeChangeSchema.safeParse(event.data);
  if (parsed.success) fanOut(parsed.data);
}

function getChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  if (!channel) {
    channel = new BroadcastChannel(CHANGE_CHANNEL);
    channel.addEventListener('message', onMessage);
  }
  return channel;
}

/** Announces a change to listeners here and in every other extension context. */
export function announceChange(change: StoreChange): void {
  fanOut(change);
  getChannel()?.postMessage(change);
}

/**
 * Calls `listener` on every change, from any context; returns the unsubscribe function. With a
 * `scope` (a database), only its changes and those naming no database are heard.
 */
export function onStoreChange(listener: Listener, scope?: { name: string }): () => void {
  getChannel();
  const heard: Listener = scope ? (change) => (change.db === undefined || change.db === scope.name) && listener(change) : listener;
  listeners.add(heard);
  return () => {
    listeners.delete(heard);
  };
}

/** The workspace registry changed: one was added, renamed, left, or another became the current one. */
export function affectsWorkspaces(change: StoreChange): boolean {
  return change.kind === 'workspaces';
}

/** Whether `change` may have touched one of `keys` of the meta store (a change naming no ids may have touched any). */
function touchesMeta(change: StoreChange, ...keys: MetaKey[]): boolean {
  return change.kind === 'meta' && (!change.ids || change.ids.some((id) => (keys as string[]).includes(id)));
}

/** The session (connection, role, own device id, the workspace's device list) may have changed. */
export function affectsSession(change: StoreChange): boolean {
  return touchesMeta(change, META.connection, META.devices);
}

/** This device's connection, and so its role, may have changed (the delegate menu, the Connection page). */
export function affectsConnection(change: StoreChange): boolean {
  return touchesMeta(change, META.connection);
}

/**
 * The grouped task list may have changed: tasks, drafts, threads (their last word), or who is on
 * which side ("waiting for me" depends on the role and the device list).
 */
export function affectsTaskList(change: StoreChange): boolean {
  return (
    change.kind === 'task' ||
    change.kind === 'drafts' ||
    change.kind === 'comment' ||
    change.kind === 'occurrence' ||
    affectsSession(change)
  );
}

/** The standing tasks' current occurrences may have changed: the list's facts, or a sync ran (occurrences wait for the first). */
export function affectsStandingList(change: StoreChange): boolean {
  return affectsTaskList(change) || affectsSyncState(change);
}

/** A standing task's view may have changed: the task, its occurrences, its time or its comments. */
export function affectsStandingTask(taskId: string): (change: StoreChange) => boolean {
  return (change) =>
    affectsTask(taskId)(change) || change.kind === 'occurrence' || change.kind === 'timeEntry' || change.kind === 'comment';
}

/** The badge may have changed: the task list's facts without drafts (its count), or the timers. */
export function affectsBadge(change: StoreChange): boolean {
  // A running timer is the badge's second state (its colour and title).
  return (change.kind !== 'drafts' && affectsTaskList(change)) || affectsTimers(change);
}

/** The task `id` may have changed. */
export function affectsTask(id: string): (change: StoreChange) => boolean {
  return (change) => change.kind === 'task' && (!change.ids || change.ids.includes(id));
}

/** Comments may have changed (a task's thread). */
export function affectsComments(change: StoreChange): boolean {
  return change.kind === 'comment';
}

/** Time entries may have changed (a task's time log). */
export function affectsTimeEntries(change: StoreChange): boolean {
  return change.kind === 'timeEntry';
}

/** Running timers may have changed (this device's or the other side's). */
export function affectsTimers(change: StoreChange): boolean {
  return change.kind === 'timer';
}

/** A break noticed while this device's timer ran may wait for a decision, or no longer. */
export function affectsIdleAway(change: StoreChange): boolean {
  return touchesMeta(change, META.timerIdle) || change.kind === 'timer';
}

/** The workspace settings (hourly rate, monthly budget) may have changed. */
export function affectsSettings(change: StoreChange): boolean {
  return change.kind === 'setting';
}

/** What a task's budget bar shows may have changed: entries, the task's budget, or the settings. */
export function affectsBudget(taskId: string): (change: StoreChange) => boolean {
  return (change) => change.kind === 'timeEntry' || affectsSettings(change) || affectsTask(taskId)(change);
}

/** The monthly report's figures may have changed: entries, tasks, settings or the device names. */
export function affectsReport(change: StoreChange): boolean {
  return change.kind === 'timeEntry' || change.kind === 'task' || affectsSettings(change) || touchesMeta(change, META.devices);
}

/** The level overview may have changed: settings, tasks, threads or who is on which side. */
export function affectsLevelOverview(change: StoreChange): boolean {
  return affectsSettings(change) || affectsTaskList(change);
}

/** The confidentiality settings may have changed, or a mapping, or what a draft marked as fine. */
export function affectsPrivacy(change: StoreChange): boolean {
  return touchesMeta(change, META.privacySettings, META.placeholderMappings, META.privacyReviews);
}

/** The standing instructions may have changed. */
export function affectsInstructions(change: StoreChange): boolean {
  return change.kind === 'instruction';
}

/** A local change waits to be pushed (the outbox grew or shrank). */
export function affectsOutbox(change: StoreChange): boolean {
  return change.kind === 'outbox';
}

/** The sync loop stored a new state: a sync ran (and may have brought news about the workspace). */
export function affectsSyncState(change: StoreChange): boolean {
  return touchesMeta(change, META.syncState);
}

/** What the sync line says may have changed: the loop's state, what waits in the outbox, or the connection. */
export function affectsSyncStatus(change: StoreChange): boolean {
  return affectsOutbox(change) || touchesMeta(change, META.syncState, META.connection);
}

/** Where the side panel should be may have changed. */
export function affectsPanelRoute(change: StoreChange): boolean {
  return touchesMeta(change, META.panelRoute);
}
