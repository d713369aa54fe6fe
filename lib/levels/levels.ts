/**
 * Delegation levels (issue 9): how a task's level follows from its own field, its kind's
 * default and, for records from before levels, the old two-valued `autonomy`. Pure.
 */
import { LEVELS, TASK_KINDS, type Autonomy, type Level, type Task, type TaskKind } from '../model';

/** Each kind's default level. */
export type KindLevels = Record<TaskKind, Level>;

/** A kind's level before the client ever set one: exactly as instructed, as `ask-first` was. */
export const INITIAL_LEVEL: Level = 1;
export const HIGHEST_LEVEL: Level = LEVELS[LEVELS.length - 1];

/** The level an old `autonomy` value stands for: ask first → 1, decide yourself → 3. */
export function levelFromAutonomy(autonomy: Autonomy): Level {
  return autonomy === 'decide-yourself' ? 3 : 1;
}

/** The `autonomy` a device from before levels shows for `level`: it may decide from level 3 on. */
export function autonomyForLevel(level: Level): Autonomy {
  return level >= 3 ? 'decide-yourself' : 'ask-first';
}

/** Where a task's level comes from: its own field, its kind's default, or (an old record) its autonomy. */
export type LevelSource = 'task' | 'kind' | 'autonomy';

export interface EffectiveLevel {
  level: Level;
  source: LevelSource;
}

/** The level a task is worked at. */
export function effectiveLevel(task: Pick<Task, 'kind' | 'level' | 'autonomy'>, defaults: KindLevels): EffectiveLevel {
  if (task.level === undefined) return { level: levelFromAutonomy(task.autonomy), source: 'autonomy' };
  if (task.level === null) return { level: defaults[task.kind], source: 'kind' };
  return { level: task.level, source: 'task' };
}

/** A value for every kind. */
export function perKind<T>(value: (kind: TaskKind) => T): Record<TaskKind, T> {
  return Object.fromEntries(TASK_KINDS.map((kind) => [kind, value(kind)])) as Record<TaskKind, T>;
}

/** The levels a successor starts with (handover): one lower per kind, never below 1. */
export function successorLevels(levels: KindLevels): KindLevels {
  return perKind((kind) => Math.max(1, levels[kind] - 1) as Level);
}

/** The next level up, or null at the top. */
export function nextLevel(level: Level): Level | null {
  return level < HIGHEST_LEVEL ? ((level + 1) as Level) : null;
}
