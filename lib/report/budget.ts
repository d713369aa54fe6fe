/**
 * Budgets (issue 10): how much of a task's, an occurrence's or the month's time budget is used,
 * and which warnings are due. Warnings come at 80 % and 100 %, once per threshold, and never
 * block the work. Budgets count exact minutes: rounding belongs to the report's billing only.
 */

export type BudgetState = 'ok' | 'warn-80' | 'over-100';
/** The thresholds a warning is given for, lowest first. */
export type BudgetThreshold = Exclude<BudgetState, 'ok'>;
export const BUDGET_THRESHOLDS: readonly BudgetThreshold[] = ['warn-80', 'over-100'];

/** A budget and how much of it is used. */
export interface BudgetUse {
  budgetMinutes: number;
  usedMinutes: number;
  /** Whole percent used, rounded down so "80 %" only shows once the warning is due. */
  percent: number;
  state: BudgetState;
}

function hasBudget(budgetMinutes: number | null | undefined): budgetMinutes is number {
  return typeof budgetMinutes === 'number' && Number.isFinite(budgetMinutes) && budgetMinutes > 0;
}

/** Where `usedMinutes` stands against a budget; no (or a non-positive) budget is always ok. */
export function budgetState(usedMinutes: number, budgetMinutes: number | null | undefined): BudgetState {
  if (!hasBudget(budgetMinutes)) return 'ok';
  // Integer comparison instead of a ratio: 80 % of a budget is reached exactly, without float error.
  if (usedMinutes >= budgetMinutes) return 'over-100';
  if (usedMinutes * 100 >= budgetMinutes * 80) return 'warn-80';
  return 'ok';
}

/** The budget's use, or null when there is no budget. */
export function budgetUse(usedMinutes: number, budgetMinutes: number | null | undefined): BudgetUse | null {
  if (!hasBudget(budgetMinutes)) return null;
  return {
    budgetMinutes,
    usedMinutes,
    percent: Math.floor((usedMinutes * 100) / budgetMinutes),
    state: budgetState(usedMinutes, budgetMinutes),
  };
}

/** The thresholds `state` has reached, lowest first. */
export function reachedThresholds(state: BudgetState): BudgetThreshold[] {
  return BUDGET_THRESHOLDS.slice(0, BUDGET_THRESHOLDS.indexOf(state as BudgetThreshold) + 1);
}

/**
 * Which warnings to show now, given those already given for this budget (`warned`, kept by the
 * caller per task, occurrence or month). `warned` comes back as what to keep: only thresholds
 * still reached, so a raised budget or a deleted entry lets a warning come again when the
 * threshold is crossed anew, while a threshold stays quiet for as long as it remains crossed.
 */
export function budgetWarnings(
  usedMinutes: number,
  budgetMinutes: number | null | undefined,
  warned: readonly BudgetThreshold[],
): { show: BudgetThreshold[]; warned: BudgetThreshold[] } {
  const reached = reachedThresholds(budgetState(usedMinutes, budgetMinutes));
  return { show: reached.filter((t) => !warned.includes(t)), warned: reached };
}
