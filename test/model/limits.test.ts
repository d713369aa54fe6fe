import { describe, expect, it } from 'vitest';
import { commentSchema, FIELD_LIMITS, instructionSchema, newTask, taskSchema, timeEntrySchema } from '../../lib/model';

const task = (patch: object) => taskSchema.safeParse({ ...newTask({ id: 't', title: 'x' }), ...patch }).success;

describe('field limits', () => {
  it('are what the schemas enforce, up to the limit and not one past it', () => {
    expect(task({ title: 'a'.repeat(FIELD_LIMITS.taskTitle) })).toBe(true);
    expect(task({ title: 'a'.repeat(FIELD_LIMITS.taskTitle + 1) })).toBe(false);
    expect(task({ instructions: 'a'.repeat(FIELD_LIMITS.instructions + 1) })).toBe(false);
    expect(task({ id: 'i'.repeat(FIELD_LIMITS.id + 1) })).toBe(false);
    const comment = { id: 'c', taskId: 't', authorDevice: 'd', createdAt: '2026-11-27T05:00:00.000Z' };
    expect(commentSchema.safeParse({ ...comment, body: 'a'.repeat(FIELD_LIMITS.commentBody) }).success).toBe(true);
    expect(commentSchema.safeParse({ ...comment, body: 'a'.repeat(FIELD_LIMITS.commentBody + 1) }).success).toBe(false);
    expect(instructionSchema.safeParse({ id: 'i', title: 'a'.repeat(FIELD_LIMITS.instructionTitle + 1), body: '', order: 1 }).success).toBe(
      false,
    );
    const entry = { id: 'e', taskId: 't', date: '2026-11-27', note: '', authorDevice: 'd' };
    expect(timeEntrySchema.safeParse({ ...entry, minutes: FIELD_LIMITS.entryMinutes }).success).toBe(true);
    expect(timeEntrySchema.safeParse({ ...entry, minutes: FIELD_LIMITS.entryMinutes + 1 }).success).toBe(false);
  });
});
