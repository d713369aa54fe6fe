import { describe, expect, it } from 'vitest';
import { newTask, taskDraftSchema, taskFromDraft, taskSchema, type TaskDraft } from '../../lib/model';

const now = new Date('2026-11-27T05:00:00.000Z');

describe('newTask', () => {
  it('fills every default of a fresh delegation, and the result is a valid task', () => {
    const task = newTask({ id: 't1', title: 'Anruf vorbereiten' }, now);
    expect(task).toEqual({
      id: 't1',
      title: 'Anruf vorbereiten',
      kind: 'other',
      status: 'new',
      instructions: '',
      source: { type: 'manual', url: null, title: 'Anruf vorbereiten', capturedAt: '2026-11-27T05:00:00.000Z' },
      due: null,
      priority: 'normal',
      autonomy: 'ask-first',
      level: null,
      recurrence: null,
      result: null,
      createdAt: '2026-11-27T05:00:00.000Z',
    });
    expect(taskSchema.safeParse(task).success).toBe(true);
  });

  it('keeps what the caller gives', () => {
    const source = { type: 'page' as const, url: 'https://example.com', title: 'Seite', capturedAt: '2026-11-26T00:00:00.000Z' };
    const task = newTask(
      { id: 't2', title: 'x', kind: 'research', due: '2026-12-01', priority: 'high', source, createdAt: '2026-11-26T00:00:00.000Z' },
      now,
    );
    expect(task).toMatchObject({
      kind: 'research',
      due: '2026-12-01',
      priority: 'high',
      source,
      createdAt: '2026-11-26T00:00:00.000Z',
      status: 'new',
    });
  });
});

describe('taskFromDraft', () => {
  const draft: TaskDraft = {
    id: 'd1',
    title: '  ',
    kind: 'revise-text',
    instructions: 'Bitte prüfen',
    source: {
      type: 'selection',
      url: 'https://example.com/a',
      title: 'Gutachten',
      quote: 'Absatz',
      capturedAt: '2026-11-27T04:00:00.000Z',
    },
    due: '2026-12-01',
    priority: 'low',
    autonomy: 'decide-yourself',
    createdAt: '2026-11-27T04:00:00.000Z',
    updatedAt: '2026-11-27T04:30:00.000Z',
  };

  it('becomes a new task with the draft fields, the source title for a blank title, and no updatedAt', () => {
    const task = taskFromDraft(draft);
    expect(task).toEqual({
      id: 'd1',
      title: 'Gutachten',
      kind: 'revise-text',
      status: 'new',
      instructions: 'Bitte prüfen',
      source: draft.source,
      due: '2026-12-01',
      priority: 'low',
      autonomy: 'decide-yourself',
      level: null,
      recurrence: null,
      result: null,
      createdAt: '2026-11-27T04:00:00.000Z',
    });
    expect(taskSchema.safeParse(task).success).toBe(true);
  });

  it('is checked by a draft schema derived from the task schema: same field rules, plus updatedAt', () => {
    expect(taskDraftSchema.safeParse(draft).success).toBe(true);
    expect(taskDraftSchema.safeParse({ ...draft, updatedAt: undefined }).success).toBe(false);
    expect(taskDraftSchema.safeParse({ ...draft, priority: 'urgent' }).success).toBe(false);
    expect(Object.keys(taskDraftSchema.shape)).not.toContain('status');
  });
});
