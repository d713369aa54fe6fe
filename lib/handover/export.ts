/**
 * The handover package as Markdown and as JSON (issue 11), for the client's files or another
 * tool. Pure: the words of the Markdown come in as `HandoverText` (lib/handover/text.ts builds
 * them in the UI language), so tests pin both shapes.
 */
import type { HandoverContent, Level, TaskKind, TaskStatus } from '../model';
import { noteOf } from './package';

export interface HandoverText {
  title: string;
  generated: (iso: string) => string;
  headings: {
    instructions: string;
    standing: string;
    open: string;
    contacts: string;
    access: string;
    generalNote: string;
    openQuestions: string;
  };
  columns: { task: string; rule: string; next: string; average: string; budget: string; level: string };
  status: (status: TaskStatus) => string;
  kind: (kind: TaskKind) => string;
  rule: (rule: string | null) => string;
  day: (day: string | null) => string;
  minutes: (minutes: number | null) => string;
  level: (level: Level | null) => string;
  lastWord: (side: 'client' | 'assistant') => string;
  note: string;
  shared: string;
  changePasswords: string;
  none: string;
}

/**
 * Backslash-escapes what Markdown would read as markup (CommonMark lets any ASCII punctuation be
 * escaped): emphasis, code, links, HTML and entities everywhere, block starts (headings, lists,
 * quotes, numbered items) at the start of a line. Text from the records stays text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>&|~!]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\->=]|\d+[.)])/gm, (_, space: string, start: string) => `${space}${start.replace(/([#+\->=.)])$/, '\\$1')}`);
}

/** One line of a table cell: escaped, line breaks as spaces (a cell cannot hold a new line). */
const cell = (text: string) => escapeMarkdown(text.replace(/\s+/g, ' ').trim());

/** A multi-line text as Markdown paragraphs: each line escaped, single line breaks kept. */
const paragraphs = (text: string) =>
  text
    .trim()
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => escapeMarkdown(line.trim()))
        .join('  \n'),
    )
    .join('\n\n');

/** Continuation lines of a list item, indented under it. */
const indented = (text: string) =>
  paragraphs(text)
    .split('\n')
    .map((line) => (line ? `  ${line}` : ''))
    .join('\n');

/** The package as a Markdown document. */
export function handoverMarkdown(content: HandoverContent, t: HandoverText): string {
  const out: string[] = [`# ${escapeMarkdown(t.title)}`, '', `_${escapeMarkdown(t.generated(content.generatedAt))}_`];
  const section = (heading: string, body: string[]) =>
    out.push('', `## ${escapeMarkdown(heading)}`, '', ...(body.length > 0 ? body : [escapeMarkdown(t.none)]));

  section(
    t.headings.instructions,
    content.instructions.flatMap((i, n) => [...(n > 0 ? [''] : []), `### ${cell(i.title)}`, '', paragraphs(i.body)]),
  );

  const c = t.columns;
  const standingNotes = content.standingTasks.filter((s) => noteOf(content, s.taskId) !== '');
  section(
    t.headings.standing,
    content.standingTasks.length === 0
      ? []
      : [
          `| ${[c.task, c.rule, c.next, c.average, c.budget, c.level].map(cell).join(' | ')} |`,
          '| --- | --- | --- | --- | --- | --- |',
          ...content.standingTasks.map(
            (s) =>
              `| ${[`${s.title} (${t.kind(s.kind)})`, t.rule(s.rule), t.day(s.nextDate), t.minutes(s.averageMinutes), t.minutes(s.budgetMinutes), t.level(s.level)].map(cell).join(' | ')} |`,
          ),
          ...(standingNotes.length > 0
            ? [
                '',
                ...standingNotes.map((s) => `- **${cell(s.title)}** – ${escapeMarkdown(t.note)}:\n${indented(noteOf(content, s.taskId))}`),
              ]
            : []),
        ],
  );

  section(
    t.headings.open,
    content.openTasks.map((o) => {
      const lines = [`- **${cell(o.title)}** – ${cell(t.status(o.status))}, ${cell(t.day(o.due))}`];
      if (o.lastWord) lines.push(`  ${escapeMarkdown(t.lastWord(o.lastWord.side))}: ${cell(o.lastWord.excerpt)}`);
      const note = noteOf(content, o.taskId);
      if (note) lines.push(`  ${escapeMarkdown(t.note)}:`, indented(note));
      return lines.join('\n');
    }),
  );

  section(
    t.headings.contacts,
    content.contacts.map((p) => `- **${cell(p.name)}** – ${cell(p.reach)}${p.note.trim() ? `\n${indented(p.note)}` : ''}`),
  );
  const access = content.access.map((a) => `- ${cell(a.what)}: ${cell(a.where)}${a.shared ? ` (${escapeMarkdown(t.shared)})` : ''}`);
  section(t.headings.access, content.access.some((a) => a.shared) ? [...access, '', `> ${escapeMarkdown(t.changePasswords)}`] : access);
  section(t.headings.generalNote, content.generalNote.trim() ? [paragraphs(content.generalNote)] : []);
  section(t.headings.openQuestions, content.openQuestions.trim() ? [paragraphs(content.openQuestions)] : []);
  return `${out.join('\n')}\n`;
}

/** The JSON export's format name and version: another tool reads these first. */
export const HANDOVER_JSON_FORMAT = 'zuarbeit-handover';
export const HANDOVER_JSON_VERSION = 1;

/** The package as a JSON document (two-space indented, keys in a fixed order). */
export function handoverJson(content: HandoverContent): string {
  return `${JSON.stringify({ format: HANDOVER_JSON_FORMAT, version: HANDOVER_JSON_VERSION, ...content }, null, 2)}\n`;
}
