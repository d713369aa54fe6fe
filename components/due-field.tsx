import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';

interface DueFieldProps {
  due: string | null;
  onChange: (due: string | null) => void;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "No rush" (the default) or a due date. */
export function DueField({ due, onChange }: DueFieldProps) {
  const [noRush, setNoRush] = useState(due === null);
  const [day, setDay] = useState(due ?? '');
  const dateRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // A due date set elsewhere (another tab, sync) wins over this field's local state.
    if (due === null) return;
    setNoRush(false);
    setDay(due);
  }, [due]);
  return (
    <fieldset class="field due-field">
      <legend>{i18n.t('field.due')}</legend>
      <label class="inline">
        <input
          type="checkbox"
          checked={noRush}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setNoRush(checked);
            if (checked) onChange(null);
            else {
              onChange(DAY.test(day) ? day : null);
              queueMicrotask(() => dateRef.current?.focus());
            }
          }}
        />
        {i18n.t('field.noRush')}
      </label>
      <input
        ref={dateRef}
        type="date"
        aria-label={i18n.t('field.due')}
        value={day}
        disabled={noRush}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setDay(value);
          onChange(DAY.test(value) ? value : null);
        }}
      />
    </fieldset>
  );
}
