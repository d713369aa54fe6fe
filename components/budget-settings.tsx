import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { formatEuro } from '../lib/report/format';
import { setHourlyRate, setMonthlyBudget, type WorkspaceSettings } from '../lib/store';
import { formatDateTime } from '../lib/ui/format';
import { errorMessage } from '../lib/ui/labels';
import { parseRate } from '../lib/ui/time-log';
import { BudgetField } from './budget-field';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';

interface BudgetSettingsProps {
  settings: WorkspaceSettings;
  /** Only the client sets the rate and the monthly budget; the assistant sees them. */
  editable: boolean;
  locale: string;
}

/** The workspace's hourly rate with when it changed, and its monthly budget. */
export function BudgetSettings({ settings, editable, locale }: BudgetSettingsProps) {
  const db = useDb();
  const [rate, setRate] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const history = settings.rateHistory;
  const current = history.at(-1);

  return (
    <section class="rate-settings" aria-labelledby="rate-heading">
      <h2 id="rate-heading">{i18n.t('rate.heading')}</h2>
      <p>
        {current ? i18n.t('rate.current', [formatEuro(current.cents, locale), formatDateTime(current.from, locale)]) : i18n.t('rate.none')}
      </p>
      {history.length > 1 && (
        <ul class="rate-history">
          {history
            .slice(0, -1)
            .reverse()
            .map((change) => (
              <li key={change.from}>{i18n.t('rate.earlier', [formatEuro(change.cents, locale), formatDateTime(change.from, locale)])}</li>
            ))}
        </ul>
      )}
      <p class="hint">{i18n.t('rate.hint')}</p>
      {editable && (
        <form
          class="no-print"
          onSubmit={(event) => {
            event.preventDefault();
            const cents = parseRate(rate);
            if (cents === null) return setFailure(i18n.t('rate.invalid'));
            setHourlyRate(db, cents).then(
              () => {
                setRate('');
                setFailure(null);
              },
              (error: unknown) => setFailure(errorMessage('save', error)),
            );
          }}
        >
          <label>
            {i18n.t('rate.field')}
            <input type="text" inputMode="decimal" value={rate} onInput={(event) => setRate(event.currentTarget.value)} />
          </label>
          <button type="submit">{i18n.t('rate.save')}</button>
          <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
        </form>
      )}
      {editable && (
        <div class="no-print">
          <BudgetField
            label={i18n.t('budget.monthly')}
            budgetMinutes={settings.monthlyBudgetMinutes}
            onSave={(minutes) => setMonthlyBudget(db, minutes)}
          />
        </div>
      )}
    </section>
  );
}
