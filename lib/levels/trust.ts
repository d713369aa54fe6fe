/**
 * Trust that grows, never silently (issue 9): per kind, how many results the client accepted as
 * delivered since the kind's level last changed, and when to suggest raising it. Pure.
 *
 * A task counts for its kind when all of these hold:
 * - it is done (or archived since), and the client accepted it: `acceptedAt` is written only
 *   when the client moves it from review to done;
 * - it was accepted after the kind's last level change (or the kind's level never changed);
 * - it was never sent back: `sentBack` is written when the client moves it from review to
 *   anything but done;
 * - the result it was accepted with is the one stored: the result's field clock is not later
 *   than the acceptance (a result edited after it was accepted was changed);
 * - nobody on the client's side wrote in its thread between the result and the acceptance
 *   (a question about the result is not "accepted as delivered");
 * - it was worked at least at its kind's level (a task the client held lower proves nothing
 *   about the kind's level).
 */
import { FINISHED, type Task, type TaskKind, type TaskStatus, TASK_KINDS } from '../model';
import { lastChangeAt, levelsOf, type LevelHistories } from './history';
import { effectiveLevel, nextLevel, perKind, type KindLevels } from './levels';

/** After this many results accepted as delivered, raising the kind's level is suggested. */
export const DEFAULT_SUGGEST_AFTER = 5;

/** What the count reads of one task. */
export interface TrustTask {
  task: Pick<Task, 'kind' | 'status' | 'level' | 'autonomy' | 'result' | 'acceptedAt' | 'sentBack'>;
  /** When the result was last written (epoch ms, its field clock), or null when it never was. */
  resultWrittenAt: number | null;
  /** When the client's side wrote in the task's thread (epoch ms of each comment's `createdAt`). */
  clientCommentsAt: readonly number[];
}

/** Whether the task counts as accepted as delivered after `since` (epoch ms; null: no level change yet). */
export function acceptedAsDelivered(
  { task, resultWrittenAt, clientCommentsAt }: TrustTask,
  since: number | null,
  defaults: KindLevels,
): boolean {
  if (!FINISHED.includes(task.status) || !task.acceptedAt || task.sentBack === true) return false;
  const accepted = Date.parse(task.acceptedAt);
  if (since !== null && !(accepted > since)) return false;
  if (task.result === null || resultWrittenAt === null || resultWrittenAt > accepted) return false;
  if (clientCommentsAt.some((at) => at >= resultWrittenAt && at <= accepted)) return false;
  return effectiveLevel(task, defaults).level >= defaults[task.kind];
}

/** Per kind, the results accepted as delivered since the kind's level last changed. */
export function trustCounts(tasks: readonly TrustTask[], histories: LevelHistories): Record<TaskKind, number> {
  const defaults = levelsOf(histories);
  const since = perKind((kind) => {
    const at = lastChangeAt(histories[kind]);
    return at === null ? null : Date.parse(at);
  });
  const counts = perKind(() => 0);
  for (const item of tasks) if (acceptedAsDelivered(item, since[item.task.kind], defaults)) counts[item.task.kind]++;
  return counts;
}

/** The kinds whose level the side panel suggests raising: enough accepted results, and a level above. */
export function raiseSuggestions(counts: Record<TaskKind, number>, levels: KindLevels, suggestAfter: number): TaskKind[] {
  return TASK_KINDS.filter((kind) => counts[kind] >= suggestAfter && nextLevel(levels[kind]) !== null);
}

/** What the client's status change says about a delivered result: accepted, sent back, or nothing. */
export type ReviewOutcome = 'accepted' | 'sent-back' | null;

/** The outcome of moving a task from `from` to `to`. */
export function reviewOutcome(from: TaskStatus, to: TaskStatus): ReviewOutcome {
  if (from !== 'review' || to === 'review') return null;
  if (to === 'done') return 'accepted';
  // Archiving straight from review puts the result away unjudged.
  return to === 'archived' ? null : 'sent-back';
}
