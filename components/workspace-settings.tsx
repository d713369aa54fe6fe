import { i18n } from '#i18n';
import { useId, useState } from 'preact/hooks';
import { FIELD_LIMITS, LEVELS, TASK_KINDS, type Level, type Role, type TaskKind } from '../lib/model';
import { affectsLevelOverview } from '../lib/store';
import { getLevelOverview, setKindLevel, setSuggestAfter, type LevelOverview } from '../lib/store/levels';
import { uiLocale } from '../lib/browser/ui-locale';
import { authorLabel } from '../lib/ui/authors';
import { errorMessage, kindLabel } from '../lib/ui/labels';
import { historyEntry, levelBadge } from '../lib/ui/levels';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { LevelBadge } from './level-badge';
import { LevelSuggestionList } from './level-suggestions';
import { useSession } from './session-context';
import { useStoreQuery } from './use-store-query';

/** The workspace's delegation levels, live: per kind the level, the trust count and the history. */
export function WorkspaceSettings() {
  const { data } = useStoreQuery(getLevelOverview, affectsLevelOverview);
  const { data: session } = useSession();
  if (!data || !session) return null;
  const author = (device: string) => authorLabel(device, session.me, session.role, session.devices);
  return <LevelSettings overview={data} role={session.role} author={author} />;
}

interface LevelSettingsProps {
  overview: LevelOverview;
  role: Role;
  /** The words for the device that made a change. */
  author: (device: string) => string;
}

/** The client sets each kind's level and sees what trust it earned; the assistant reads the levels. */
export function LevelSettings({ overview, role, author }: LevelSettingsProps) {
  const db = useDb();
  const id = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const client = role === 'client';
  const save = (write: Promise<void>) =>
    write.then(
      () => setFailure(null),
      (error: unknown) => setFailure(errorMessage('save', error)),
    );
  const locale = uiLocale();
  return (
    <section class="workspace-settings" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{i18n.t('level.heading')}</h2>
      <p class="hint">{client ? i18n.t('level.intro') : i18n.t('level.introAssistant')}</p>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      {client && <LevelSuggestionList overview={overview} />}
      {TASK_KINDS.map((kind) => (
        <KindLevelRow key={kind} kind={kind} overview={overview} role={role} onSet={(level) => void save(setKindLevel(db, kind, level))} />
      ))}
      {client && (
        <div class="field">
          <label for={`${id}-suggest`}>{i18n.t('level.suggestAfter')}</label>
          <input
            id={`${id}-suggest`}
            type="number"
            min={1}
            max={FIELD_LIMITS.levelSuggestAfter}
            value={overview.suggestAfter}
            onChange={(event) => {
              const count = Number(event.currentTarget.value);
              if (Number.isInteger(count) && count >= 1 && count <= FIELD_LIMITS.levelSuggestAfter) void save(setSuggestAfter(db, count));
            }}
          />
        </div>
      )}
      <h3 class="subheading">{i18n.t('level.historyHeading')}</h3>
      {overview.history.length === 0 ? (
        <p class="hint">{i18n.t('level.historyEmpty')}</p>
      ) : (
        <ul class="level-history">
          {overview.history.map((change) => (
            <li key={`${change.kind}-${change.at}-${change.by}`}>{historyEntry(change, author(change.by), locale)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface KindLevelRowProps {
  kind: TaskKind;
  overview: LevelOverview;
  role: Role;
  onSet: (level: Level) => void;
}

function KindLevelRow({ kind, overview, role, onSet }: KindLevelRowProps) {
  const id = useId();
  const level = overview.levels[kind];
  if (role === 'assistant') {
    return (
      <div class="field">
        <h3 class="subheading">{kindLabel(kind)}</h3>
        <LevelBadge level={level} role={role} />
      </div>
    );
  }
  return (
    <div class="field">
      <label for={`${id}-level`}>{kindLabel(kind)}</label>
      <select id={`${id}-level`} value={String(level)} onChange={(event) => onSet(Number(event.currentTarget.value) as Level)}>
        {LEVELS.map((option) => (
          <option key={option} value={String(option)}>
            {levelBadge(option)}
          </option>
        ))}
      </select>
      <p class="hint">{i18n.t('level.accepted', [String(overview.counts[kind])])}</p>
    </div>
  );
}
