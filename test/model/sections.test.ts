import { describe, expect, it } from 'vitest';
import type { Comment, Task } from '../../lib/model';
import { compareTasks, groupTasks, lastWords, matchesQuery, sourceDomain, waitingCount, waitsFor } from '../../lib/model/sections';

function task(id: string, overrides: Partial<Task> = {}): Task {
  return {
    id,
    title: `Aufgabe ${id}`,
    kind: 'research',
    status: 'new',
    instructions: '',
    source: { type: 'page', url: `https://www.example.com/${id}`, title: 'Seite', capturedAt: '2026-11-27T05:00:00.000Z' },
    due: null,
    priority: 'normal',
    autonomy: 'ask-first',
    recurrence: null,
    result: null,
    createdAt: '2026-11-27T05:00:00.000Z',
    ...overrides,
  };
}
const comment = (taskId: string, authorDevice: string, createdAt: string): Comment => ({
  id: `${taskId}-${createdAt}`,
  taskId,
  body: 'x',
  authorDevice,
  createdAt,
});

describe('task sections', () => {
  const tasks = [
    task('a', { status: 'question' }),
    task('b', { status: 'review' }),
    task('c', { status: 'new' }),
    task('d', { status: 'in-progress', due: '2026-12-01' }),
    task('e', { status: 'done' }),
    task('f', { status: 'archived' }),
    task('g', { status: 'accepted', deleted: true }),
  ];

  it('puts questions and results to review in the client’s "waiting", new tasks in the assistant’s', () => {
    const client = groupTasks(tasks, 'client');
    expect(client.waiting.map((t) => t.id)).toEqual(['a', 'b']);
    expect(client.open.map((t) => t.id)).toEqual(['d', 'c']);
    expect(client.done.map((t) => t.id).sort()).toEqual(['e', 'f']);
    const assistant = groupTasks(tasks, 'assistant');
    expect(assistant.waiting.map((t) => t.id)).toEqual(['c']);
    expect(waitingCount(tasks, 'client')).toBe(2);
    expect(waitingCount(tasks, 'assistant')).toBe(1);
  });

  it('follows the thread: an answered question waits for the assistant, an unanswered one for the client', () => {
    const comments = [
      comment('d', 'assistant-1', '2026-11-27T06:00:00.000Z'),
      comment('d', 'client-1', '2026-11-27T06:05:00.000Z'),
      comment('a', 'assistant-1', '2026-11-27T06:00:00.000Z'),
      comment('a', 'client-2', '2026-11-27T06:10:00.000Z'),
      comment('e', 'client-1', '2026-11-27T06:00:00.000Z'),
      { ...comment('d', 'assistant-1', '2026-11-27T07:00:00.000Z'), deleted: true },
    ];
    const forAssistant = lastWords(comments, new Set(['assistant-1']));
    expect(Object.fromEntries(forAssistant)).toEqual({ d: 'theirs', a: 'theirs', e: 'theirs' });
    // d: the client answered during work; a: the client answered the question; e is done.
    expect(groupTasks(tasks, 'assistant', '', forAssistant).waiting.map((t) => t.id)).toEqual(['d', 'a', 'c']);
    expect(waitingCount(tasks, 'assistant', forAssistant)).toBe(3);
    const forClient = lastWords(comments, new Set(['client-1', 'client-2']));
    // a: answered by the client's second device, so it waits for the assistant now; b is to review.
    expect(groupTasks(tasks, 'client', '', forClient).waiting.map((t) => t.id)).toEqual(['b']);
    expect(waitingCount(tasks, 'client', forClient)).toBe(1);
  });

  it('never makes the assistant wait on a result under review, or anyone on finished work', () => {
    expect(waitsFor(task('r', { status: 'review' }), 'assistant', 'theirs')).toBe(false);
    expect(waitsFor(task('r', { status: 'review' }), 'client', 'mine')).toBe(true);
    expect(waitsFor(task('r', { status: 'done' }), 'client', 'theirs')).toBe(false);
    expect(waitsFor(task('r', { status: 'in-progress' }), 'client', 'theirs')).toBe(true);
    expect(waitsFor(task('r', { status: 'question' }), 'client', undefined)).toBe(true);
  });

  it('orders by due date (no rush last), then priority, then newest', () => {
    const sorted = [task('x'), task('y', { due: '2026-12-02' }), task('z', { due: '2026-12-01' }), task('h', { priority: 'high' })].sort(
      compareTasks,
    );
    expect(sorted.map((t) => t.id)).toEqual(['z', 'y', 'h', 'x']);
  });

  it('searches every word, ignoring case and accents', () => {
    const t = task('m', { title: 'Gutachten für Müller', instructions: 'Fristen prüfen' });
    expect(matchesQuery(t, 'muller fristen')).toBe(true);
    expect(matchesQuery(t, 'GUTACHTEN')).toBe(true);
    expect(matchesQuery(t, 'müller schmidt')).toBe(false);
    expect(sourceDomain(t)).toBe('example.com');
  });
});
