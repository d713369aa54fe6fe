import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { budgetUse, budgetWarnings, type BudgetThreshold } from '../lib/report/budget';
import { getBudgetWarned, setBudgetWarned } from '../lib/store';
import { formatMinutes } from '../lib/ui/time-log';
import { useDb } from './db-context';

interface BudgetBarProps {
  /** Whose budget: a task id (warnings are remembered per key on this device). */
  budgetKey: string;
  title: string;
  usedMinutes: number;
  budgetMinutes: number | null;
}

/**
 * A budget's progress, the same for both sides, with a warning at 80 % and at 100 %, each shown
 * once for as long as its threshold stays crossed; never blocking the work.
 */
export function BudgetBar({ budgetKey, title, usedMinutes, budgetMinutes }: BudgetBarProps) {
  const db = useDb();
  const [warning, setWarning] = useState<BudgetThreshold | null>(null);
  const use = budgetUse(usedMinutes, budgetMinutes);

  useEffect(() => {
    let alive = true;
    void getBudgetWarned(db, budgetKey).then(async (warned) => {
      const { show, warned: keep } = budgetWarnings(usedMinutes, budgetMinutes, warned);
      if (JSON.stringify(keep) !== JSON.stringify(warned)) await setBudgetWarned(db, budgetKey, keep);
      if (alive && show.length > 0) setWarning(show[show.length - 1]);
    });
    return () => {
      alive = false;
    };
  }, [db, budgetKey, usedMinutes, budgetMinutes]);

  if (!use) return <p class="hint">{i18n.t('budget.none')}</p>;
  return (
    <div class={`budget budget-${use.state}`}>
      <label class="budget-label">
        {i18n.t('budget.used', [formatMinutes(use.usedMinutes), formatMinutes(use.budgetMinutes), String(use.percent)])}
        <progress max={use.budgetMinutes} value={Math.min(use.usedMinutes, use.budgetMinutes)} />
      </label>
      {warning && (
        <div role="alert" class="alert budget-warning">
          <span>{i18n.t(warning === 'warn-80' ? 'budget.warn80' : 'budget.over100', [title])}</span>
          <button type="button" class="link-button" onClick={() => setWarning(null)}>
            {i18n.t('common.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
