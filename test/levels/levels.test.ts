import { describe, expect, it } from 'vitest';
import {
  autonomyForLevel,
  effectiveLevel,
  levelFromAutonomy,
  nextLevel,
  perKind,
  successorLevels,
  type KindLevels,
} from '../../lib/levels';
import { LEVELS, type Autonomy, type Level } from '../../lib/model';

const defaults: KindLevels = { research: 3, 'revise-text': 2, presentation: 1, other: 4 };

describe('old autonomy values', () => {
  it.each<[Autonomy, Level]>([
    ['ask-first', 1],
    ['decide-yourself', 3],
  ])('%s reads as level %i', (autonomy, level) => {
    expect(levelFromAutonomy(autonomy)).toBe(level);
  });

  it.each<[Level, Autonomy]>([
    [1, 'ask-first'],
    [2, 'ask-first'],
    [3, 'decide-yourself'],
    [4, 'decide-yourself'],
  ])('level %i is written for old devices as %s', (level, autonomy) => {
    expect(autonomyForLevel(level)).toBe(autonomy);
  });

  it('maps the levels of both old values back to themselves', () => {
    for (const autonomy of ['ask-first', 'decide-yourself'] as const) expect(autonomyForLevel(levelFromAutonomy(autonomy))).toBe(autonomy);
  });
});

describe('a task’s effective level', () => {
  it.each([
    ['its own level wins over the kind', { kind: 'research', level: 1, autonomy: 'decide-yourself' }, { level: 1, source: 'task' }],
    ['null inherits the kind’s default', { kind: 'revise-text', level: null, autonomy: 'decide-yourself' }, { level: 2, source: 'kind' }],
    ['null inherits for every kind', { kind: 'other', level: null, autonomy: 'ask-first' }, { level: 4, source: 'kind' }],
    [
      'a record from before levels shows its mapped autonomy',
      { kind: 'research', autonomy: 'decide-yourself' },
      { level: 3, source: 'autonomy' },
    ],
    ['… ask first is level 1 even where the kind is higher', { kind: 'other', autonomy: 'ask-first' }, { level: 1, source: 'autonomy' }],
  ] as const)('%s', (_name, task, expected) => {
    expect(effectiveLevel(task, defaults)).toEqual(expected);
  });
});

describe('successorLevels', () => {
  it('starts a successor one level lower per kind, never below 1', () => {
    expect(successorLevels(defaults)).toEqual({ research: 2, 'revise-text': 1, presentation: 1, other: 3 });
  });

  it('leaves the levels it was given alone', () => {
    const levels = perKind((): Level => 4);
    successorLevels(levels);
    expect(levels).toEqual({ research: 4, 'revise-text': 4, presentation: 4, other: 4 });
  });
});

describe('nextLevel', () => {
  it('goes up one, and nowhere from the top', () => {
    expect(LEVELS.map(nextLevel)).toEqual([2, 3, 4, null]);
  });
});
