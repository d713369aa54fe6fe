import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type Task } from '../../lib/model';
import { allowedStatuses, statusOptions, whatWaits } from '../../lib/ui/task-edit';
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
