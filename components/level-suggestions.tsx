import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { nextLevel } from '../lib/levels';
import type { TaskKind } from '../lib/model';
import { affectsLevelOverview } from '../lib/store';
import { getLevelOverview, setKindLevel, type LevelOverview } from '../lib/store/levels';
import { errorMessage } from '../lib/ui/labels';
import { raiseSuggestion } from '../lib/ui/levels';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { useRole } from './session-context';
import { useStoreQuery } from './use-store-query';

/** The client's suggestions to raise a kind's level, live; nothing when there are none, or for the assistant. */
export function LevelSuggestions() {
  const role = useRole();
  const { data } = useStoreQuery(getLevelOverview, affectsLevelOverview);
  return data && role === 'client' ? <LevelSuggestionList overview={data} /> : null;
}

/** One suggestion per kind that earned it; only the client's click raises the level. */
export function LevelSuggestionList({ overview }: { overview: LevelOverview }) {
  const db = useDb();
  const [failure, setFailure] = useState<string | null>(null);
  const raise = (kind: TaskKind, to: NonNullable<ReturnType<typeof nextLevel>>) =>
    setKindLevel(db, kind, to).then(
      () => setFailure(null),
      (error: unknown) => setFailure(errorMessage('save', error)),
    );
  if (overview.suggestions.length === 0) return <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />;
  return (
    <div class="level-suggestions">
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      {overview.suggestions.map((kind) => {
        const to = nextLevel(overview.levels[kind]);
        if (to === null) return null;
        return (
          <div key={kind} class="level-suggestion" role="group" aria-label={raiseSuggestion(kind, overview.counts[kind], to)}>
            <p>{raiseSuggestion(kind, overview.counts[kind], to)}</p>
            <button type="button" class="primary" onClick={() => void raise(kind, to)}>
              {i18n.t('level.raise', [String(to)])}
            </button>
          </div>
        );
      })}
    </div>
  );
}
