import { i18n } from '#i18n';
import { useId, useState } from 'preact/hooks';
import { errorMessage } from '../lib/ui/labels';
import { formatMinutes, parseBudget } from '../lib/ui/time-log';
import { ErrorAlert } from './error-alert';

interface BudgetFieldProps {
  label: string;
  budgetMinutes: number | null;
  /** Stores the budget (null clears it). */
  onSave: (minutes: number | null) => Promise<void>;
}

/** The client's field for a time budget (h:mm); refuses what is not a budget, storing nothing. */
export function BudgetField({ label, budgetMinutes, onSave }: BudgetFieldProps) {
  const id = useId();
  const [value, setValue] = useState(budgetMinutes === null ? '' : formatMinutes(budgetMinutes).replace(' h', ''));
  const [failure, setFailure] = useState<string | null>(null);

  const save = async (minutes: number | null) => {
    try {
      await onSave(minutes);
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage('save', error));
    }
  };

  return (
    <form
      class="budget-field"
      onSubmit={(event) => {
        event.preventDefault();
        const minutes = parseBudget(value);
        if (minutes === null) setFailure(i18n.t('budget.invalid'));
        else void save(minutes);
      }}
    >
      <label for={`${id}-budget`}>{label}</label>
      <input
        id={`${id}-budget`}
        type="text"
        inputMode="decimal"
        placeholder="12:30"
        value={value}
        onInput={(event) => setValue(event.currentTarget.value)}
      />
      <button type="submit">{i18n.t('budget.set')}</button>
      {budgetMinutes !== null && (
        <button
          type="button"
          class="link-button"
          onClick={() => {
            setValue('');
            void save(null);
          }}
        >
          {i18n.t('budget.clear')}
        </button>
      )}
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
    </form>
  );
}
