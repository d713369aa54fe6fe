import { describe, expect, it } from 'vitest';
import { combinedHistory, currentLevel, lastChangeAt, levelsOf, perKind, withLevelChange, type LevelHistories } from '../../lib/levels';
import { FIELD_LIMITS, type LevelChange } from '../../lib/model';

const change = (from: LevelChange['from'], to: LevelChange['to'], at: string): LevelChange => ({ from, to, at, by: 'dev-clara' });

describe('a kind’s level history', () => {
  it('starts at level 1 with no change', () => {
    expect(currentLevel([])).toBe(1);
    expect(lastChangeAt([])).toBeNull();
  });

  it('records who changed it when, from and to; the last change is the level', () => {
    const first = withLevelChange([], 3, 'dev-clara', '2026-12-01T09:00:00.000Z');
    expect(first).toEqual([{ from: 1, to: 3, at: '2026-12-01T09:00:00.000Z', by: 'dev-clara' }]);
    const second = withLevelChange(first!, 2, 'dev-clara-laptop', '2026-12-02T09:00:00.000Z');
    expect(second?.[1]).toEqual({ from: 3, to: 2, at: '2026-12-02T09:00:00.000Z', by: 'dev-clara-laptop' });
    expect(currentLevel(second!)).toBe(2);
    expect(lastChangeAt(second!)).toBe('2026-12-02T09:00:00.000Z');
  });

  it('records nothing when the level stays', () => {
    expect(withLevelChange([change(1, 3, '2026-12-01T09:00:00.000Z')], 3, 'dev-clara', '2026-12-02T09:00:00.000Z')).toBeNull();
    expect(withLevelChange([], 1, 'dev-clara', '2026-12-02T09:00:00.000Z')).toBeNull();
  });

  it('drops the oldest change once full, keeping the newest', () => {
    let history: LevelChange[] = [];
    for (let i = 0; i < FIELD_LIMITS.levelHistory + 3; i++) {
      history = withLevelChange(history, i % 2 === 0 ? 2 : 1, 'dev-clara', new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString())!;
    }
    expect(history).toHaveLength(FIELD_LIMITS.levelHistory);
    expect(history.at(-1)?.at).toBe(new Date(Date.UTC(2026, 0, 1) + (FIELD_LIMITS.levelHistory + 2) * 60_000).toISOString());
  });
});

describe('all kinds', () => {
  const histories: LevelHistories = {
    ...perKind(() => []),
    research: [change(1, 2, '2026-12-01T09:00:00.000Z'), change(2, 3, '2026-12-03T09:00:00.000Z')],
    presentation: [change(1, 4, '2026-12-02T09:00:00.000Z')],
  };

  it('reads each kind’s level', () => {
    expect(levelsOf(histories)).toEqual({ research: 3, 'revise-text': 1, presentation: 4, other: 1 });
  });

  it('lists every change with its kind, newest first', () => {
    expect(combinedHistory(histories).map((c) => [c.kind, c.from, c.to])).toEqual([
      ['research', 2, 3],
      ['presentation', 1, 4],
      ['research', 1, 2],
    ]);
  });
});
