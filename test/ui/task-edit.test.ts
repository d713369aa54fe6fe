import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type Task } from '../../lib/model';
import { mayWrite } from '../../lib/sync/merge';
import { allowedStatuses, DELIVERED_STATUSES, resultAccess, statusOptions, whatWaits } from '../../lib/ui/task-edit';
import { makeTask } from './helpers';

describe('status choices', () => {
  it('asks the merge policy: the client sets every status, the assistant all but "Archived"', () => {
    expect(allowedStatuses('client')).toEqual([...TASK_STATUSES]);
    expect(allowedStatuses('assistant')).toEqual(TASK_STATUSES.filter((status) => status !== 'archived'));
  });

  it('offers what the role may set, all enabled', () => {
    expect(statusOptions('assistant', 'in-progress')).toEqual(allowedStatuses('assistant').map((status) => ({ status, disabled: false })));
    expect(statusOptions('client', 'archived').every((option) => !option.disabled)).toBe(true);
  });

  it('shows an archived task to the assistant as archived, without letting it choose that', () => {
    const options = statusOptions('assistant', 'archived');
    expect(options.map((option) => option.status)).toEqual([...TASK_STATUSES]);
    expect(options.filter((option) => option.disabled).map((option) => option.status)).toEqual(['archived']);
  });
});

describe('what waits in an opened task (issue 15, got in the way 2)', () => {
  const task = (status: Task['status']) => makeTask({ status });

  it('opens the client at the result to review, whatever the thread says', () => {
    expect(whatWaits(task('review'), 'client', undefined)).toBe('review');
    expect(whatWaits(task('review'), 'client', 'theirs')).toBe('review');
  });

  it('opens at the thread for a question not yet answered, or when the other side wrote last', () => {
    expect(whatWaits(task('question'), 'client', 'theirs')).toBe('thread');
    expect(whatWaits(task('question'), 'client', undefined)).toBe('thread');
    expect(whatWaits(task('in-progress'), 'client', 'theirs')).toBe('thread');
    expect(whatWaits(task('question'), 'assistant', 'theirs')).toBe('thread');
    expect(whatWaits(task('new'), 'assistant', 'theirs')).toBe('thread');
  });

  it('opens at the top when nothing waits: my own last word, a result with the client, a new task to read, a finished task', () => {
    expect(whatWaits(task('question'), 'client', 'mine')).toBeNull();
    expect(whatWaits(task('review'), 'assistant', 'theirs')).toBeNull();
    expect(whatWaits(task('new'), 'assistant', undefined)).toBeNull();
    expect(whatWaits(task('in-progress'), 'assistant', 'mine')).toBeNull();
    expect(whatWaits(task('done'), 'client', 'theirs')).toBeNull();
  });
});

describe('who holds the result (issue 15, got in the way 4)', () => {
  const result = { text: 'Fertig.', links: [] };

  it('the assistant writes it until delivering, may withdraw it under review, and only reads it once finished', () => {
    for (const status of ['new', 'accepted', 'in-progress', 'question'] as const)
      expect(resultAccess('assistant', status, result)).toBe('edit');
    expect(resultAccess('assistant', 'review', result)).toBe('withdrawable');
    expect(resultAccess('assistant', 'done', result)).toBe('read');
    expect(resultAccess('assistant', 'archived', result)).toBe('read');
  });

  it('the client never edits it, and sees nothing before delivery', () => {
    for (const status of TASK_STATUSES) expect(resultAccess('client', status, null)).toBe('pending');
    expect(resultAccess('client', 'in-progress', result)).toBe('pending');
    for (const status of DELIVERED_STATUSES) expect(resultAccess('client', status, result)).toBe('read');
  });

  it('offers only what the merge policy lets the author write', () => {
    for (const status of TASK_STATUSES) {
      const access = resultAccess('assistant', status, result);
      const change = (field: string, value: unknown) => ({ entity: 'task' as const, id: 't', field, value });
      if (access === 'edit') expect(mayWrite('assistant', 'dev-anna', change('result', result), undefined)).toBe(true);
      if (access === 'withdrawable') expect(mayWrite('assistant', 'dev-anna', change('status', 'in-progress'), undefined)).toBe(true);
    }
    // The policy is not weakened: the assistant still writes no other task field, and never archives.
    expect(mayWrite('assistant', 'dev-anna', { entity: 'task', id: 't', field: 'title', value: 'x' }, undefined)).toBe(false);
    expect(mayWrite('assistant', 'dev-anna', { entity: 'task', id: 't', field: 'status', value: 'archived' }, undefined)).toBe(false);
  });
});
