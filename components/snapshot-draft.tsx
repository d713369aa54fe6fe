import { i18n } from '#i18n';
import { useId } from 'preact/hooks';
import type { DraftSnapshot, TaskDraft } from '../lib/model';
import { uiLocale } from '../lib/browser/ui-locale';
import { snapshotSize } from '../lib/snapshot/draft-snapshot';
import { formatSize } from '../lib/snapshot/view';

interface SnapshotDraftProps {
  draft: Pick<TaskDraft, 'snapshot' | 'snapshotText' | 'snapshotMissing'>;
  onChange: (snapshot: DraftSnapshot) => void;
}

/** The draft's page snapshot: its size, whether it was shortened, and whether it goes with the task; or why there is none. */
export function SnapshotDraft({ draft, onChange }: SnapshotDraftProps) {
  const id = useId();
  const { snapshot, snapshotText, snapshotMissing } = draft;
  if (snapshotMissing) {
    return (
      <p class="hint">{i18n.t(snapshotMissing === 'no-readable-content' ? 'snapshot.missingNoText' : 'snapshot.missingNotCaptured')}</p>
    );
  }
  if (!snapshot || !snapshotText) return null;
  return (
    <section class="snapshot-draft" aria-labelledby={`${id}-size`}>
      <p id={`${id}-size`} class="hint">
        {i18n.t('snapshot.draftSize', [formatSize(snapshotSize(snapshotText), uiLocale())])}
        {snapshot.shortened && ` ${i18n.t('snapshot.draftShortened')}`}
      </p>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={snapshot.include}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onChange({ ...snapshot, include: event.currentTarget.checked })}
        />
        {i18n.t('snapshot.include')}
      </label>
      <p id={`${id}-hint`} class="hint">
        {i18n.t('snapshot.includeHint')}
      </p>
    </section>
  );
}
