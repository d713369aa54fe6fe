import { i18n } from '#i18n';
import type { SaveState } from '../lib/ui/autosave';

/** "Saving…" / "Saved", announced politely; silent before the first edit. */
export function SaveIndicator({ state }: { state: SaveState }) {
  const text =
    state === 'pending' || state === 'saving'
      ? i18n.t('save.saving')
      : state === 'saved'
        ? i18n.t('save.saved')
        : state === 'error'
          ? i18n.t('save.unsaved')
          : '';
  return (
    <span class={`save-state save-${state}`} role="status" aria-live="polite">
      {text}
    </span>
  );
}
