import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taskFromDraft, taskSchema, type Task } from '../../lib/model';
import { groupTasks } from '../../lib/model/sections';
import { buildTaskList, filterTaskList, prepareTaskList } from '../../lib/ui/task-list';
import { changedFields, manualTask, rebaseFields, resultFromForm, taskFields } from '../../lib/ui/task-edit';
import { makeDraft, makeTask } from './helpers';

describe('task list view-model', () => {
  const tasks = [
    makeTask({ id: 'q', title: 'Question', status: 'question' }),
    makeTask({
      id: 'o',
      title: 'Open one',
      status: 'in-progress',
      source: {
        type: 'link',
        url: 'https://www.bgh.de/urteil.pdf',
        title: 'Urteil',
        documentType: 'pdf',
        capturedAt: '2026-11-20T10:00:00.000Z',
      },
    }),
    makeTask({ id: 'd', title: 'Finished', status: 'done' }),
    makeTask({ id: 'x', title: 'Deleted', deleted: true }),
  ];

  it('groups tasks, puts drafts first in "Open" and counts everything not deleted', () => {
    const model = buildTaskList(tasks, [makeDraft({ id: 'draft', title: 'Half written' })], 'client', '');
    expect(model.waiting.map((r) => r.id)).toEqual(['q']);
    expect(model.open.map((r) => [r.type, r.id])).toEqual([
      ['draft', 'draft'],
      ['task', 'o'],
    ]);
    expect(model.done.map((r) => r.id)).toEqual(['d']);
    expect(model.total).toBe(4);
  });

  it('shows the source domain without www and the document type', () => {
    const row = buildTaskList(tasks, [], 'client', '').open[0];
    expect(row).toMatchObject({ domain: 'bgh.de', documentType: 'pdf', status: 'in-progress' });
  });

  it('filters drafts and tasks by the query', () => {
    const model = buildTaskList(tasks, [makeDraft({ title: 'Mietvertrag prüfen' })], 'client', 'mietvertrag');
    expect(model.open.map((r) => r.title)).toEqual(['Mietvertrag prüfen']);
    expect(model.waiting).toEqual([]);
    expect(model.total).toBe(4);
  });
});

describe('task list search over precomputed keys (issue 14)', () => {
  // An independent statement of the search: every word of the query, without accents and case,
  // in the title, the instructions or the source.
  const plain = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const refMatches = (task: Task, query: string) => {
    const s = task.source;
    const haystack = plain([task.title, task.instructions, s.title, s.url ?? '', s.quote ?? '', s.siteName ?? ''].join('\n'));
    return plain(query)
      .split(/\s+/)
      .filter(Boolean)
      .every((word) => haystack.includes(word));
  };
  const words = ['Akte', 'akte', 'Prüfung', 'pruefung', 'Müller', 'Frist', 'ÉCOLE', 'ecole', 'a', ''];
  const text = fc.array(fc.constantFrom(...words), { maxLength: 4 }).map((parts) => parts.join(' '));
  const task = fc.record({
    title: text,
    instructions: text,
    status: fc.constantFrom('new', 'accepted', 'in-progress', 'question', 'review', 'done', 'archived' as const),
    deleted: fc.boolean(),
    due: fc.constantFrom(null, '2026-12-01', '2026-12-24'),
    url: fc.constantFrom(null, 'https://www.akte.de/frist', 'https://example.com/'),
  });

  it('equals filtering every record by the query, for any tasks, drafts and queries', () => {
    fc.assert(
      fc.property(
        fc.array(task, { maxLength: 12 }),
        fc.array(text, { maxLength: 3 }),
        fc.array(fc.oneof(text, fc.constantFrom('prüf', 'PRUF', 'akte frist', '  ', 'müller akte')), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('client', 'assistant' as const),
        (specs, draftTitles, queries, role) => {
          const tasks = specs.map((spec, i) =>
            makeTask({
              id: `t${i}`,
              title: spec.title,
              instructions: spec.instructions,
              status: spec.status,
              deleted: spec.deleted,
              due: spec.due,
              createdAt: `2026-11-2${i % 10}T10:00:00.000Z`,
              source: { type: 'page', url: spec.url, title: 'Seite', capturedAt: '2026-11-20T10:00:00.000Z' },
            }),
          );
          const drafts = draftTitles.map((title, i) => makeDraft({ id: `d${i}`, title }));
          const prepared = prepareTaskList(tasks, drafts, role, new Map());
          for (const query of queries) {
            const model = filterTaskList(prepared, query);
            const expected = groupTasks(
              tasks.filter((t) => refMatches(t, query)),
              role,
            );
            expect(model.waiting.map((r) => r.id)).toEqual(expected.waiting.map((t) => t.id));
            expect(model.open.map((r) => r.id)).toEqual([
              ...drafts.filter((d) => refMatches(taskFromDraft(d), query)).map((d) => d.id),
              ...expected.open.map((t) => t.id),
            ]);
            expect(model.done.map((r) => r.id)).toEqual(expected.done.map((t) => t.id));
            expect(model).toEqual(buildTaskList(tasks, drafts, role, query));
          }
        },
      ),
    );
  });
});

describe('task editing', () => {
  it('reports only the changed fields', () => {
    const base = taskFields(makeTask({ title: 'A', result: null }));
    expect(changedFields(base, { ...base })).toEqual({});
    expect(changedFields(base, { ...base, title: 'B', result: { text: 'done', links: [] } })).toEqual({
      title: 'B',
      result: { text: 'done', links: [] },
    });
  });

  it('keeps local edits and takes in untouched fields from the store', () => {
    const base = taskFields(makeTask({ title: 'A', instructions: 'old' }));
    const local = { ...base, instructions: 'typed here' };
    const incoming = { ...base, title: 'Renamed elsewhere', instructions: 'changed elsewhere' };
    expect(rebaseFields(base, local, incoming)).toMatchObject({ title: 'Renamed elsewhere', instructions: 'typed here' });
  });

  it('builds a result from the form, or null when empty', () => {
    expect(resultFromForm('', ' \n ')).toBeNull();
    expect(resultFromForm('Summary', 'https://a.example\n\n https://b.example ')).toEqual({
      text: 'Summary',
      links: ['https://a.example', 'https://b.example'],
    });
  });

  it('makes a valid manual task from quick add', () => {
    const task = manualTask('id-1', '  Fristen prüfen ', new Date('2026-11-27T08:00:00Z'));
    expect(taskSchema.safeParse(task).success).toBe(true);
    expect(task).toMatchObject({
      title: 'Fristen prüfen',
      status: 'new',
      kind: 'other',
      due: null,
      priority: 'normal',
      autonomy: 'ask-first',
      source: { type: 'manual', url: null, title: 'Fristen prüfen', capturedAt: '2026-11-27T08:00:00.000Z' },
    });
  });
});
