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
  return (
    <form
      class="quick-add"
      onSubmit={async (event) => {
        event.preventDefault();
        const trimmed = title.trim();
        if (!trimmed || busy) return;
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
        maxLength={FIELD_LIMITS.taskTitle}
        value={title}
        onInput={(event) => setTitle(event.currentTarget.value)}
      />
    </form>
  );
}
