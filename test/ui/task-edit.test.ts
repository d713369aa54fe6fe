import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from '../../lib/model';
import { allowedStatuses, statusOptions } from '../../lib/ui/task-edit';

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
