/**
 * Delegation levels in the store (issue 9): each kind's default level and its history in the
 * workspace settings record (shared with the hourly rate: one record, a field per feature), the
 * review outcomes the trust count reads, and the overview the side panel shows the client.
 */
import {
  LEVEL_FIELDS,
  settingSchema,
  taskSchema,
  WORKSPACE_SETTINGS_ID,
  type Level,
  type LevelChange,
  type TaskKind,
  type TaskStatus,
} from '../model';
import {
  combinedHistory,
  DEFAULT_SUGGEST_AFTER,
  levelsOf,
  perKind,
  raiseSuggestions,
  reviewOutcome,
  trustCounts,
  withLevelChange,
  type KindLevelChange,
  type KindLevels,
  type LevelHistories,
  type TrustTask,
} from '../levels';
import { parseHlc } from '../protocol/hlc';
import { applyLocalChange } from './changes';
import type { Db, StoredRecord } from './db';
import { getKnownDevices } from './devices';
import { fieldClock } from './field-clocks';
import { getRole } from './meta';
import { authorDeviceId, listRecords } from './records';
import { updateRecord } from './record-writes';

/** The levels part of the workspace settings, defaults filled in. */
export interface LevelSettings {
  histories: LevelHistories;
  levels: KindLevels;
  suggestAfter: number;
}

/**
 * Reads each levels field on its own: a field this version cannot read (or another feature's
 * broken field) leaves the others readable.
 */
function levelSettingsOf(stored: StoredRecord | undefined): LevelSettings {
  const data = stored && stored.data.deleted !== true ? stored.data : {};
  const field = <T>(name: keyof typeof settingSchema.shape, fallback: T): T => {
    const parsed = settingSchema.shape[name].safeParse(data[name]);
    return parsed.success && parsed.data !== undefined ? (parsed.data as T) : fallback;
  };
  const histories: LevelHistories = perKind((kind) => field<LevelChange[]>(LEVEL_FIELDS[kind], []));
  return { histories, levels: levelsOf(histories), suggestAfter: field('levelSuggestAfter', DEFAULT_SUGGEST_AFTER) };
}

/** Each kind's default level, its history and the suggestion threshold. */
export async function getLevelSettings(db: Db): Promise<LevelSettings> {
  return levelSettingsOf(await db.get('setting', WORKSPACE_SETTINGS_ID));
}

/**
 * Sets a kind's default level (the client's decision), recorded in its history with this
 * device and `now`; nothing is written when the level is already `to`.
 */
export async function setKindLevel(db: Db, kind: TaskKind, to: Level, now = new Date()): Promise<void> {
  const [{ histories }, by] = await Promise.all([getLevelSettings(db), authorDeviceId(db)]);
  const next = withLevelChange(histories[kind], to, by, now.toISOString());
  if (next === null) return;
  await applyLocalChange(db, [{ entity: 'setting', id: WORKSPACE_SETTINGS_ID, field: LEVEL_FIELDS[kind], value: next }]);
}

/** Sets after how many results accepted as delivered a raise is suggested. */
export async function setSuggestAfter(db: Db, count: number): Promise<void> {
  settingSchema.shape.levelSuggestAfter.parse(count);
  await applyLocalChange(db, [{ entity: 'setting', id: WORKSPACE_SETTINGS_ID, field: 'levelSuggestAfter', value: count }], {
    skipUnchanged: true,
  });
}

/**
 * Records what the client's move of a task from `from` to `to` says about its delivered result
 * (lib/levels/trust.ts): accepted at `now`, or sent back. Other moves write nothing.
 */
export async function recordReviewOutcome(db: Db, taskId: string, from: TaskStatus, to: TaskStatus, now = new Date()): Promise<void> {
  const outcome = reviewOutcome(from, to);
  if (outcome === 'accepted') await updateRecord(db, 'task', taskId, { acceptedAt: now.toISOString() });
  if (outcome === 'sent-back') await updateRecord(db, 'task', taskId, { sentBack: true });
}

/** What the client sees about trust: levels, per kind the accepted results and the suggestions, the history. */
export interface LevelOverview extends LevelSettings {
  counts: Record<TaskKind, number>;
  suggestions: TaskKind[];
  /** Every kind's changes, newest first. */
  history: KindLevelChange[];
}

/** The millis of a field clock, or null when the field was never written (or the clock is unreadable). */
function writtenAt(record: StoredRecord, field: string): number | null {
  const clock = fieldClock(record, field);
  if (clock === undefined) return null;
  try {
    return parseHlc(clock).millis;
  } catch {
    return null;
  }
}

/** The levels, trust counts, suggestions and history, read in one go. */
export async function getLevelOverview(db: Db): Promise<LevelOverview> {
  const [storedSetting, storedTasks, comments, role, me, devices] = await Promise.all([
    db.get('setting', WORKSPACE_SETTINGS_ID),
    db.getAll('task'),
    listRecords(db, 'comment'),
    getRole(db),
    authorDeviceId(db),
    getKnownDevices(db),
  ]);
  const settings = levelSettingsOf(storedSetting);
  const clientSide = new Set(devices.filter((d) => d.role === 'client').map((d) => d.id));
  if (role === 'client') clientSide.add(me);
  const clientCommentsAt = new Map<string, number[]>();
  for (const comment of comments.records) {
    if (!clientSide.has(comment.authorDevice)) continue;
    const list = clientCommentsAt.get(comment.taskId) ?? [];
    list.push(Date.parse(comment.createdAt));
    clientCommentsAt.set(comment.taskId, list);
  }
  const tasks: TrustTask[] = [];
  for (const record of storedTasks) {
    const parsed = taskSchema.safeParse(record.data);
    if (!parsed.success || parsed.data.deleted) continue;
    tasks.push({
      task: parsed.data,
      resultWrittenAt: writtenAt(record, 'result'),
      clientCommentsAt: clientCommentsAt.get(record.id) ?? [],
    });
  }
  const counts = trustCounts(tasks, settings.histories);
  return {
    ...settings,
    counts,
    suggestions: raiseSuggestions(counts, settings.levels, settings.suggestAfter),
    history: combinedHistory(settings.histories),
  };
}
