import { describe, expect, it } from 'vitest';
import {
  acceptedAsDelivered,
  perKind,
  raiseSuggestions,
  reviewOutcome,
  trustCounts,
  type KindLevels,
  type LevelHistories,
  type TrustTask,
} from '../../lib/levels';
import { TASK_STATUSES, type TaskStatus } from '../../lib/model';

const t = (iso: string) => Date.parse(`2026-12-${iso}Z`);
const defaults: KindLevels = { research: 2, 'revise-text': 1, presentation: 1, other: 1 };

/** Research at the kind's level, result written on the 3rd, accepted on the 4th, nothing else. */
function clean(overrides: Partial<TrustTask['task']> = {}, rest: Partial<Omit<TrustTask, 'task'>> = {}): TrustTask {
  return {
    task: {
      kind: 'research',
      status: 'done',
      level: null,
      autonomy: 'ask-first',
      result: { text: 'Ergebnis', links: [] },
      acceptedAt: '2026-12-04T10:00:00.000Z',
      sentBack: undefined,
      ...overrides,
    },
    resultWrittenAt: t('03T10:00:00.000'),
    clientCommentsAt: [],
    ...rest,
  };
}

describe('accepted as delivered', () => {
  const since = t('02T00:00:00.000');
  it.each<[string, TrustTask, boolean]>([
    ['done, accepted after the result, nothing else', clean(), true],
    ['archived after it was accepted', clean({ status: 'archived' }), true],
    ['with its own level above the kind’s', clean({ level: 4 }), true],
    ['a client message before the result does not matter', clean({}, { clientCommentsAt: [t('03T09:00:00.000')] }), true],
    ['a client message after the acceptance does not matter', clean({}, { clientCommentsAt: [t('05T09:00:00.000')] }), true],
    ['done without the client accepting it (the assistant closed it)', clean({ acceptedAt: undefined }), false],
    ['accepted, then reopened', clean({ status: 'in-progress' }), false],
    ['sent back once before it was accepted', clean({ sentBack: true }), false],
    ['the client asked about the result before accepting', clean({}, { clientCommentsAt: [t('03T12:00:00.000')] }), false],
    ['the result was changed after it was accepted', clean({}, { resultWrittenAt: t('04T11:00:00.000') }), false],
    ['no result at all', clean({ result: null }, { resultWrittenAt: null }), false],
    ['accepted before the level last changed', clean({ acceptedAt: '2026-12-01T10:00:00.000Z' }), false],
    ['held below the kind’s level', clean({ level: 1 }), false],
    ['an old record whose autonomy maps below the kind’s level', clean({ level: undefined, autonomy: 'ask-first' }), false],
  ])('%s: %s', (_name, item, expected) => {
    expect(acceptedAsDelivered(item, since, defaults)).toBe(expected);
  });

  it('counts everything accepted when the level never changed', () => {
    expect(
      acceptedAsDelivered(
        clean({ acceptedAt: '2026-01-01T10:00:00.000Z' }, { resultWrittenAt: Date.parse('2025-12-31T00:00:00Z') }),
        null,
        defaults,
      ),
    ).toBe(true);
  });
});

describe('trustCounts', () => {
  const histories: LevelHistories = {
    ...perKind(() => []),
    research: [{ from: 1, to: 2, at: '2026-12-02T00:00:00.000Z', by: 'dev-clara' }],
  };

  it('counts per kind, since that kind’s last change', () => {
    const tasks = [
      clean(),
      clean(),
      clean({ acceptedAt: '2026-12-01T10:00:00.000Z' }, { resultWrittenAt: t('01T09:00:00.000') }),
      clean({ kind: 'presentation', acceptedAt: '2026-12-01T10:00:00.000Z' }, { resultWrittenAt: t('01T09:00:00.000') }),
      clean({ kind: 'other', sentBack: true }),
    ];
    expect(trustCounts(tasks, histories)).toEqual({ research: 2, 'revise-text': 0, presentation: 1, other: 0 });
  });
});

describe('raiseSuggestions', () => {
  it('suggests a kind from the threshold on, never above level 4', () => {
    const counts = { research: 5, 'revise-text': 4, presentation: 9, other: 5 };
    const levels: KindLevels = { research: 2, 'revise-text': 1, presentation: 1, other: 4 };
    expect(raiseSuggestions(counts, levels, 5)).toEqual(['research', 'presentation']);
    expect(raiseSuggestions(counts, levels, 10)).toEqual([]);
  });
});

describe('reviewOutcome', () => {
  it.each<[TaskStatus, TaskStatus, ReturnType<typeof reviewOutcome>]>([
    ['review', 'done', 'accepted'],
    ['review', 'in-progress', 'sent-back'],
    ['review', 'question', 'sent-back'],
    ['review', 'new', 'sent-back'],
    ['review', 'archived', null],
    ['in-progress', 'done', null],
    ['done', 'in-progress', null],
  ])('%s → %s: %s', (from, to, outcome) => {
    expect(reviewOutcome(from, to)).toBe(outcome);
  });

  it('says nothing about a task that stays where it is', () => {
    for (const status of TASK_STATUSES) expect(reviewOutcome(status, status)).toBeNull();
  });
});
