// A device from before levels, and values from a version after this one (issue 9).
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { entitySchemas, LEVEL_FIELDS, taskSchema, type Task } from '../../lib/model';
import { checkField, mayWrite } from '../../lib/sync/merge';

const task: Task = {
  id: 't1',
  title: 'Urteil',
  kind: 'research',
  status: 'new',
  instructions: '',
  source: { type: 'manual', url: null, title: 'Urteil', capturedAt: '2026-12-01T09:00:00.000Z' },
  due: null,
  priority: 'normal',
  autonomy: 'decide-yourself',
  level: 4,
  acceptedAt: null,
  recurrence: null,
  result: null,
  createdAt: '2026-12-01T09:00:00.000Z',
};

describe('a device from before levels', () => {
  // The task schema as it was: the same fields without the level's.
  const v1TaskSchema = z.omit(taskSchema, { level: true, acceptedAt: true, sentBack: true });

  it('still reads a task that carries a level: the record stays readable, with its autonomy', () => {
    const parsed = v1TaskSchema.safeParse({ ...task, sentBack: true });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ id: 't1', autonomy: 'decide-yourself' });
  });

  it('would quarantine the new fields as unknown, not crash', () => {
    const v1Fields = new Set(Object.keys(v1TaskSchema.shape));
    for (const field of ['level', 'acceptedAt', 'sentBack']) expect(v1Fields.has(field)).toBe(false);
    // This version knows them.
    expect(checkField('task', 'level', 4)).toBeNull();
    expect(checkField('task', 'level', null)).toBeNull();
  });
});

describe('a level from a later version', () => {
  it.each([5, 0, 2.5, '3', 'decide-yourself', true])('%s is refused (quarantined, never merged over a valid level)', (value) => {
    expect(checkField('task', 'level', value)).toBe('invalid-value');
    expect(entitySchemas.task.safeParse({ ...task, level: value }).success).toBe(false);
  });

  it('a level change in the settings with a level 5 is refused as a whole field', () => {
    const history = [{ from: 2, to: 5, at: '2026-12-01T09:00:00.000Z', by: 'dev-clara' }];
    expect(checkField('setting', LEVEL_FIELDS.research, history)).toBe('invalid-value');
    expect(checkField('setting', LEVEL_FIELDS.research, [{ ...history[0], to: 3 }])).toBeNull();
  });
});

describe('who may write levels', () => {
  const change = (entity: 'task' | 'setting', field: string, value: unknown) => ({ entity, id: 'x', field, value });

  it('only the client sets levels, accepts and sends back', () => {
    for (const [entity, field, value] of [
      ['task', 'level', 4],
      ['task', 'acceptedAt', '2026-12-01T09:00:00.000Z'],
      ['task', 'sentBack', true],
      ['setting', LEVEL_FIELDS.other, []],
      ['setting', 'levelSuggestAfter', 1],
    ] as const) {
      expect(mayWrite('assistant', 'dev-anna', change(entity, field, value), undefined), field).toBe(false);
      expect(mayWrite('client', 'dev-clara', change(entity, field, value), undefined), field).toBe(true);
    }
  });
});
