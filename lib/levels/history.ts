/**
 * The level history: one list of changes per kind, kept in the workspace settings; its last
 * entry is the kind's current default. Pure.
 */
import { FIELD_LIMITS, TASK_KINDS, type Level, type LevelChange, type TaskKind } from '../model';
import { INITIAL_LEVEL, perKind, type KindLevels } from './levels';

export type LevelHistories = Record<TaskKind, readonly LevelChange[]>;

/** One change with its kind, as the history view lists it. */
export interface KindLevelChange extends LevelChange {
  kind: TaskKind;
}

/** A kind's current level: the last change's `to`, or the initial level. */
export function currentLevel(history: readonly LevelChange[]): Level {
  return history.at(-1)?.to ?? INITIAL_LEVEL;
}

/** Every kind's current level. */
export function levelsOf(histories: LevelHistories): KindLevels {
  return perKind((kind) => currentLevel(histories[kind]));
}

/** When a kind's level last changed (ISO instant), or null when never. */
export function lastChangeAt(history: readonly LevelChange[]): string | null {
  return history.at(-1)?.at ?? null;
}

/**
 * The history after changing the level to `to` (by device `by`, at `at`), or null when `to` is
 * already the level. The oldest entries go once the list is full, so the record stays bounded.
 */
export function withLevelChange(history: readonly LevelChange[], to: Level, by: string, at: string): LevelChange[] | null {
  const from = currentLevel(history);
  if (from === to) return null;
  return [...history, { from, to, at, by }].slice(-FIELD_LIMITS.levelHistory);
}

/** All kinds' changes in one list, newest first. */
export function combinedHistory(histories: LevelHistories): KindLevelChange[] {
  return TASK_KINDS.flatMap((kind) => histories[kind].map((change) => ({ ...change, kind }))).sort(
    (a, b) => Date.parse(b.at) - Date.parse(a.at) || TASK_KINDS.indexOf(a.kind) - TASK_KINDS.indexOf(b.kind),
  );
}
