/**
 * Occurrences are derived, not created (issue 9; docs/protocol.md, "Standing tasks and
 * occurrences"): from a standing task's rule and the occurrence records someone changed, this
 * computes the one current occurrence, the next dates and the history. Pure; `today` comes in.
 *
 * No pile-up: occurrences settle when done, skipped or archived. With the schedule anchor the
 * current occurrence is, after the last settled day, the earliest one someone has started, else the
 * latest whose day has come (overdue when it lies before today, however many periods were missed;
 * the earlier unsettled days are "missed" in the history, never open tasks), else the next one to
 * come. With the completion anchor it is the day `nextAfterCompletion` counts from the last settled
 * one (its `doneOn` when done, its day when skipped), so missing periods cannot happen at all.
 */
import { FINISHED, type Occurrence, type OccurrenceStatus, type StandingRule, type Task, type TaskResult } from '../model';
import { nextAfterCompletion, nextOccurrences, parseRule } from '../recurrence';
import { formatIsoDay, parseIsoDay } from '../recurrence/dates';
import { occurrenceId, standingRuleOf } from './rule';

/** The statuses that settle an occurrence: the current one moves past it. */
export const SETTLED: readonly OccurrenceStatus[] = [...FINISHED, 'skipped'];

/** An occurrence as the views show it, stored or derived from the rule. */
export interface DerivedOccurrence {
  id: string;
  taskId: string;
  day: string;
  status: OccurrenceStatus;
  result: TaskResult | null;
  doneOn: string | null;
  /** Someone changed it, so a record exists. */
  stored: boolean;
}

/** A past occurrence in the history: as stored, or `missed` when its day passed unsettled. */
export interface HistoryEntry {
  id: string;
  day: string;
  status: OccurrenceStatus | 'missed';
  result: TaskResult | null;
  doneOn: string | null;
}

export interface StandingState {
  rule: StandingRule;
  /** The occurrence owed now or next; null when the rule has ended. */
  current: DerivedOccurrence | null;
  /** The current occurrence's day has passed and it is not settled. */
  overdue: boolean;
  /** Its day has come (today or overdue). */
  due: boolean;
  /** Up to three days after the current one. */
  upcoming: string[];
  lastDone: HistoryEntry | null;
  /** Newest first, at most `HISTORY_LIMIT` entries. */
  history: HistoryEntry[];
}

/** How many past occurrences the history shows. */
export const HISTORY_LIMIT = 30;
/** Search windows (days before today) for the latest occurrence that has come: most rules need the first. */
const WINDOWS = [7, 40, 400, 4000];
/** The longest period of each frequency, in days. */
const PERIOD_DAYS = { DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366 } as const;

function addDays(day: string, days: number): string {
  return formatIsoDay(parseIsoDay(day)! + days);
}

function isSettled(status: OccurrenceStatus): boolean {
  return SETTLED.includes(status);
}

/** The latest occurrence day in (after, today], or null. Walks back in growing windows, then forward. */
function latestComeDay(rule: string, after: string, today: string): string | null {
  for (const window of WINDOWS) {
    const from = addDays(today, -window) > after ? addDays(today, -window) : after;
    const days = nextOccurrences(rule, from, window + 1).filter((day) => day <= today);
    if (days.length > 0) return days[days.length - 1];
    if (from === after) return null;
  }
  let latest: string | null = null;
  for (let from = after; ;) {
    const days = nextOccurrences(rule, from, 1000).filter((day) => day <= today);
    if (days.length === 0) return latest;
    latest = days[days.length - 1];
    from = latest;
  }
}

function derived(taskId: string, day: string, record: Occurrence | undefined): DerivedOccurrence {
  return {
    id: occurrenceId(taskId, day),
    taskId,
    day,
    status: record?.status ?? 'new',
    result: record?.result ?? null,
    doneOn: record?.doneOn ?? null,
    stored: record !== undefined,
  };
}

function historyEntry(o: Pick<DerivedOccurrence, 'id' | 'day' | 'result' | 'doneOn'> & { status: HistoryEntry['status'] }): HistoryEntry {
  return { id: o.id, day: o.day, status: o.status, result: o.result, doneOn: o.doneOn };
}

/** The completion anchor's next day after the settled record `last`: strictly after its day, so never its own id again. */
function nextByCompletion(rule: string, last: Occurrence): string | null {
  const from = last.status === 'done' && last.doneOn ? last.doneOn : last.day;
  const next = nextAfterCompletion(rule, from);
  if (next === null || next > last.day) return next;
  return nextAfterCompletion(rule, last.day);
}

function chain(rule: string, from: string, count: number, remaining: number): string[] {
  const days: string[] = [];
  for (let day = from; days.length < Math.min(count, remaining);) {
    const next = nextAfterCompletion(rule, day);
    if (next === null) break;
    days.push(next);
    day = next;
  }
  return days;
}

/**
 * The state of a standing task on `today` (`YYYY-MM-DD`) from its occurrence records (any order,
 * other tasks' records ignored); null for a task without a rule this version evaluates.
 */
export function deriveStanding(
  task: Pick<Task, 'id' | 'recurrence' | 'createdAt'>,
  records: readonly Occurrence[],
  today: string,
): StandingState | null {
  const rule = standingRuleOf(task);
  if (rule === null) return null;
  const parsed = parseRule(rule.rule);
  const own = records.filter((r) => r.taskId === task.id && !r.deleted && r.id === occurrenceId(task.id, r.day));
  const byDay = new Map(own.map((r) => [r.day, r]));
  const settled = own.filter((r) => isSettled(r.status)).sort((a, b) => a.day.localeCompare(b.day));
  const lastSettled = settled.at(-1);
  const after = lastSettled?.day ?? addDays(parsed.dtstart, -1);
  // Someone has started an occurrence after the last settled one: that one is owed, whatever came since.
  const started = own
    .filter((r) => r.day > after && !isSettled(r.status) && r.status !== 'new')
    .sort((a, b) => a.day.localeCompare(b.day))[0];

  let currentDay: string | null;
  let upcoming: string[];
  if (rule.anchor === 'completion') {
    const remaining = parsed.count === null ? Infinity : parsed.count - settled.length;
    const next = lastSettled === undefined ? parsed.dtstart : nextByCompletion(rule.rule, lastSettled);
    currentDay = started?.day ?? (remaining > 0 ? next : null);
    upcoming = currentDay === null ? [] : chain(rule.rule, currentDay, 3, remaining - 1);
  } else {
    currentDay = started?.day ?? latestComeDay(rule.rule, after, today) ?? nextOccurrences(rule.rule, after, 1)[0] ?? null;
    upcoming = currentDay === null ? [] : nextOccurrences(rule.rule, currentDay, 3);
  }
  const current = currentDay === null ? null : derived(task.id, currentDay, byDay.get(currentDay));
  return {
    rule,
    current,
    overdue: current !== null && current.day < today && !isSettled(current.status),
    due: current !== null && current.day <= today,
    upcoming,
    lastDone: lastOf(settled.filter((r) => r.status === 'done')),
    history: historyOf(task.id, rule, own, currentDay, today),
  };
}

function lastOf(records: Occurrence[]): HistoryEntry | null {
  const last = records.at(-1);
  return last ? historyEntry(derived(last.taskId, last.day, last)) : null;
}

/** Every changed occurrence before the current one, and the schedule's past days nobody settled (missed). */
function historyOf(taskId: string, rule: StandingRule, own: Occurrence[], currentDay: string | null, today: string): HistoryEntry[] {
  const end = currentDay ?? addDays(today, 1);
  const entries = new Map<string, HistoryEntry>();
  for (const r of own) if (r.day < end || isSettled(r.status)) entries.set(r.day, historyEntry(derived(taskId, r.day, r)));
  if (rule.anchor === 'schedule') {
    // Far enough back for HISTORY_LIMIT periods of this rule, not further: a daily rule needs a month.
    const { freq, interval } = parseRule(rule.rule);
    const span = PERIOD_DAYS[freq] * interval * (HISTORY_LIMIT + 1);
    const last = end > today ? addDays(today, 1) : end;
    const past = nextOccurrences(rule.rule, addDays(last, -Math.min(span, 40_000)), 1000).filter((day) => day < last);
    for (const day of past.slice(-HISTORY_LIMIT)) {
      if (!entries.has(day)) entries.set(day, historyEntry({ ...derived(taskId, day, undefined), status: 'missed' }));
    }
  }
  return [...entries.values()].sort((a, b) => b.day.localeCompare(a.day)).slice(0, HISTORY_LIMIT);
}
