/**
 * The handover package (issue 11), generated from the data: standing instructions, standing tasks
 * with rule, next date, average time and level, open tasks with the last word of their thread.
 * What the outgoing assistant wrote (contacts, where access lives, notes) is kept from the
 * previous version when the data part is generated again. Pure: records and `today` come in.
 */
import {
  FINISHED,
  HANDOVER_LIMITS,
  handoverContentSchema,
  type Comment,
  type HandoverContent,
  type Instruction,
  type Occurrence,
  type Task,
  type TimeEntry,
} from '../model';
import { effectiveLevel, type KindLevels } from '../levels';
import { deriveStanding } from '../standing/derive';
import { standingRuleOf } from '../standing/rule';

export interface PackageInput {
  tasks: readonly Task[];
  comments: readonly Comment[];
  timeEntries: readonly TimeEntry[];
  instructions: readonly Instruction[];
  occurrences: readonly Occurrence[];
  /** Each kind's default level. */
  levels: KindLevels;
  /** The client's devices: a thread's last word is theirs or the assistant's. */
  clientDevices: ReadonlySet<string>;
  /** `YYYY-MM-DD`, for the next date of a standing task. */
  today: string;
  /** ISO instant, the package's `generatedAt`. */
  now: string;
}

const H = HANDOVER_LIMITS;

/** `text` on one line, cut to `max` characters with an ellipsis. */
export function excerpt(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Average minutes per occurrence: entries count towards the occurrence they name, an entry
 * without one towards its day (one day's work on a standing task is one occurrence). Null without entries.
 */
export function averageMinutes(entries: readonly TimeEntry[]): number | null {
  const perOccurrence = new Map<string, number>();
  for (const entry of entries) {
    const key = entry.occurrence ?? `day:${entry.date}`;
    perOccurrence.set(key, (perOccurrence.get(key) ?? 0) + entry.minutes);
  }
  if (perOccurrence.size === 0) return null;
  const total = [...perOccurrence.values()].reduce((a, b) => a + b, 0);
  return Math.round(total / perOccurrence.size);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** The package from the data, keeping what the outgoing assistant wrote in `previous`. */
export function generatePackage(input: PackageInput, previous: HandoverContent | null = null): HandoverContent {
  const live = input.tasks.filter((t) => !t.deleted);
  const comments = groupBy(
    input.comments.filter((c) => !c.deleted),
    (c) => c.taskId,
  );
  const entries = groupBy(
    input.timeEntries.filter((e) => !e.deleted),
    (e) => e.taskId,
  );
  const byCreated = (a: Task, b: Task) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

  const standing = live.filter((t) => t.status !== 'archived' && standingRuleOf(t) !== null).sort(byCreated);
  const standingTasks = standing.map((task) => ({
    taskId: task.id,
    title: task.title,
    kind: task.kind,
    rule: standingRuleOf(task)?.rule ?? null,
    nextDate: deriveStanding(task, input.occurrences, input.today)?.current?.day ?? null,
    averageMinutes: averageMinutes(entries.get(task.id) ?? []),
    budgetMinutes: task.budgetMinutes ?? null,
    level: effectiveLevel(task, input.levels).level,
  }));

  // Most urgent first: what is due soonest, then what is oldest; "no rush" last.
  const open = live
    .filter((t) => standingRuleOf(t) === null && !FINISHED.includes(t.status))
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || byCreated(a, b));
  const openTasks = open.map((task) => {
    const last = (comments.get(task.id) ?? []).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
    return {
      taskId: task.id,
      title: task.title,
      status: task.status,
      due: task.due,
      lastWord: last
        ? {
            side: input.clientDevices.has(last.authorDevice) ? ('client' as const) : ('assistant' as const),
            excerpt: excerpt(last.body, H.excerpt),
            at: last.createdAt,
          }
        : null,
    };
  });

  const instructions = input.instructions
    .filter((i) => !i.deleted)
    .sort((a, b) => a.order - b.order)
    .map((i) => ({ title: i.title, body: excerpt(i.body, H.instructionBody) }));

  const inPackage = new Set([...standingTasks, ...openTasks].map((t) => t.taskId));
  return fitPackage({
    generatedAt: input.now,
    instructions: instructions.slice(0, H.items),
    standingTasks: standingTasks.slice(0, H.items),
    openTasks: openTasks.slice(0, H.items),
    contacts: previous?.contacts ?? [],
    access: previous?.access ?? [],
    // A note about a task that left the package (done, deleted) goes with it.
    taskNotes: (previous?.taskNotes ?? []).filter((n) => inPackage.has(n.taskId)),
    generalNote: previous?.generalNote ?? '',
    openQuestions: previous?.openQuestions ?? '',
  });
}

const size = (content: HandoverContent) => new TextEncoder().encode(JSON.stringify(content)).length;

/**
 * The package is one field of one message: when the generated part would not fit, instruction
 * bodies (synced in full anyway) become excerpts, then the least urgent open tasks go.
 */
function fitPackage(content: HandoverContent): HandoverContent {
  let fitted = content;
  if (size(fitted) > H.bytes)
    fitted = { ...fitted, instructions: fitted.instructions.map((i) => ({ ...i, body: excerpt(i.body, H.excerpt) })) };
  while (size(fitted) > H.bytes && fitted.openTasks.length > 0) fitted = { ...fitted, openTasks: fitted.openTasks.slice(0, -1) };
  return fitted;
}

/** Why an edited package cannot be saved: too large for one message, or a value out of shape. */
export type PackageRefusal = 'too-large' | 'invalid';

/** Checks an edited package before it is saved. */
export function checkPackage(content: HandoverContent): PackageRefusal | null {
  if (size(content) > H.bytes) return 'too-large';
  return handoverContentSchema.safeParse(content).success ? null : 'invalid';
}

/** The assistant's note on a task, or ''. */
export function noteOf(content: HandoverContent, taskId: string): string {
  return content.taskNotes.find((n) => n.taskId === taskId)?.note ?? '';
}

/** The package with `note` as the note on `taskId` (an empty note removes it). */
export function withTaskNote(content: HandoverContent, taskId: string, note: string): HandoverContent {
  const others = content.taskNotes.filter((n) => n.taskId !== taskId);
  return { ...content, taskNotes: note.trim() === '' ? others : [...others, { taskId, note }] };
}

/** The package without the contact and access rows left empty in the editor (added, never filled in). */
export function withoutBlankEntries(content: HandoverContent): HandoverContent {
  return {
    ...content,
    contacts: content.contacts.filter((c) => `${c.name}${c.reach}${c.note}`.trim() !== ''),
    access: content.access.filter((a) => `${a.what}${a.where}`.trim() !== ''),
  };
}
