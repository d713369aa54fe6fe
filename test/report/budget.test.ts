import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetState, budgetUse, budgetWarnings, type BudgetThreshold } from '../../lib/report/budget';

describe('budget state', () => {
  it('warns at 80 % and at 100 %, and has nothing to say without a budget', () => {
    const cases: [number, number | null, string][] = [
      [0, 600, 'ok'],
      [479, 600, 'ok'],
      [480, 600, 'warn-80'],
      [599, 600, 'warn-80'],
      [600, 600, 'over-100'],
      [900, 600, 'over-100'],
      [4, 5, 'warn-80'],
      [3, 5, 'ok'],
      [100, null, 'ok'],
      [100, 0, 'ok'],
      [100, -60, 'ok'],
    ];
    for (const [used, budget, state] of cases) expect(budgetState(used, budget), `${used}/${budget}`).toBe(state);
  });

  it('shows whole percent, rounded down', () => {
    expect(budgetUse(479, 600)).toEqual({ budgetMinutes: 600, usedMinutes: 479, percent: 79, state: 'ok' });
    expect(budgetUse(900, 600)?.percent).toBe(150);
    expect(budgetUse(10, null)).toBe(null);
  });
});

describe('budget warnings, once per threshold', () => {
  it('shows each threshold the first time it is reached, both when jumping past both', () => {
    let warned: BudgetThreshold[] = [];
    const shown: BudgetThreshold[][] = [];
    for (const used of [100, 480, 500, 590, 600, 700, 40 * 60]) {
      const next = budgetWarnings(used, 600, warned);
      shown.push(next.show);
      warned = next.warned;
    }
    expect(shown).toEqual([[], ['warn-80'], [], [], ['over-100'], [], []]);
    expect(budgetWarnings(700, 600, []).show).toEqual(['warn-80', 'over-100']);
  });

  it('lets a warning come again once its threshold was left (budget raised, entry deleted)', () => {
    const after = budgetWarnings(300, 1200, ['warn-80', 'over-100']);
    expect(after).toEqual({ show: [], warned: [] });
    expect(budgetWarnings(1000, 1200, after.warned).show).toEqual(['warn-80']);
  });

  it('never shows a threshold twice over any sequence of uses (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 40 }), fc.integer({ min: 1, max: 1500 }), (uses, budget) => {
        let warned: BudgetThreshold[] = [];
        let previous = 'ok';
        for (const used of uses) {
          const { show, warned: next } = budgetWarnings(used, budget, warned);
          for (const t of show) expect(warned).not.toContain(t);
          // A threshold is shown only when the state reaches it after being below it.
          if (show.length > 0) expect(budgetState(used, budget)).not.toBe(previous);
          warned = next;
          previous = budgetState(used, budget);
        }
      }),
    );
  });
});
