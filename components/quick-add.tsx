import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { FIELD_LIMITS } from '../lib/model';

interface QuickAddProps {
  /** Creates the task; a rejection keeps the typed title in the field. */
  onAdd: (title: string) => Promise<void>;
}

/** Type a title, press Enter: a manual task. */
export function QuickAdd({ onAdd }: QuickAddProps) {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  // No maxLength on the field: the browser would cut a pasted text without a word (issue 15, 6).
  const tooLong = title.trim().length > FIELD_LIMITS.taskTitle;
  return (
    <form
      class="quick-add"
      onSubmit={async (event) => {
        event.preventDefault();
        const trimmed = title.trim();
        if (!trimmed || busy || tooLong) return;
        setBusy(true);
        try {
          await onAdd(trimmed);
          setTitle('');
        } catch {
          // The caller reported the failure; the title stays so nothing is lost.
        } finally {
          setBusy(false);
        }
      }}
    >
      <input
        type="text"
        aria-label={i18n.t('popup.quickAddLabel')}
        placeholder={i18n.t('popup.quickAddPlaceholder')}
        value={title}
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? 'quick-add-too-long' : undefined}
        onInput={(event) => setTitle(event.currentTarget.value)}
      />
      {tooLong && (
        <p id="quick-add-too-long" class="field-error" role="alert">
          {i18n.t('popup.quickAddTooLong', [String(FIELD_LIMITS.taskTitle), String(title.trim().length)])}
        </p>
      )}
    </form>
  );
}
